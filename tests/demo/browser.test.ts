// The demo's browser keeps the cookies a site sets, follows redirects as a browser does (a 303 after a post becomes
// a GET) and sends the page's Origin with a post: what the dashboard's session and CSRF check need.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemoBrowser } from "../../packages/local/src/demo/browser";

describe("the demo's browser", () => {
  let server: Server;
  let base: string;
  const seen: { method: string; path: string; cookie?: string; origin?: string; type?: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({
        method: req.method!,
        path: req.url!,
        cookie: req.headers.cookie,
        origin: req.headers.origin,
        type: req.headers["content-type"]?.split(";")[0],
      });
      req.resume();
      if (req.url === "/login" && req.method === "POST") {
        res.writeHead(303, {
          location: "/dashboard",
          "set-cookie": ["session=abc; Path=/dashboard; HttpOnly; SameSite=Lax", "other=1; Path=/elsewhere"],
        });
        return res.end();
      }
      if (req.url === "/logout") {
        res.writeHead(303, { location: "/login", "set-cookie": "session=; Path=/dashboard; Max-Age=0" });
        return res.end();
      }
      res.writeHead(200, { "content-type": "text/html" });
      res.end(
        `<h1>${req.url}</h1><form method="post" action="/login"><input name="u" value="hr"><button type="submit">Masuk</button></form>`,
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("posts with the page's origin, follows the 303 with a GET and sends the session cookie on its path only", async () => {
    const browser = createDemoBrowser();
    const login = await browser.open(`${base}/start`);
    const landed = await browser.submit(login.form(), "Masuk");
    expect(landed.title).toBe("/dashboard");
    expect(landed.url).toBe(`${base}/dashboard`);
    expect(seen.find((r) => r.method === "POST")).toMatchObject({
      origin: base,
      type: "application/x-www-form-urlencoded",
      cookie: undefined,
    });
    expect(seen.at(-1)).toMatchObject({ method: "GET", path: "/dashboard", cookie: "session=abc" });
    await browser.open(`${base}/dashboard/cycles`);
    expect(seen.at(-1)?.cookie).toBe("session=abc");
    await browser.open(`${base}/start`);
    expect(seen.at(-1)?.cookie).toBeUndefined();
    await browser.open(`${base}/logout`);
    await browser.open(`${base}/dashboard`);
    expect(seen.at(-1)?.cookie).toBeUndefined();
    expect(browser.tally).toEqual({ pageViews: 5, posts: { "application/x-www-form-urlencoded": 1 } });
  });
});
