// At the year end of an annual cycle the continued ("-g2") appraisal execution wakes at the period end and opens the
// realisation request while the clock jumps on (a `kinerja demo` year-end step, the Q4 periodic evaluation due an hour
// later). A storage hiccup there lasting a fraction of a second of real time must be retried, not fail the appraisal:
// the ASL's Retry backoff is simulated time, which a clock jump compresses, so the engine gives retries a real-time floor.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchCycle } from "../../packages/core/src/cycle/cycle-control";
import {
  act,
  advanceDays,
  appraisal,
  createCycle,
  executions,
  proposal,
  proposeCascaded,
  seedUnit,
  settle,
  startWorld,
  type Person,
  type World,
} from "../workflows/harness";
import { TransientError } from "../../packages/core/src/storage/storage.errors";

/** How long (real time) the injected storage hiccup lasts once the realisation request first opens. */
const HICCUP_MS = 400;

describe(
  "a storage hiccup when the realisation request opens at the period end",
  { timeout: 120_000 },
  () => {
    let world: World;
    let employee: Person;
    const hiccup = { until: 0, failed: 0 };
    const id = () => `ye27-${employee.nip}`;

    beforeAll(async () => {
      world = await startWorld("2027-01-04T01:00:00.000Z", {
        wrap: (name, handler) => async (event, context) => {
          if (name === "open-decision" && (event as { kind?: string }).kind === "realization") {
            if (hiccup.until === 0) hiccup.until = Date.now() + HICCUP_MS;
            if (Date.now() < hiccup.until) {
              hiccup.failed += 1;
              throw new TransientError("ThrottlingException: rate exceeded (injected)");
            }
          }
          return handler(event, context);
        },
      });
      const seeded = await seedUnit(world, "dinas-akhir-tahun", 1);
      employee = seeded.people[0]!;
      await createCycle(world, {
        cycleId: "ye27",
        kind: "annual",
        periodStart: "2027-01-01",
        periodEnd: "2027-12-31",
      });
      await launchCycle(world.control, "ye27");
      await settle(world);
      const { head, secretary } = seeded;
      await act(
        world,
        secretary.email,
        `ye27-${secretary.nip}`,
        "skp-proposal",
        proposal("Target sekretaris"),
      );
      await act(world, head.email, `ye27-${secretary.nip}`, "skp-approval", { decision: "approve" });
      await proposeCascaded(world, employee.email, id(), proposal());
      await act(world, secretary.email, id(), "skp-approval", { decision: "approve" });
      // The first execution continues as new before it turns one year old; the -g2 one waits for the period end.
      await advanceDays(world, 340);
    });
    afterAll(async () => world?.close());

    it("retries the request over real time and keeps the appraisal in measurement, waiting for the employee", async () => {
      expect(executions(world).find((e) => e.name === `${id()}-g2`)?.status).toBe("RUNNING");
      // One jump over the period end (31 Dec 17:00 UTC) well into January, as the demo's year-end step does.
      await advanceDays(world, 27);

      expect(hiccup.failed).toBeGreaterThan(0);
      const record = await appraisal(world, id());
      expect(record.failure).toBeUndefined();
      expect(record.stage).toBe("measurement");
      expect(executions(world).find((e) => e.name === `${id()}-g2`)?.status).toBe("RUNNING");
      const requests = (await world.outbox.list({ limit: 1000 })).filter(
        (m) => m.to === employee.email && m.tags?.kind === "realization",
      );
      expect(requests.length).toBeGreaterThan(0);

      // The employee can still report: the appraisal goes on to review.
      const indicators = record.skp!.rhk.flatMap((r) => r.indicators);
      await act(world, employee.email, id(), "realization", {
        items: indicators.map((ind) => ({ indicatorId: ind.id, value: ind.target.min })),
      });
      expect((await appraisal(world, id())).stage).toBe("review");
    });
  },
);
