import { fixtureSources } from "./fixtures/sources";
import { describeDeployment } from "./deployment-suite";

// The stacks' behaviour on a small registry (two machines, one self-starting, three steps, one schedule).
describeDeployment("fixture registry", "production", fixtureSources);
