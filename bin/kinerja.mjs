#!/usr/bin/env node
// Entry of the `kinerja` CLI: loads the TypeScript sources through tsx, then runs the CLI.
import { register } from "tsx/esm/api";
register();
const { main } = await import("../packages/local/src/cli/main.ts");
await main(process.argv);
