// Runs the local Step Functions engine as its own process (durability tests, manual use):
//   tsx packages/local/src/engine-host/cli-server.ts --db <file> [--port 8083] [--lambdas <module>] [--offset-ms <n>]
// The lambda module exports `handlers` (or a default export): a record of function name -> handler.
// Reads "advance <ms>" lines on stdin and answers "advanced <ISO time>" so a parent process can move the clock.
import { createInterface } from "node:readline";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { createOffsetClock } from "@kinerja/core/clock/clock";
import { createLocalStates, type LambdaResolver } from "../engine/index";

type HandlerMap = Record<string, (event: unknown, context: unknown) => Promise<unknown>>;

async function main() {
  const { values } = parseArgs({
    options: {
      db: { type: "string" },
      port: { type: "string", default: "8083" },
      lambdas: { type: "string" },
      "offset-ms": { type: "string", default: "0" },
    },
  });
  if (!values.db) throw new Error("--db <file> is required");
  let handlers: HandlerMap = {};
  if (values.lambdas) {
    const mod = (await import(pathToFileURL(resolve(values.lambdas)).href)) as {
      handlers?: HandlerMap;
      default?: HandlerMap;
    };
    handlers = mod.handlers ?? mod.default ?? {};
  }
  const lambdas: LambdaResolver = (name) =>
    (Object.prototype.hasOwnProperty.call(handlers, name)
      ? handlers[name]
      : undefined) as ReturnType<LambdaResolver>;
  const clock = createOffsetClock(Number(values["offset-ms"]));
  const states = await createLocalStates({ dbPath: values.db, clock, lambdas, port: Number(values.port) });
  process.stdout.write(`listening ${states.endpoint}\n`);

  const lines = createInterface({ input: process.stdin });
  lines.on("line", (line) => {
    const match = /^advance (\d+)$/.exec(line.trim());
    if (!match) return void process.stdout.write(`error unknown command: ${line}\n`);
    states.engine.advance(Number(match[1])).then(
      (at) => process.stdout.write(`advanced ${at.toISOString()} offset ${clock.offsetMs()}\n`),
      (error: unknown) => process.stdout.write(`error ${String(error)}\n`),
    );
  });
  const stop = () => void states.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
