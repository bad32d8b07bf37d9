// How CLI commands reach a running dev runtime: its address from `<data dir>/runtime.json` (written at start), the HR
// token from `<data dir>/hr-token`, and clear errors when nothing answers.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import * as v from "valibot";
import { RUNTIME_FILE } from "../runtime/runtime";
import { CliError, RuntimeNotRunningError } from "./cli.errors";

const RuntimeFileSchema = v.object({ url: v.pipe(v.string(), v.url()), pid: v.number() });

/** The data dir the CLI uses: `--data-dir`, else KINERJA_DATA_DIR, else `.kinerja` in the current directory. */
export function dataDirOf(option: string | undefined): string {
  return resolve(option ?? process.env.KINERJA_DATA_DIR ?? ".kinerja");
}

/** A JSON answer (or the text of a CSV) from the runtime. */
export interface RuntimeResponse {
  status: number;
  contentType: string;
  body: unknown;
  text: string;
}

/** A client bound to one running dev runtime. */
export interface RuntimeClient {
  url: string;
  request(
    method: string,
    path: string,
    options?: { json?: unknown; csv?: string; auth?: boolean },
  ): Promise<RuntimeResponse>;
}

/** Finds the runtime of `dataDir` (or PORT) and returns a client; requests without a runtime fail with a clear message. */
export function runtimeClient(dataDir: string): RuntimeClient {
  const file = join(dataDir, RUNTIME_FILE);
  let url = `http://127.0.0.1:${process.env.PORT ?? 3000}`;
  if (existsSync(file)) {
    const parsed = v.safeParse(RuntimeFileSchema, JSON.parse(readFileSync(file, "utf8")));
    if (parsed.success) url = parsed.output.url;
  }
  const notRunning = (cause?: unknown) =>
    new RuntimeNotRunningError(
      `kinerja is not running at ${url} (data dir ${dataDir}). Start it first with \`npm start\` (or \`kinerja dev\`) in another terminal.`,
      { cause },
    );
  return {
    url,
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { accept: "application/json" };
      if (options.auth !== false) {
        const tokenFile = join(dataDir, "hr-token");
        if (!existsSync(tokenFile)) throw notRunning();
        headers.authorization = `Bearer ${readFileSync(tokenFile, "utf8").trim()}`;
      }
      let body: string | undefined;
      if (options.json !== undefined) {
        headers["content-type"] = "application/json";
        body = JSON.stringify(options.json);
      } else if (options.csv !== undefined) {
        headers["content-type"] = "text/csv";
        body = options.csv;
      }
      let response: Response;
      try {
        response = await fetch(url + path, { method, headers, body });
      } catch (error) {
        throw notRunning(error);
      }
      const text = await response.text();
      const contentType = response.headers.get("content-type") ?? "";
      let parsed: unknown = text;
      if (contentType.includes("json") && text) {
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = text;
        }
      }
      return { status: response.status, contentType, body: parsed, text };
    },
  };
}

/** Turns a problem+json answer into a readable multi-line error. */
export function problemError(what: string, response: RuntimeResponse): CliError {
  const problem = (typeof response.body === "object" && response.body !== null ? response.body : {}) as {
    title?: string;
    detail?: string;
    errors?: { path?: string; line?: number; field?: string; message: string }[];
  };
  const lines = [
    `${what} failed: ${response.status} ${problem.title ?? (response.text.slice(0, 200) || "no answer")}`,
  ];
  if (problem.detail) lines.push(`  ${problem.detail}`);
  for (const e of problem.errors ?? []) {
    const where =
      e.line !== undefined ? `line ${e.line}${e.field ? `, ${e.field}` : ""}` : e.path || "(body)";
    lines.push(`  ${where}: ${e.message}`);
  }
  if (response.status === 401)
    lines.push("  The HR token in the data dir was not accepted; restart `npm start` to write a fresh one.");
  if (response.status === 404 && problem.title === "Not found")
    lines.push("  This runtime does not serve that route.");
  return new CliError(lines.join("\n"));
}
