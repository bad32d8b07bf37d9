import { Hono } from "hono";
import { HttpProblem, problem } from "./problem";

/** Builds the kinerja Hono app; the same app runs in the API Lambda and the local dev server. */
export function createApp() {
  const app = new Hono();
  app.get("/healthz", (c) => c.json({ ok: true }));
  app.notFound((c) => problem(c, 404, "Not found"));
  app.onError((err, c) => {
    if (err instanceof HttpProblem) return problem(c, err.status, err.title, err.errors);
    console.error(err);
    return problem(c, 500, "Internal error");
  });
  return app;
}
