// Shared setup for link tests: a fresh table, the outbox, a real signer and a fake TaskCallbacks recording calls.
import { randomBytes } from "node:crypto";
import { createOffsetClock, type AdjustableClock } from "../../../packages/core/src/clock/clock";
import { openDecision } from "../../../packages/core/src/decision/open-decision";
import type { DecisionDeps } from "../../../packages/core/src/decision/decision-deps";
import type { OpenDecisionInput } from "../../../packages/core/src/decision/decision-input.schema";
import type { TaskCallbacks } from "../../../packages/core/src/decision/task-callbacks";
import { TaskTimedOutError } from "../../../packages/core/src/decision/decision.errors";
import { createLinkSigner, type LinkKeyring } from "../../../packages/core/src/links/link-signer";
import { createOutboxMail, type OutboxMail } from "../../../packages/core/src/mail/outbox-mail";
import { freshTable, type FreshTable } from "../../setup/dynamo";

/** A TaskCallbacks fake: records every call; tokens listed in `dead` answer TaskTimedOut. */
export interface RecordingCallbacks extends TaskCallbacks {
  succeeded: { token: string; output: Record<string, unknown> }[];
  failed: { token: string; error: string; cause: string }[];
  dead: Set<string>;
}

/** Builds the recording TaskCallbacks fake. */
export function recordingCallbacks(): RecordingCallbacks {
  const cb: RecordingCallbacks = {
    succeeded: [],
    failed: [],
    dead: new Set(),
    async succeed(token, output) {
      if (cb.dead.has(token)) throw new TaskTimedOutError("Task Timed Out");
      cb.succeeded.push({ token, output: output as Record<string, unknown> });
    },
    async fail(token, error, cause) {
      if (cb.dead.has(token)) throw new TaskTimedOutError("Task Timed Out");
      cb.failed.push({ token, error, cause });
    },
  };
  return cb;
}

/** A fresh keyring of one random key. */
export function testKeyring(kid = "t1"): LinkKeyring {
  return { current: { kid, secret: randomBytes(32) }, previous: [] };
}

/** Everything a links test needs. */
export interface LinksFixture {
  table: FreshTable;
  deps: DecisionDeps;
  outbox: OutboxMail;
  callbacks: RecordingCallbacks;
  clock: AdjustableClock;
}

/** Builds deps over a fresh DynamoDB Local table. */
export async function linksFixture(): Promise<LinksFixture> {
  const table = await freshTable("links");
  const clock = createOffsetClock();
  const outbox = createOutboxMail(table, clock);
  const callbacks = recordingCallbacks();
  const deps: DecisionDeps = {
    storage: table,
    mail: outbox,
    signer: createLinkSigner(testKeyring()),
    clock,
    callbacks,
    baseUrl: "http://kinerja.test",
  };
  return { table, deps, outbox, callbacks, clock };
}

let counter = 0;
/** A valid openDecision input for `kind`, overridable. */
export function openInput(overrides: Partial<OpenDecisionInput> = {}): OpenDecisionInput {
  counter++;
  const now = Date.now();
  return {
    decisionKey: `appr-${counter}#review`,
    kind: "review",
    appraisalId: `appr-${counter}`,
    cycleId: "cycle-2026",
    employee: { nip: "199001012015031001", name: "Siti Rahmawati" },
    recipient: {
      nip: "198001012005011002",
      name: "Budi Santoso",
      email: "budi@salor.test",
      role: "appraiser",
    },
    taskToken: `token-${counter}-${randomBytes(8).toString("hex")}`,
    dueAt: new Date(now + 3 * 86_400_000).toISOString(),
    expiresAt: new Date(now + 7 * 86_400_000).toISOString(),
    context: {},
    mailKind: "request",
    ...overrides,
  };
}

/** Opens a decision and returns the link path (/l/<token>) from the mail it sent. */
export async function openAndGetPath(fx: LinksFixture, overrides: Partial<OpenDecisionInput> = {}) {
  const input = openInput(overrides);
  const opened = await openDecision(fx.deps, input);
  const mails = await fx.outbox.list({ to: input.recipient.email });
  const url = mails.find((m) => m.tags?.decisionId === opened.decisionId)?.links[0];
  if (!url) throw new Error("no mail with a link was sent");
  return { input, opened, url, path: new URL(url).pathname, token: new URL(url).pathname.slice(3) };
}

/** A valid review body. */
export const reviewBody = {
  hasilKerja: "meets",
  perilaku: "above",
  feedback: "Kerja baik, tingkatkan dokumentasi.",
};
