// The dashboard's sign-in as a deployment configures it (packages/web/src/auth/dashboard-sign-in.ts): a session key that
// is missing, short or not base64 is a clear operator error naming its source and how to make one, and the sign-in is
// left out instead of taking the app down; the person opening the dashboard is sent to the login page, which says in
// Indonesian that sign-in is not set up (503). A good key gives a working session guard.
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { createOffsetClock } from "../../../packages/core/src/clock/clock";
import { t } from "../../../packages/core/src/i18n/messages";
import { dashboardSignIn } from "../../../packages/web/src/auth/dashboard-sign-in";
import { createDevIssuer, generateDevIssuerKey } from "../../../packages/web/src/auth/dev-issuer";
import {
  pageAuth,
  SESSION_COOKIE,
  type AuthOptions,
  type AuthVariables,
} from "../../../packages/web/src/auth/hr-auth";
import { LOGIN_PATH } from "../../../packages/web/src/auth/oidc-sign-in";
import { signInRoutes } from "../../../packages/web/src/auth/sign-in-routes";

const clock = createOffsetClock(Date.parse("2027-01-04T01:00:00Z") - Date.now());
const SOURCE = "the DashboardSessionKey secret";

const build = (sessionKey: string | undefined) =>
  dashboardSignIn({
    sessionKey,
    sessionKeySource: SOURCE,
    sessionSeconds: 3600,
    clock,
    oidc: { issuer: "https://sso.salor.go.id/realms/asn", clientId: "kinerja-dashboard" },
  });

/** The dashboard's sign-in routes and page guard as the app mounts them, in front of one page. */
async function dashboard(signIn: ReturnType<typeof build>) {
  const { problem: _problem, ...parts } = signIn;
  const auth: AuthOptions = {
    verifier: (await createDevIssuer({ key: await generateDevIssuerKey(), clock })).verifier(),
    ...parts,
  };
  const pages = new Hono<{ Variables: AuthVariables }>();
  pages.route("/", signInRoutes(auth));
  pages.use(
    "*",
    pageAuth(auth, LOGIN_PATH, (c, message) => c.text(message, 403)),
  );
  pages.get("/", (c) => c.text(`dasbor ${c.get("principal").subject}`));
  return new Hono().route("/dashboard", pages);
}

describe("the dashboard's sign-in from a configured session key", () => {
  for (const [label, key, reason] of [
    ["missing", undefined, /is not set/],
    ["empty", "  ", /is not set/],
    [
      "short (16 bytes)",
      Buffer.alloc(16, 1).toString("base64"),
      /must be 32 random bytes in base64, it holds 16/,
    ],
    ["not base64", "kunci sesi rahasia!", /is not base64/],
  ] as const)
    it(`a ${label} key: a clear startup error, and the person reads in Indonesian that sign-in is not set up`, async () => {
      const signIn = build(key);
      expect(signIn.session).toBeUndefined();
      expect(signIn.signIn).toBeUndefined();
      expect(signIn.problem?.message).toMatch(/^dashboard sign-in is off: the DashboardSessionKey secret /);
      expect(signIn.problem?.message).toMatch(reason);
      expect(signIn.problem?.message).toContain("`openssl rand -base64 32`");

      const app = await dashboard(signIn);
      const page = await app.request("/dashboard");
      expect(page.status).toBe(303);
      expect(page.headers.get("location")).toBe(`${LOGIN_PATH}?next=%2Fdashboard`);
      const login = await app.request(page.headers.get("location")!);
      expect(login.status).toBe(503);
      const html = await login.text();
      expect(html).toContain('lang="id"');
      expect(html).toContain(t("authSignInNotConfigured", "id"));
    });

  it("a 32-byte key (base64 or base64url) seals sessions the page guard accepts", async () => {
    const bytes = Buffer.alloc(32, 0xfb);
    for (const key of [bytes.toString("base64"), bytes.toString("base64url")]) {
      const signIn = build(key);
      expect(signIn.problem).toBeUndefined();
      expect(signIn.signIn?.options.clientId).toBe("kinerja-dashboard");
      expect(signIn.session?.maxAgeSeconds).toBe(3600);
      const cookie = await signIn.session!.seal({ subject: "siti.hr", roles: ["hr"] });
      const app = await dashboard(signIn);
      const page = await app.request("/dashboard", { headers: { cookie: `${SESSION_COOKIE}=${cookie}` } });
      expect(page.status).toBe(200);
      await expect(page.text()).resolves.toBe("dasbor siti.hr");
      expect((await app.request("/dashboard")).status).toBe(303);
    }
  });
});
