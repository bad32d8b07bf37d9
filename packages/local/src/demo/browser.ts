// The only way the demo's simulated people reach the pages: GET a page as a browser asks for it (HTML) and submit its
// form as a browser does (urlencoded, or multipart when the form uploads a file), keeping the cookies the site sets
// (HR's dashboard session) and sending the page's Origin with every post (the dashboard's CSRF check reads it).
// Redirects are followed as a browser follows them (303/302 after a post become a GET). Every request is tallied by
// method and content type, so a run can show that no decision took a JSON shortcut.
import type { HtmlForm } from "./html-form";
import { HtmlPage } from "./html-page";

/** The requests the people sent. */
export interface BrowserTally {
  /** Page views (GET). */
  pageViews: number;
  /** Form posts by the Content-Type they were sent with. */
  posts: Record<string, number>;
}

/** A browser for the simulated people: open a page, press a button of its form. */
export interface DemoBrowser {
  readonly tally: BrowserTally;
  /** GETs the page at `url` with the headers a browser sends. */
  open(url: string): Promise<HtmlPage>;
  /** Submits `form` by pressing the button with this label (see HtmlForm.entries) and answers the page it led to. */
  submit(form: HtmlForm, button: string | RegExp): Promise<HtmlPage>;
  /** Downloads a file linked from a page (e.g. a CSV export): status, content type and the raw text. */
  download(url: string): Promise<{ status: number; contentType: string; text: string }>;
}

const HEADERS = {
  accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8",
  "accept-language": "id-ID,id;q=0.9",
  "user-agent": "kinerja-demo (simulated person)",
};
const MAX_REDIRECTS = 10;

interface StoredCookie {
  value: string;
  path: string;
  expires: number | undefined;
}

/** A cookie jar per host, enough for the sites the demo visits (host-only cookies, Path, Max-Age/Expires). */
class CookieJar {
  private readonly hosts = new Map<string, Map<string, StoredCookie>>();

  store(url: URL, headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";").map((part) => part.trim());
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq);
      const cookie: StoredCookie = { value: pair.slice(eq + 1), path: "/", expires: undefined };
      for (const attribute of attributes) {
        const [key = "", val = ""] = attribute.split("=", 2);
        const k = key.toLowerCase();
        if (k === "path" && val.startsWith("/")) cookie.path = val;
        else if (k === "max-age") cookie.expires = Date.now() + Number(val) * 1000;
        else if (k === "expires" && cookie.expires === undefined) cookie.expires = Date.parse(val);
      }
      const jar = this.hosts.get(url.host) ?? new Map<string, StoredCookie>();
      this.hosts.set(url.host, jar);
      if (cookie.expires !== undefined && !(cookie.expires > Date.now())) jar.delete(name);
      else jar.set(name, cookie);
    }
  }

  header(url: URL): string | undefined {
    const jar = this.hosts.get(url.host);
    if (!jar) return undefined;
    const sent = [...jar].filter(
      ([, c]) =>
        (c.expires === undefined || c.expires > Date.now()) &&
        (url.pathname === c.path || url.pathname.startsWith(c.path.endsWith("/") ? c.path : `${c.path}/`)),
    );
    return sent.length ? sent.map(([name, c]) => `${name}=${c.value}`).join("; ") : undefined;
  }
}

/** Creates a browser with an empty tally and an empty cookie jar. */
export function createDemoBrowser(): DemoBrowser {
  const tally: BrowserTally = { pageViews: 0, posts: {} };
  const cookies = new CookieJar();

  const fetchFollowing = async (
    start: string,
    init: { method: string; body?: string | FormData; origin?: string },
  ) => {
    let url = new URL(start);
    let { method, body } = init;
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = { ...HEADERS };
      const cookie = cookies.header(url);
      if (cookie) headers.cookie = cookie;
      if (method === "POST" && init.origin) headers.origin = init.origin;
      if (typeof body === "string") headers["content-type"] = "application/x-www-form-urlencoded";
      const response = await fetch(url, { method, headers, body, redirect: "manual" });
      cookies.store(url, response.headers);
      const location = response.headers.get("location");
      if (response.status < 300 || response.status > 399 || !location || hop >= MAX_REDIRECTS)
        return { url, response };
      await response.body?.cancel();
      url = new URL(location, url);
      if (response.status !== 307 && response.status !== 308) {
        method = "GET";
        body = undefined;
      }
    }
  };
  const page = async (result: { url: URL; response: Response }) =>
    new HtmlPage(result.url.toString(), result.response.status, await result.response.text());

  return {
    tally,
    async open(url) {
      tally.pageViews += 1;
      return page(await fetchFollowing(url, { method: "GET" }));
    },
    async submit(form, button) {
      const { body, contentType } = form.submission(button);
      tally.posts[contentType] = (tally.posts[contentType] ?? 0) + 1;
      return page(
        await fetchFollowing(form.action, {
          method: "POST",
          body: body instanceof URLSearchParams ? body.toString() : body,
          origin: new URL(form.documentUrl).origin,
        }),
      );
    },
    async download(url) {
      tally.pageViews += 1;
      const { response } = await fetchFollowing(url, { method: "GET" });
      return {
        status: response.status,
        contentType: response.headers.get("content-type") ?? "",
        text: await response.text(),
      };
    },
  };
}
