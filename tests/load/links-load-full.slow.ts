// The full links load test (npm run test:faults): 1,000 different links decided by 100 concurrent clients.
import { defineLinksLoad } from "./links-load";

defineLinksLoad(1000, 100);
