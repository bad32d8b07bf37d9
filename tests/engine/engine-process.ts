// The engine as its own process (packages/local/src/engine-host/cli-server.ts) on a SQLite file, for the tests that kill it.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { SFNClient } from "@aws-sdk/client-sfn";

const root = join(import.meta.dirname, "../..");

export interface EngineProcess {
  child: ChildProcessWithoutNullStreams;
  endpoint: string;
  sfn: SFNClient;
  /** Resolves when the process has exited. */
  exited: Promise<unknown>;
  /** Writes one line to the server's stdin ("advance <ms>") and answers its reply line. */
  command(line: string): Promise<string>;
}

/** Starts the engine server on `db` with the Lambda registry `lambdas`; `children` collects it for afterAll's kill. */
export async function startEngineProcess(options: {
  db: string;
  lambdas: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
  children: ChildProcessWithoutNullStreams[];
}): Promise<EngineProcess> {
  const child = spawn(
    process.execPath,
    // tsx as a loader in this very process (not its CLI, which runs the script in a grandchild): a SIGKILL then kills
    // the engine itself, and afterAll leaves no orphan behind.
    [
      "--import",
      "tsx",
      "packages/local/src/engine-host/cli-server.ts",
      "--db",
      options.db,
      "--port",
      "0",
      "--lambdas",
      options.lambdas,
      ...(options.args ?? []),
    ],
    { cwd: root, env: options.env ?? process.env },
  );
  options.children.push(child);
  const exited = new Promise((r) => child.once("exit", r));
  const lines = createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  lines.on("line", (line) => waiting.shift()?.(line));
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const first = await new Promise<string>((resolve, reject) => {
    waiting.push(resolve);
    child.once("exit", (code) => reject(new Error(`engine exited ${code}: ${stderr}`)));
  });
  const endpoint = /^listening (\S+)$/.exec(first)![1]!;
  const sfn = new SFNClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "l", secretAccessKey: "l" },
    maxAttempts: 1,
  });
  return {
    child,
    endpoint,
    sfn,
    exited,
    command: (line) =>
      new Promise((resolve) => {
        waiting.push(resolve);
        child.stdin.write(line + "\n");
      }),
  };
}
