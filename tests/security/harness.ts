// Security-test setup: DynamoDB Local + the real local Step Functions engine + the real Hono app. A tiny state machine
// waits on a `.waitForTaskToken` task whose Lambda calls openDecision; POST /l/{token} resumes it via SendTaskSuccess.
import { randomBytes } from "node:crypto";
import { DescribeExecutionCommand } from "@aws-sdk/client-sfn";
import { markDecisionConsumed } from "../../packages/core/src/decision/decision-delivery";
import { openDecision } from "../../packages/core/src/decision/open-decision";
import type { DecisionDeps } from "../../packages/core/src/decision/decision-deps";
import type { OpenDecisionInput } from "../../packages/core/src/decision/decision-input.schema";
import { createSfnTaskCallbacks } from "../../packages/core/src/decision/sfn-task-callbacks.adapter";
import { createLinkSigner, type LinkKeyring } from "../../packages/core/src/links/link-signer";
import { createOutboxMail, type OutboxMail } from "../../packages/core/src/mail/outbox-mail";
import { createApp } from "../../packages/web/src/app";
import type { RateLimitOptions } from "../../packages/web/src/middleware/rate-limit";
import { freshTable, scanAll, type FreshTable } from "../setup/dynamo";
import { startHarness, type Harness } from "../engine/harness";

/** Everything a security test touches. */
export interface SecurityFixture {
  table: FreshTable;
  h: Harness;
  deps: DecisionDeps;
  keyring: LinkKeyring;
  outbox: OutboxMail;
  app: ReturnType<typeof createApp>;
  machineArn: string;
  close(): Promise<void>;
}

/** Starts table, engine, app; `rateLimit` defaults high so only the rate-limit test meets it. */
export async function securityFixture(
  rateLimit: Partial<RateLimitOptions> = { perIp: 100_000, perKey: 100_000, perRecipient: 100_000 },
): Promise<SecurityFixture> {
  const table = await freshTable("security");
  const keyring: LinkKeyring = { current: { kid: "k1", secret: randomBytes(32) }, previous: [] };
  const fx = { table, keyring } as SecurityFixture;
  const h = await startHarness({
    "open-decision": async (event) => openDecision(fx.deps, event as OpenDecisionInput),
    // What a real Record step does with the outcome it received: mark the decision consumed (a click leaves that to it).
    "consume-decision": async (event) =>
      markDecisionConsumed(fx.deps, event as Parameters<typeof markDecisionConsumed>[1]),
  });
  const outbox = createOutboxMail(table, h.clock);
  fx.h = h;
  fx.outbox = outbox;
  fx.deps = {
    storage: table,
    mail: outbox,
    signer: createLinkSigner(keyring),
    clock: h.clock,
    callbacks: createSfnTaskCallbacks(h.sfn),
    baseUrl: "http://kinerja.test",
  };
  fx.app = createApp({ decisions: fx.deps, outbox, linkRateLimit: rateLimit });
  fx.machineArn = await h.machine(`decide-${randomBytes(4).toString("hex")}`, decisionMachine(7200));
  fx.close = () => h.close();
  return fx;
}

/** A one-state machine waiting on openDecision's task token for at most `timeoutSeconds`. */
export function decisionMachine(timeoutSeconds: number) {
  return {
    StartAt: "RequestDecision",
    States: {
      RequestDecision: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
        Parameters: {
          FunctionName: "open-decision",
          Payload: {
            "decisionKey.$": "$.decisionKey",
            "kind.$": "$.kind",
            "appraisalId.$": "$.appraisalId",
            cycleId: "cycle-2026",
            employee: { nip: "199001012015031001", name: "Siti Rahmawati" },
            "recipient.$": "$.recipient",
            "taskToken.$": "$$.Task.Token",
            "dueAt.$": "$.dueAt",
            "expiresAt.$": "$.expiresAt",
            context: {},
            mailKind: "request",
          },
        },
        TimeoutSeconds: timeoutSeconds,
        ResultPath: "$.decision",
        Next: "Record",
      },
      Record: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Parameters: {
          FunctionName: "consume-decision",
          Payload: { "linkId.$": "$.decision.linkId", "delivered.$": "$.decision" },
        },
        ResultPath: null,
        End: true,
      },
    },
  };
}

let counter = 0;
/** Starts one execution that opens a decision of `kind`; returns its link path and execution. */
export async function openViaWorkflow(
  fx: SecurityFixture,
  kind: OpenDecisionInput["kind"] = "review",
  machineArn = fx.machineArn,
  recipientNip = "198001012005011002",
) {
  counter++;
  const appraisalId = `sec-${counter}-${randomBytes(3).toString("hex")}`;
  const now = fx.h.clock.now().getTime();
  const executionArn = await fx.h.start(machineArn, {
    decisionKey: `${appraisalId}#${kind}`,
    kind,
    appraisalId,
    dueAt: new Date(now + 30 * 60_000).toISOString(),
    expiresAt: new Date(now + 3600_000).toISOString(),
    recipient: {
      nip: recipientNip,
      name: "Budi Santoso",
      email: `${appraisalId}@salor.test`,
      role: "appraiser",
    },
  });
  // The task Lambda runs in-process; wait for its mail.
  for (let i = 0; i < 200; i++) {
    const [mail] = await fx.outbox.list({ to: `${appraisalId}@salor.test` });
    if (mail) {
      // Let the task Lambda finish recording the mail before the test snapshots the table.
      await fx.h.states.engine.idle();
      const path = new URL(mail.links[0]).pathname;
      return { executionArn, appraisalId, path, token: path.slice(3) };
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("the workflow did not mail a link");
}

/** Status of an execution. */
export async function executionStatus(fx: SecurityFixture, executionArn: string) {
  return (await fx.h.sfn.send(new DescribeExecutionCommand({ executionArn }))).status;
}

/**
 * A stable snapshot of every item in the table (to assert nothing changed), without the link rate limiter's counters:
 * every request counts against its link, which is the limiter's bookkeeping, not a change of data.
 */
export async function snapshot(fx: SecurityFixture): Promise<string> {
  const items = (await scanAll(fx.table)).filter((i) => !String(i.pk).startsWith("ratelimit#"));
  return JSON.stringify(items.map((i) => JSON.stringify(i, Object.keys(i).sort())).sort());
}

/** Audit events of one appraisal. */
export async function auditEvents(fx: SecurityFixture, appraisalId: string) {
  return (await scanAll(fx.table)).filter(
    (i) => i.__edb_e__ === "auditEvent" && i.appraisalId === appraisalId,
  );
}
