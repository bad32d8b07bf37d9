import { describeDeployment } from "./deployment-suite";

// kinerja's own registry (workflows/registry.ts), schedule specs and handlers, as `npm run synth` deploys them.
describeDeployment("kinerja registry", "prod", () => undefined);
