// How CLI commands reach a running dev runtime: its address from `<data dir>/runtime.json` (written at start), the HR
// token from `<data dir>/hr-token`, and clear errors when nothing answers. Requests ask for Indonesian
// (Accept-Language: id), so the problem details the CLI prints are the API's Indonesian ones.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import * as v from "valibot";
import { hasLabel, labelOf } from "@kinerja/core/i18n/labels";
import { RUNTIME_FILE } from "../runtime/runtime-file";
import { CliError, RuntimeNotRunningError } from "./cli.errors";
import { say } from "./say";

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
    new RuntimeNotRunningError(say("cliNotRunning", { url, dir: dataDir }), { cause });
  return {
    url,
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { accept: "application/json", "accept-language": "id" };
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

/** A field of a request body as HR reads it: its label where the dictionary has one ("Akhir periode (periodEnd)"). */
function fieldText(path: string): string {
  const head = path.split(".")[0]!;
  return hasLabel("detailField", head) ? `${labelOf("detailField", head)} (${path})` : path;
}

/** Turns a problem+json answer into a readable multi-line error, in Indonesian (`what` names the action). */
export function problemError(what: string, response: RuntimeResponse): CliError {
  const problem = (typeof response.body === "object" && response.body !== null ? response.body : {}) as {
    title?: string;
    detail?: string;
    errors?: { path?: string; line?: number; field?: string; message: string }[];
  };
  const lines = [
    say("cliRequestFailed", {
      what,
      status: String(response.status),
      title: problem.title ?? (response.text.slice(0, 200) || say("cliNoAnswer")),
    }),
  ];
  if (problem.detail) lines.push(`  ${problem.detail}`);
  for (const e of problem.errors ?? []) {
    const where =
      e.line !== undefined
        ? e.field
          ? say("cliLineField", { line: String(e.line), field: e.field })
          : say("cliLine", { line: String(e.line) })
        : e.path && e.path !== "(body)"
          ? fieldText(e.path)
          : say("cliWholeBody");
    lines.push(`  ${where}: ${e.message}`);
  }
  if (response.status === 401) lines.push(`  ${say("cliTokenRefused")}`);
  // A route the runtime does not know answers the bare status title (no detail, no errors).
  if (response.status === 404 && !problem.detail && !problem.errors?.length)
    lines.push(`  ${say("cliRouteMissing")}`);
  return new CliError(lines.join("\n"));
}
