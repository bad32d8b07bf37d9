// The CLI's client commands are HTTP clients of a running runtime: building the command tree and running one must not
// load the runtime, the demo or the doctor (loading the runtime cost every `kinerja` call about 2.5 s of CPU). Here
// each of them is a module that fails when loaded, so a static import of one fails this file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildProgram } from "../../packages/local/src/cli/main";
import { RuntimeNotRunningError } from "../../packages/local/src/cli/cli.errors";

/** The heavy modules that were loaded, in order. */
const loaded = vi.hoisted(() => [] as string[]);
vi.mock("../../packages/local/src/runtime/runtime", () => {
  loaded.push("runtime");
  throw new Error("the CLI loaded the runtime");
});
vi.mock("../../packages/local/src/demo/run-demo", () => {
  loaded.push("demo");
  throw new Error("the CLI loaded the demo");
});
vi.mock("../../packages/local/src/doctor/doctor-command", () => {
  loaded.push("doctor");
  throw new Error("the CLI loaded the doctor");
});

const dataDir = mkdtempSync(join(tmpdir(), "kinerja-cli-lazy-"));
const port = process.env.PORT;
beforeAll(() => {
  // A port nothing listens on, so the client command finds no runtime.
  process.env.PORT = "9";
});
afterAll(() => {
  if (port === undefined) delete process.env.PORT;
  else process.env.PORT = port;
  rmSync(dataDir, { recursive: true, force: true });
});

const run = (...args: string[]) =>
  buildProgram().parseAsync(["node", "kinerja", "--data-dir", dataDir, ...args]);

describe("the kinerja CLI loads the runtime only for the commands that run it", () => {
  it("builds its help without loading the runtime, the demo or the doctor", () => {
    const help = buildProgram().helpInformation();
    for (const command of ["dev", "demo", "cycle", "clock", "doctor"]) expect(help).toContain(command);
    expect(loaded).toEqual([]);
  });

  it("runs a client command as an HTTP client only", async () => {
    await expect(run("clock", "show")).rejects.toBeInstanceOf(RuntimeNotRunningError);
    await expect(run("cycle", "status")).rejects.toBeInstanceOf(RuntimeNotRunningError);
    expect(loaded).toEqual([]);
  });

  it("loads what a local command needs when it runs (the modules above really fail when loaded)", async () => {
    await expect(run("doctor")).rejects.toThrow();
    expect(loaded).toEqual(["doctor"]);
  });
});
