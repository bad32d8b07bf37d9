// The dashboard's OIDC sign-in over real HTTP against the local provider (oidc-provider), without a browser: the
// cookies are carried by hand, so each check can alter exactly one thing (the state, the session cookie, the clock).
// Only routes that never reach the HR services are called, so the app runs without DynamoDB.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOffsetClock } from "../../../packages/core/src/clock/clock";
import { t } from "../../../packages/core/src/i18n/messages";
import type { HrDeps } from "../../../packages/core/src/hr/hr-deps";
import { createApp } from "../../../packages/web/src/app";
import { createDevIssuer, generateDevIssuerKey } from "../../../packages/web/src/auth/dev-issuer";
import { SESSION_COOKIE } from "../../../packages/web/src/auth/hr-auth";
import { serveWithSignIn, type DevAccounts } from "../../browser/sign-in";

const PAGE = "/dashboard/templates/employees.csv";

/** A browser's cookie jar, reduced to what these flows need (one value per name). */
class Jar {
  readonly cookies = new Map<string, string>();
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  take(res: Response): Response {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      const value = pair!.slice(at + 1);
      if (value === "" || /max-age=0|expires=Thu, 01 Jan 1970/i.test(line))
        this.cookies.delete(pair!.slice(0, at));
      else this.cookies.set(pair!.slice(0, at), value);
    }
    return res;
  }
}

describe("dashboard sign-in through the local OIDC provider", () => {
  const clock = createOffsetClock(0);
  let served: Awaited<ReturnType<typeof serveWithSignIn>>;
  let base: string;
  let accounts: DevAccounts;

  beforeAll(async () => {
    const issuer = await createDevIssuer({ key: await generateDevIssuerKey(), clock });
    // The routes called here stop at the guard or serve a template: the HR services are never reached.
    const hr = { clock } as unknown as HrDeps;
    served = await serveWithSignIn({ appWith: (auth) => createApp({ hr, auth }), issuer, world: { clock } });
    ({ base, accounts } = served);
  });
  afterAll(() => served?.close());

  const get = (jar: Jar, url: string) =>
    fetch(new URL(url, base), { redirect: "manual", headers: { cookie: jar.header() } }).then((r) =>
      jar.take(r),
    );
  const location = (res: Response) => res.headers.get("location") ?? "";

  /** Runs the flow up to the IdP's redirect back to the callback; returns the callback URL. */
  async function untilCallback(jar: Jar, role: "hr" | "viewer", next = PAGE): Promise<string> {
    const start = await get(jar, `/dashboard/login?next=${encodeURIComponent(next)}`);
    expect(start.status).toBe(302);
    expect(location(start)).toMatch(/code_challenge_method=S256/);
    const interaction = await get(jar, location(start));
    const form = await get(jar, location(interaction));
    const html = await form.text();
    expect(html).toContain(t("oidcLoginPassword", "id"));
    const action = /action="([^"]+)"/.exec(html)![1]!;
    const login = jar.take(
      await fetch(new URL(action, base), {
        method: "POST",
        redirect: "manual",
        headers: {
          cookie: jar.header(),
          origin: base,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({
          username: accounts[role].username,
          password: accounts[role].password,
        }).toString(),
      }),
    );
    expect(login.status).toBe(303);
    const resume = await get(jar, location(login));
    expect(location(resume)).toContain("/dashboard/auth/callback?code=");
    return location(resume);
  }

  async function signedIn(role: "hr" | "viewer"): Promise<Jar> {
    const jar = new Jar();
    const done = await get(jar, await untilCallback(jar, role));
    expect(done.status).toBe(303);
    expect(location(done)).toBe(PAGE);
    return jar;
  }

  it("sends a signed-out person to sign in, with the page to come back to", async () => {
    const res = await get(new Jar(), PAGE);
    expect(res.status).toBe(303);
    expect(location(res)).toBe(`/dashboard/login?next=${encodeURIComponent(PAGE)}`);
  });

  it("starts an encrypted HttpOnly SameSite=Lax session that opens the pages", async () => {
    const jar = new Jar();
    const done = await get(jar, await untilCallback(jar, "hr"));
    const cookie = done.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/dashboard/);
    // Encrypted: the roles and the name are not readable in the cookie.
    expect(
      Buffer.from(jar.cookies.get(SESSION_COOKIE)!.split(".")[3] ?? "", "base64url").toString(),
    ).not.toMatch(/roles|hr/);
    const page = await get(jar, PAGE);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/csv");
  });

  it("refuses a callback whose state is not the one this browser started (login CSRF)", async () => {
    const jar = new Jar();
    const callback = new URL(await untilCallback(jar, "hr"), base);
    callback.searchParams.set("state", "bukan-state-ini");
    const res = await get(jar, callback.href);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(
      t("authSignInFailed", "id", { reason: t("authStateMismatch", "id") }).replaceAll("'", "&#39;"),
    );
    expect(jar.cookies.has(SESSION_COOKIE)).toBe(false);
    // The same callback without the sign-in cookie of its browser is refused as well.
    const elsewhere = await get(new Jar(), (await untilCallback(new Jar(), "hr")).toString());
    expect(elsewhere.status).toBe(400);
  });

  it("says in Indonesian when the identity provider refused", async () => {
    const jar = new Jar();
    const callback = new URL(await untilCallback(jar, "hr"), base);
    callback.searchParams.delete("code");
    callback.searchParams.set("error", "access_denied");
    const res = await get(jar, callback.href);
    expect(res.status).toBe(401);
    expect(await res.text()).toContain(t("authIdpRefused", "id", { code: "access_denied" }));
  });

  it("refuses an altered session cookie and sends the person to sign in", async () => {
    const jar = await signedIn("hr");
    const value = jar.cookies.get(SESSION_COOKIE)!;
    const parts = value.split(".");
    parts[3] = (parts[3]![0] === "A" ? "B" : "A") + parts[3]!.slice(1);
    jar.cookies.set(SESSION_COOKIE, parts.join("."));
    const res = await get(jar, PAGE);
    expect(res.status).toBe(303);
    expect(location(res)).toMatch(/^\/dashboard\/login\?next=/);
  });

  it("ends the session 8 hours after sign-in", async () => {
    const jar = await signedIn("hr");
    clock.advance(7 * 3_600_000);
    expect((await get(jar, PAGE)).status).toBe(200);
    clock.advance(3_600_000 + 60_000);
    const res = await get(jar, PAGE);
    expect(res.status).toBe(303);
    expect(location(res)).toBe(`/dashboard/login?next=${encodeURIComponent(PAGE)}`);
  });

  it("lets a viewer read, and answers a viewer's action with the Indonesian 403 page", async () => {
    const jar = await signedIn("viewer");
    expect((await get(jar, PAGE)).status).toBe(200);
    const res = await fetch(`${base}/dashboard/cycles/siklus-1/org-rating`, {
      method: "POST",
      redirect: "manual",
      headers: {
        cookie: jar.header(),
        origin: base,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ unitId: "dinas-uji", rating: "baik" }).toString(),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain("<h1>Akses ditolak</h1>");
    expect(html).toContain(t("authViewerReadOnly", "id"));
  });

  it("signs out: the cookie is cleared and the IdP's end-session page follows", async () => {
    const jar = await signedIn("hr");
    const res = await fetch(`${base}/dashboard/logout`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: jar.header(), origin: base },
    });
    jar.take(res);
    expect(res.status).toBe(303);
    expect(location(res)).toContain("/_local/oidc/session/end?");
    expect(jar.cookies.has(SESSION_COOKIE)).toBe(false);
    expect((await get(jar, PAGE)).status).toBe(303);
  });
});
