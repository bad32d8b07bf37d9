import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

// `unshare -rn` runs the synthesis in a new network namespace with no interface but loopback: any AWS call would fail.
const unshareWorks = spawnSync("unshare", ["-rn", "true"]).status === 0;

describe.skipIf(!unshareWorks)("offline synthesis", () => {
  it("synthesises every stack, bundles included, with no network at all", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "kinerja-offline-"));
    try {
      const script = [
        `const { synthesize, writeTemplates } = await import(${JSON.stringify(path.resolve("stacks/synth.ts"))});`,
        `const { fixtureSources } = await import(${JSON.stringify(path.resolve("tests/stacks/fixtures/sources.ts"))});`,
        `const { assembly } = await synthesize({ stage: "offline", sources: fixtureSources(), outdir: ${JSON.stringify(dir)} });`,
        `await writeTemplates(assembly, ${JSON.stringify(path.join(dir, "templates"))});`,
      ].join("\n");
      const result = spawnSync(
        "unshare",
        ["-rn", process.execPath, "--import", "tsx", "--input-type=module", "-e", script],
        {
          encoding: "utf8",
          timeout: 90_000,
          env: {
            ...process.env,
            AWS_ACCESS_KEY_ID: "",
            AWS_SECRET_ACCESS_KEY: "",
            AWS_PROFILE: "none-offline",
          },
        },
      );
      expect(result.status, result.stderr).toBe(0);
      expect(readdirSync(path.join(dir, "templates")).sort()).toEqual(
        ["Api", "Mail", "Monitoring", "Schedules", "Secrets", "Storage", "Workflows"].map(
          (s) => `offline-kinerja-${s}.template.json`,
        ),
      );
      expect(existsSync(path.join(dir, "artifacts"))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
