// Dev-only routes of the local runtime: the adjustable clock (DESIGN.md 3.1) and the engine's execution pages.
import { Hono } from "hono";
import * as v from "valibot";
import { parseIsoDuration } from "@kinerja/core/clock/clock";
import { problem } from "@kinerja/web/problem";
import type { Engine } from "../engine/index";
import { executionsRoutes } from "../engine-host/executions-page";

/** What the clock routes answer: the runtime's time and its offset from real time. */
export interface ClockState {
  now: string;
  offsetMs: number;
}

/** The result of moving the clock: the new state and how many schedule occurrences fired on the way. */
export interface ClockMove extends ClockState {
  schedulesFired: number;
}

/** The clock operations the routes call (the runtime serialises them). */
export interface ClockControl {
  state(): ClockState;
  advance(ms: number): Promise<ClockMove>;
  set(at: Date): Promise<ClockMove>;
}

const ClockBodySchema = v.union(
  [
    v.strictObject({
      advance: v.pipe(
        v.string("advance must be an ISO 8601 duration such as P30D"),
        v.nonEmpty("advance must not be empty"),
      ),
    }),
    v.strictObject({
      set: v.pipe(
        v.string("set must be an ISO time"),
        v.isoTimestamp("set must be an ISO time such as 2027-01-31T01:00:00Z"),
      ),
    }),
  ],
  'send {"advance": "<ISO 8601 duration>"} or {"set": "<ISO time>"}',
);

/** `GET/POST /_local/clock` and `/_local/executions` (list and history pages, JSON with ?format=json). */
export function localRoutes(options: { clock: ClockControl; engine: Engine }) {
  const app = new Hono();
  app.get("/_local/clock", (c) => c.json(options.clock.state()));
  app.post("/_local/clock", async (c) => {
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      return problem(c, 400, "Body is not valid JSON", [
        { path: "", message: 'send {"advance": "P30D"} or {"set": "<ISO time>"}' },
      ]);
    }
    const parsed = v.safeParse(ClockBodySchema, raw);
    if (!parsed.success) {
      const errors = parsed.issues.flatMap((issue) =>
        issue.issues && issue.issues.length > 0 ? issue.issues : [issue],
      );
      return problem(
        c,
        400,
        "Invalid clock change",
        errors.map((i) => ({ path: v.getDotPath(i) ?? "", message: i.message })),
      );
    }
    const body = parsed.output;
    if ("advance" in body) {
      let ms: number;
      try {
        ms = parseIsoDuration(body.advance);
      } catch (error) {
        return problem(c, 400, "Invalid clock change", [
          { path: "advance", message: (error as Error).message },
        ]);
      }
      return c.json(await options.clock.advance(ms));
    }
    const at = new Date(body.set);
    const now = Date.parse(options.clock.state().now);
    if (at.getTime() < now) {
      return problem(c, 400, "Invalid clock change", [
        {
          path: "set",
          message: `the clock only moves forward; it is already ${new Date(now).toISOString()}`,
        },
      ]);
    }
    return c.json(await options.clock.set(at));
  });
  app.route("/", executionsRoutes(options.engine));
  return app;
}
