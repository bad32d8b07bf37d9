// The only way the demo's simulated people reach a decision link: GET the page as a browser asks for it (HTML) and
// submit its form as a browser does (application/x-www-form-urlencoded). Every request to a link is tallied by
// method and content type, so a run can show that no decision took a JSON shortcut.
import { HtmlPage, type HtmlForm } from "./html-form";

/** The requests the people sent to decision links. */
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
}

const HEADERS = {
  accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8",
  "accept-language": "id-ID,id;q=0.9",
  "user-agent": "kinerja-demo (simulated person)",
};
const FORM_TYPE = "application/x-www-form-urlencoded";

/** Creates a browser with an empty tally. */
export function createDemoBrowser(): DemoBrowser {
  const tally: BrowserTally = { pageViews: 0, posts: {} };
  const load = async (url: string, init: RequestInit) => {
    const response = await fetch(url, { ...init, redirect: "follow" });
    return new HtmlPage(response.url || url, response.status, await response.text());
  };
  return {
    tally,
    async open(url) {
      tally.pageViews += 1;
      return load(url, { headers: HEADERS });
    },
    async submit(form, button) {
      const body = form.body(button).toString();
      tally.posts[FORM_TYPE] = (tally.posts[FORM_TYPE] ?? 0) + 1;
      return load(form.action, {
        method: "POST",
        headers: { ...HEADERS, "content-type": FORM_TYPE },
        body,
      });
    },
  };
}
