import type { SSTConfig } from "sst";
import { APP_NAME } from "./workflows/registry";
import { Api } from "./stacks/api";
import { pinSstInternalsRuntime } from "./stacks/functions";
import { Mail } from "./stacks/mail";
import { Monitoring } from "./stacks/monitoring";
import { Schedules } from "./stacks/schedules";
import { Secrets } from "./stacks/secrets";
import { Storage } from "./stacks/storage";
import { Workflows } from "./stacks/workflows";

export default {
  config(input) {
    return { name: APP_NAME, region: input.region ?? "ap-southeast-3" };
  },
  stacks(app) {
    app
      .stack(Secrets)
      .stack(Storage)
      .stack(Mail)
      .stack(Api)
      .stack(Workflows)
      .stack(Schedules)
      .stack(Monitoring);
    pinSstInternalsRuntime(app);
  },
} satisfies SSTConfig;
