// The local runtime on a shared machine (issue 16 item 7): DynamoDB Local answers on loopback only, the web server
// refuses a forged Host (DNS rebinding) and a cross-site text/plain POST to /_local/clock, and the data dir belongs to
// this user alone.
import { lstatSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { request } from "node:http";
import { connect } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalRuntime, type LocalRuntime } from "../../packages/local/src/runtime/runtime";

/** A raw HTTP request, so the test chooses the Host header (fetch derives it from the URL). */
function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = request(url, { method: options.method ?? "GET", headers: options.headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", fail);
    req.end(options.body);
  });
}

/** Whether a TCP connection to host:port is accepted (refused or timed out: false). */
function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host, port, timeout: 3000 });
    socket.once("connect", () => {
      socket.destroy();
      done(true);
    });
    socket.once("timeout", () => {
      socket.destroy();
      done(false);
    });
    socket.once("error", () => done(false));
  });
}

/** The first address of this machine that is not loopback (IPv4 preferred), if any. */
function nonLoopbackAddress(): string | undefined {
  const all = Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((a) => !a.internal && !(a.family === "IPv6" && a.address.startsWith("fe80")));
  return (all.find((a) => a.family === "IPv4") ?? all[0])?.address;
}

/** Every path under dir with its permission bits. */
function modesUnder(dir: string): { path: string; dir: boolean; mode: number }[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return [];
    const self = { path, dir: stat.isDirectory(), mode: stat.mode & 0o777 };
    return stat.isDirectory() ? [self, ...modesUnder(path)] : [self];
  });
}

const otherAddress = nonLoopbackAddress();

describe("local runtime on a shared machine", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "kinerja-sec-"));
  let rt: LocalRuntime;
  let port: number;
  beforeAll(async () => {
    rt = await createLocalRuntime({
      dataDir,
      port: 0,
      statesPort: 0,
      dynamoPort: 0,
      startAt: new Date("2027-01-04T01:00:00Z"),
    });
    port = Number(new URL(rt.urls.web).port);
  }, 180_000);
  afterAll(async () => {
    await rt?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("refuses a forged Host header (DNS rebinding) with 421 in Indonesian, also for /_local/mail", async () => {
    for (const path of ["/_local/mail", "/healthz", "/dashboard"]) {
      const res = await send(`${rt.urls.web}${path}`, { headers: { host: `attacker.example:${port}` } });
      expect(res.status, path).toBe(421);
      expect(res.body).toContain("tidak dilayani");
    }
    // The right name on another port is another origin too.
    expect(
      (await send(`${rt.urls.web}/healthz`, { headers: { host: `localhost:${port + 1}` } })).status,
    ).toBe(421);
  });

  it("guards the local OIDC provider like the rest of /_local: foreign Host 421, cross-site form POST 403", async () => {
    const config = await send(`${rt.urls.web}/_local/oidc/.well-known/openid-configuration`, {
      headers: { host: `attacker.example:${port}` },
    });
    expect(config.status).toBe(421);
    const token = await send(`${rt.urls.web}/_local/oidc/token`, {
      method: "POST",
      headers: {
        host: `127.0.0.1:${port}`,
        "content-type": "application/x-www-form-urlencoded",
        origin: "https://attacker.example",
        "sec-fetch-site": "cross-site",
      },
      body: "grant_type=authorization_code&code=x",
    });
    expect(token.status).toBe(403);
    expect(token.body).toContain("ditolak");
    // The same form post from the server's own origin reaches the provider (which refuses the unauthenticated request itself, in OAuth JSON).
    const own = await send(`${rt.urls.web}/_local/oidc/token`, {
      method: "POST",
      headers: {
        host: `127.0.0.1:${port}`,
        "content-type": "application/x-www-form-urlencoded",
        origin: `http://127.0.0.1:${port}`,
      },
      body: "grant_type=authorization_code&code=x",
    });
    expect(own.status).toBe(400);
    expect(JSON.parse(own.body)).toMatchObject({ error: "invalid_request" });
  });

  it("serves the loopback names with its port", async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
      const res = await send(`${rt.urls.web}/healthz`, { headers: { host } });
      expect(res.status, host).toBe(200);
    }
  });

  it("refuses a cross-site text/plain POST to /_local/clock with 403 and leaves the clock alone", async () => {
    const before = rt.clockState();
    const res = await send(`${rt.urls.web}/_local/clock`, {
      method: "POST",
      headers: {
        host: `127.0.0.1:${port}`,
        "content-type": "text/plain",
        origin: "https://attacker.example",
        "sec-fetch-site": "cross-site",
      },
      body: JSON.stringify({ advance: "P30D" }),
    });
    expect(res.status).toBe(403);
    expect(res.body).toContain("ditolak");
    // JSON from another origin is refused too (a preflight would have been needed, but say so anyway).
    const json = await send(`${rt.urls.web}/_local/clock`, {
      method: "POST",
      headers: {
        host: `127.0.0.1:${port}`,
        "content-type": "application/json",
        origin: "https://attacker.example",
      },
      body: JSON.stringify({ advance: "P30D" }),
    });
    expect(json.status).toBe(403);
    expect(rt.clockState().offsetMs).toBe(before.offsetMs);
  });

  it("accepts a same-origin JSON POST to /_local/clock (the page itself, the CLI)", async () => {
    const before = Date.parse(rt.clockState().now);
    const res = await send(`${rt.urls.web}/_local/clock`, {
      method: "POST",
      headers: {
        host: `127.0.0.1:${port}`,
        "content-type": "application/json",
        origin: `http://127.0.0.1:${port}`,
        "sec-fetch-site": "same-origin",
      },
      body: JSON.stringify({ advance: "PT1H" }),
    });
    expect(res.status).toBe(200);
    expect(Date.parse(rt.clockState().now)).toBeGreaterThanOrEqual(before + 3_600_000);
  });

  it("binds DynamoDB Local to 127.0.0.1: reachable on loopback, not on this machine's other address", async (ctx) => {
    const dynamoPort = Number(new URL(rt.urls.dynamodb).port);
    expect(new URL(rt.urls.dynamodb).hostname).toBe("127.0.0.1");
    expect(await reachable("127.0.0.1", dynamoPort)).toBe(true);
    if (!otherAddress) {
      ctx.skip("this machine has no non-loopback network address to try DynamoDB Local on");
      return;
    }
    expect(await reachable(otherAddress, dynamoPort), `DynamoDB Local answered on ${otherAddress}`).toBe(
      false,
    );
  });

  it("keeps the data dir to this user: directories 0700, files 0600", () => {
    const modes = modesUnder(dataDir);
    expect(modes.some((m) => m.path.endsWith("hr-token"))).toBe(true);
    expect(modes.some((m) => m.path.includes("dynamodb") && !m.dir)).toBe(true);
    expect(lstatSync(dataDir).mode & 0o777).toBe(0o700);
    for (const m of modes) expect(m.mode.toString(8), m.path).toBe(m.dir ? "700" : "600");
  });
});
