// A person using the dashboard in HTTP-level tests: pages fetched and forms submitted as the browser would (the form's
// own fields and buttons, parsed with the demo's HtmlPage; the page's origin sent with every post). The ONE place
// that says how a test is signed in: a bearer token, which the dashboard guard accepts like a session (its role
// checked the same way), so these tests do not depend on how the sign-in starts a session.
import type { HtmlForm } from "../../../packages/local/src/demo/html-form";
import { HtmlPage } from "../../../packages/local/src/demo/html-page";
import type { HrWorld } from "../hr/hr-world";

/** Where the test app answers (the page's origin a browser sends with a post). */
export const ORIGIN = "http://localhost";

/** The dashboard as one signed-in person. */
export interface DashboardUser {
  /** GET a dashboard page (redirects are not followed). */
  get(path: string): Promise<HtmlPage>;
  /** Press `button` of `form` (its fields as filled); `origin` overrides the page's own (a cross-site post). */
  submit(form: HtmlForm, button?: string | RegExp, origin?: string): Promise<Response>;
  /** Follows a 303 answer to the page it names. */
  follow(res: Response): Promise<HtmlPage>;
}

/** The request headers that sign a request in as HR (`hr`) or a viewer (`viewer`) of the world's dev issuer. */
export function signedIn(w: HrWorld, role: "hr" | "viewer"): Record<string, string> {
  return { authorization: `Bearer ${role === "hr" ? w.hrToken : w.viewerToken}` };
}

/** Signs in as HR (`hr`) or a viewer (`viewer`) of the world's dev issuer. */
export function dashboardAs(w: HrWorld, role: "hr" | "viewer"): DashboardUser {
  const auth = signedIn(w, role);
  const page = async (path: string) => {
    const res = await w.app.request(path, { headers: auth });
    return new HtmlPage(`${ORIGIN}${path}`, res.status, await res.text());
  };
  return {
    get: page,
    async submit(form, button, origin = ORIGIN) {
      const { body, contentType } = form.submission(button);
      const headers: Record<string, string> = { ...auth, origin };
      // fetch sets the multipart boundary itself.
      if (contentType !== "multipart/form-data") headers["content-type"] = contentType;
      return w.app.request(new URL(form.action).pathname, { method: "POST", headers, body });
    },
    async follow(res) {
      const location = res.headers.get("location");
      if (res.status !== 303 || !location) throw new Error(`expected a 303 redirect, got ${res.status}`);
      return page(location);
    },
  };
}
