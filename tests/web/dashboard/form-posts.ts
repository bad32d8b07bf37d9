// Raw form posts to the dashboard's action routes (two-step forms: their fields posted as the browser would) and
// reading the confirmation's hidden fields back. Signing in is dashboard-session.ts's (the one place for it).
import type { HrWorld } from "../hr/hr-world";
import { ORIGIN as SAME_ORIGIN, signedIn } from "./dashboard-session";

/** The visible text of a page (no tags; entities decoded; spaces collapsed). */
export const visibleText = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

/** A dashboard session of `role`. */
export function session(w: HrWorld, role: "hr" | "viewer" = "hr") {
  const auth = signedIn(w, role);
  return {
    get: (path: string) => Promise.resolve(w.app.request(path, { headers: auth })),
    /** A form post (urlencoded) as the browser sends it, from `origin` (default: the dashboard's own). */
    post: (path: string, form: Record<string, string>, origin: string = SAME_ORIGIN) =>
      Promise.resolve(
        w.app.request(path, {
          method: "POST",
          headers: { ...auth, origin, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams(form).toString(),
        }),
      ),
  };
}

/** The hidden fields of the confirmation form on a page (what the second step posts back). */
export function confirmFields(html: string): Record<string, string> {
  const form =
    /<section class="card" data-confirm[\s\S]*?<form[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1] ?? "";
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
    fields[m[1]!] = m[2]!
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  return fields;
}
