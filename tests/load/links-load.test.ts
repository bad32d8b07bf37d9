// The fast slice of the links load test (npm test): 100 links, 20 clients. The full 1,000/100 runs in `npm run test:faults`.
import { defineLinksLoad } from "./links-load";

defineLinksLoad(100, 20);
