// Load on the approvers' door: 1,000 different links decided over real HTTP by 100 concurrent clients against the real
// Hono app, the decision service on DynamoDB Local and the local engine. Every decision must be applied exactly once
// (one audit event, one delivery, one resumed execution), none lost; a second wave of repeated clicks must all get 409.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decisionRepo } from "../../packages/core/src/decision/decision.repo";
import { checkInvariants, engineStatesView } from "../../packages/local/src/doctor/doctor";
import { securityFixture, type SecurityFixture } from "../security/harness";

/** Defines the load test for `LINKS` links and `CLIENTS` clients (npm test runs a small one, test:faults the full 1,000/100). */
export function defineLinksLoad(LINKS: number, CLIENTS: number): void {
  describe(`${LINKS} links decided by ${CLIENTS} concurrent clients`, { timeout: 300_000 }, () => {
    let fx: SecurityFixture;
    let server: Server;
    let base: string;
    const links: {
      appraisalId: string;
      executionArn: string;
      path: string;
      kind: "skp-approval" | "review";
    }[] = [];

    beforeAll(async () => {
      fx = await securityFixture();
      server = await new Promise<Server>((done) => {
        const s = serve({ fetch: fx.app.fetch, port: 0, hostname: "127.0.0.1" }, () =>
          done(s as Server),
        ) as Server;
      });
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const now = fx.h.clock.now().getTime();
      const started: { appraisalId: string; executionArn: string; kind: "skp-approval" | "review" }[] = [];
      const setupStart = performance.now();
      for (let chunk = 0; chunk < LINKS; chunk += 50) {
        const ids = Array.from({ length: Math.min(50, LINKS - chunk) }, (_, j) => chunk + j);
        started.push(
          ...(await Promise.all(
            ids.map(async (i) => {
              const appraisalId = `load-${String(i).padStart(4, "0")}`;
              const kind = i % 2 === 0 ? ("skp-approval" as const) : ("review" as const);
              const executionArn = await fx.h.start(fx.machineArn, {
                decisionKey: `${appraisalId}#${kind}`,
                kind,
                appraisalId,
                dueAt: new Date(now + 30 * 60_000).toISOString(),
                expiresAt: new Date(now + 3600_000).toISOString(),
                recipient: {
                  nip: "198001012005011002",
                  name: "Budi Santoso",
                  email: `${appraisalId}@salor.test`,
                  role: "appraiser",
                },
              });
              return { appraisalId, executionArn, kind };
            }),
          )),
        );
      }
      await fx.h.states.engine.idle();
      for (let chunk = 0; chunk < LINKS; chunk += 50) {
        links.push(
          ...(await Promise.all(
            started.slice(chunk, chunk + 50).map(async (s) => {
              const [mail] = await fx.outbox.list({ to: `${s.appraisalId}@salor.test` });
              if (!mail) throw new Error(`no link was mailed for ${s.appraisalId}`);
              return { ...s, path: new URL(mail.links[0]!).pathname };
            }),
          )),
        );
      }
      console.log(
        `links load: ${LINKS} decisions opened through the engine in ${((performance.now() - setupStart) / 1000).toFixed(1)} s`,
      );
    }, 300_000);

    afterAll(async () => {
      await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
      server?.closeAllConnections();
      await fx?.close();
    });

    const body = (kind: "skp-approval" | "review") =>
      JSON.stringify(
        kind === "skp-approval"
          ? { decision: "approve" }
          : { hasilKerja: "meets", perilaku: "above", feedback: "Kinerja baik dan konsisten" },
      );
    const post = async (link: (typeof links)[number]) => {
      const started = performance.now();
      const response = await fetch(base + link.path, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: body(link.kind),
      });
      await response.arrayBuffer();
      return { status: response.status, ms: performance.now() - started };
    };

    it("applies every decision once, loses none, and reports throughput and p99", async () => {
      expect(links).toHaveLength(LINKS);
      const latencies: number[] = [];
      const statuses = new Map<number, number>();
      const queue = [...links];
      const wallStart = performance.now();
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          for (let link = queue.shift(); link; link = queue.shift()) {
            const r = await post(link);
            latencies.push(r.ms);
            statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          }
        }),
      );
      const wallMs = performance.now() - wallStart;
      latencies.sort((a, b) => a - b);
      const pct = (p: number) =>
        latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]!;
      const figures = {
        links: LINKS,
        clients: CLIENTS,
        seconds: +(wallMs / 1000).toFixed(2),
        perSecond: +((LINKS * 1000) / wallMs).toFixed(1),
        p50Ms: +pct(50).toFixed(1),
        p99Ms: +pct(99).toFixed(1),
        maxMs: +latencies.at(-1)!.toFixed(1),
      };
      console.log(`links load: ${JSON.stringify(figures)}`);
      expect(Object.fromEntries(statuses)).toEqual({ 200: LINKS });

      // Repeated clicks (a second device, an impatient approver) on a fifth of the links, all at once: each answers 409, nothing changes.
      const again = await Promise.all(links.filter((_, i) => i % 5 === 0).map(post));
      expect(new Set(again.map((r) => r.status))).toEqual(new Set([409]));

      await fx.h.states.engine.idle();
      const outputs = await Promise.all(
        links.map(async (l) => ({ l, row: await fx.h.finished(l.executionArn) })),
      );
      for (const { l, row } of outputs) {
        expect(row.status, l.appraisalId).toBe("SUCCEEDED");
        expect(JSON.parse(row.output!).decision).toMatchObject({ kind: l.kind, linkId: expect.any(String) });
      }
      const repo = decisionRepo(fx.deps.storage);
      const decided = await Promise.all(links.map((l) => repo.getDecision(`${l.appraisalId}#${l.kind}`)));
      expect(decided.filter((d) => d?.status === "decided" && d.delivery === "delivered")).toHaveLength(
        LINKS,
      );
      const report = await checkInvariants({
        storage: fx.table,
        states: engineStatesView(fx.h.states.engine),
      });
      expect(report.findings).toEqual([]);
      expect(report.scanned).toMatchObject({ decisions: LINKS, decisionAuditEvents: LINKS });
    });
  });
}
