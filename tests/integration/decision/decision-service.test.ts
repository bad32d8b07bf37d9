import { DeleteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { closeDecision, openDecision } from "../../../packages/core/src/decision/open-decision";
import { decide } from "../../../packages/core/src/decision/decide";
import {
  markDecisionConsumed,
  redeliverPending,
  type DeliveredOutcome,
} from "../../../packages/core/src/decision/decision-delivery";
import { viewLink } from "../../../packages/core/src/decision/link-view";
import { decisionRepo } from "../../../packages/core/src/decision/decision.repo";
import { AlreadyDecidedError, LinkGoneError } from "../../../packages/core/src/decision/decision.errors";
import { scanAll } from "../../setup/dynamo";
import { linksFixture, openAndGetPath, openInput, reviewBody } from "../../web/links/helpers";

/** The audit events written to the fixture's table. */
const auditEvents = async (fx: { table: Parameters<typeof scanAll>[0] }) =>
  (await scanAll(fx.table)).filter((i) => i.__edb_e__ === "auditEvent");

describe("pending decisions", () => {
  it("opens a decision, mails the recipient a link, and delivers the decision to the task token once", async () => {
    const fx = await linksFixture();
    const { input, token, opened } = await openAndGetPath(fx);
    const view = await viewLink(fx.deps, token);
    expect(view.decision).toMatchObject({
      kind: "review",
      status: "pending",
      appraisalId: input.appraisalId,
    });
    expect(JSON.stringify(view)).not.toContain(input.taskToken);
    const result = await decide(fx.deps, token, reviewBody);
    expect(result).toMatchObject({ decisionId: opened.decisionId, delivered: true });
    expect(fx.callbacks.succeeded).toHaveLength(1);
    expect(fx.callbacks.succeeded[0]).toMatchObject({
      token: input.taskToken,
      output: {
        kind: "review",
        decision: reviewBody,
        decidedBy: { nip: input.recipient.nip, role: "appraiser" },
      },
    });
    await expect(decide(fx.deps, token, reviewBody)).rejects.toBeInstanceOf(AlreadyDecidedError);
    expect(fx.callbacks.succeeded).toHaveLength(1);
  });

  it("does not mail twice when the same task token is opened again (step retry)", async () => {
    const fx = await linksFixture();
    const input = openInput();
    const a = await openDecision(fx.deps, input);
    const b = await openDecision(fx.deps, input);
    expect(b).toEqual(a);
    expect(await fx.outbox.list({ to: input.recipient.email })).toHaveLength(1);
  });

  it("reuses the same decision for a reminder and an escalation, and the first decision wins", async () => {
    const fx = await linksFixture();
    const first = await openAndGetPath(fx);
    const reminder = await openAndGetPath(fx, { ...first.input, taskToken: "token-2", mailKind: "reminder" });
    const boss = {
      nip: "197001012000011003",
      name: "Ir. Hartono",
      email: "hartono@salor.test",
      role: "superior-of-appraiser" as const,
    };
    const escalation = await openAndGetPath(fx, {
      ...first.input,
      taskToken: "token-3",
      mailKind: "escalation",
      recipient: boss,
    });
    expect(
      new Set([first.opened.decisionId, reminder.opened.decisionId, escalation.opened.decisionId]).size,
    ).toBe(1);
    const escalationMail = (await fx.outbox.list({ to: boss.email }))[0];
    expect(escalationMail.subject).toContain("Eskalasi");
    expect(escalationMail.text).toContain("Budi Santoso");
    await decide(fx.deps, escalation.token, reviewBody);
    expect(fx.callbacks.succeeded.map((s) => s.token)).toEqual(["token-3"]);
    await expect(decide(fx.deps, first.token, reviewBody)).rejects.toMatchObject({
      decidedBy: { nip: boss.nip },
    });
  });

  it("keeps a decision whose token timed out and delivers it to the next token, with no click lost", async () => {
    const fx = await linksFixture();
    const first = await openAndGetPath(fx);
    fx.callbacks.dead.add(first.input.taskToken);
    const result = await decide(fx.deps, first.token, reviewBody);
    expect(result.delivered).toBe(false);
    expect(await redeliverPending(fx.deps)).toEqual({ attempted: 0, delivered: 0, skipped: 1 });
    const reopened = await openDecision(fx.deps, {
      ...first.input,
      taskToken: "token-next",
      mailKind: "reminder",
    });
    expect(reopened).toMatchObject({ delivered: true, linkIds: [] });
    expect(fx.callbacks.succeeded).toEqual([
      { token: "token-next", output: expect.objectContaining({ decision: reviewBody }) },
    ]);
    expect(await fx.outbox.list({ to: first.input.recipient.email })).toHaveLength(1);
  });

  it("redelivers after a transient callback failure in the sweep", async () => {
    const fx = await linksFixture();
    const first = await openAndGetPath(fx);
    const realSucceed = fx.callbacks.succeed;
    fx.callbacks.succeed = async () => {
      throw new Error("network down");
    };
    expect((await decide(fx.deps, first.token, reviewBody)).delivered).toBe(false);
    fx.callbacks.succeed = realSucceed;
    expect((await decisionRepo(fx.deps.storage).listUndelivered(10)).map((d) => d.decisionKey)).toEqual([
      first.input.decisionKey,
    ]);
    expect(await redeliverPending(fx.deps)).toEqual({ attempted: 1, delivered: 1, skipped: 0 });
    // Delivered decisions leave the sparse index, so the sweep reads only what is still owed.
    expect(await decisionRepo(fx.deps.storage).listUndelivered(10)).toEqual([]);
    expect(await redeliverPending(fx.deps)).toEqual({ attempted: 0, delivered: 0, skipped: 0 });
    expect(fx.callbacks.succeeded).toHaveLength(1);
  });

  it("answers success when storage fails right after the workflow accepted the click, and the consuming step converges it", async () => {
    const fx = await linksFixture();
    const first = await openAndGetPath(fx);
    // The table becomes unreachable the moment SendTaskSuccess returns: markDelivered cannot be written.
    let down = false;
    const client = Object.create(fx.table.client) as typeof fx.table.client;
    client.send = ((command: never) => {
      if (down)
        return Promise.reject(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }));
      return fx.table.client.send(command);
    }) as typeof client.send;
    const realSucceed = fx.callbacks.succeed.bind(fx.callbacks);
    const deps = {
      ...fx.deps,
      storage: { client, tableName: fx.table.tableName },
      callbacks: {
        ...fx.callbacks,
        succeed: async (token: string, output: object) => {
          await realSucceed(token, output);
          down = true;
        },
      },
    };
    const result = await decide(deps, first.token, reviewBody);
    expect(result.delivered).toBe(true);
    expect(fx.callbacks.succeeded).toHaveLength(1);
    const repo = decisionRepo(fx.deps.storage);
    expect(await repo.getDecision(first.input.decisionKey)).toMatchObject({
      status: "decided",
      delivery: "undelivered",
    });
    // The workflow's Record step consumed the outcome (it carries the linkId): marking it is idempotent.
    const { linkId } = fx.callbacks.succeeded[0]!.output as { linkId: string };
    expect(await markDecisionConsumed(fx.deps, { linkId })).toBe(true);
    expect(await markDecisionConsumed(fx.deps, { linkId })).toBe(false);
    expect(await repo.getDecision(first.input.decisionKey)).toMatchObject({
      status: "decided",
      delivery: "delivered",
    });
    expect(await repo.listUndelivered(10)).toEqual([]);
  });

  it("answers a late click after closeDecision with what happened", async () => {
    const fx = await linksFixture();
    const first = await openAndGetPath(fx, { kind: "acknowledgement" });
    await closeDecision(fx.deps, {
      decisionKey: first.input.decisionKey,
      status: "expired",
      reason: "auto-acknowledged after 14 days",
      decidedBy: "system",
    });
    const err = await decide(fx.deps, first.token, { decision: "acknowledge" }).catch((e) => e);
    expect(err).toBeInstanceOf(LinkGoneError);
    expect(err).toMatchObject({
      reason: "expired",
      detail: { closedReason: "auto-acknowledged after 14 days", closedBy: "system" },
    });
    expect(fx.callbacks.succeeded).toHaveLength(0);
  });

  it("writes exactly one audit event with the decision", async () => {
    const fx = await linksFixture();
    const first = await openAndGetPath(fx);
    await decide(fx.deps, first.token, reviewBody);
    await decide(fx.deps, first.token, reviewBody).catch(() => undefined);
    const audit = await auditEvents(fx);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "decision",
      kind: "review",
      appraisalId: first.input.appraisalId,
    });
  });

  it("restores a claim the table lost from the outcome the workflow received, once, with its audit event", async () => {
    // DynamoDB Local can drop its last acknowledged transaction when SIGKILLed, after the engine (durable) already took
    // the outcome: the record is pending again, no audit event. The Record step passes the outcome back and heals it.
    const fx = await linksFixture();
    const first = await openAndGetPath(fx);
    const repo = decisionRepo(fx.deps.storage);
    const pendingItem = (await scanAll(fx.table)).find(
      (i) => i.__edb_e__ === "decision" && i.decisionKey === first.input.decisionKey,
    )!;
    await decide(fx.deps, first.token, reviewBody);
    const delivered = fx.callbacks.succeeded[0]!.output as {
      kind: string;
      decision: Record<string, unknown>;
      decidedBy: { nip: string; name: string; role: string };
      linkId: string;
      decidedAt: string;
    };
    // The loss: the decision item back as it was before the claim, the claim's audit event (and its id guard) gone.
    await fx.table.client.send(new PutCommand({ TableName: fx.table.tableName, Item: pendingItem }));
    const lost = (await scanAll(fx.table)).filter((i) => /^auditEvent(Id)?$/.test(String(i.__edb_e__)));
    expect(lost).toHaveLength(2);
    for (const a of lost)
      await fx.table.client.send(
        new DeleteCommand({ TableName: fx.table.tableName, Key: { pk: a.pk, sk: a.sk } }),
      );
    expect(await repo.getDecision(first.input.decisionKey)).toMatchObject({ status: "pending" });

    // Without the outcome nothing can be restored; with it, the claim comes back as the workflow saw it.
    expect(await markDecisionConsumed(fx.deps, { linkId: delivered.linkId })).toBe(false);
    fx.clock.advance(60_000);
    expect(await markDecisionConsumed(fx.deps, { linkId: delivered.linkId, delivered })).toBe(true);
    expect(await repo.getDecision(first.input.decisionKey)).toMatchObject({
      status: "decided",
      delivery: "delivered",
      decidedAt: delivered.decidedAt,
      decidedBy: delivered.decidedBy,
      outcome: { decision: reviewBody, linkId: delivered.linkId },
    });
    // Idempotent (Record steps are retried), and a late click is told it was decided.
    expect(await markDecisionConsumed(fx.deps, { linkId: delivered.linkId, delivered })).toBe(false);
    await expect(decide(fx.deps, first.token, reviewBody)).rejects.toBeInstanceOf(AlreadyDecidedError);
    const audit = await auditEvents(fx);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "decision",
      kind: "review",
      appraisalId: first.input.appraisalId,
      detail: { decisionId: first.opened.decisionId, body: reviewBody, restoredFromWorkflow: true },
    });
    expect(fx.callbacks.succeeded).toHaveLength(1);
  });

  it("restores a claim lost without its audit event: the claim comes back, the event is not written again", async () => {
    // The claim and its audit event are keyed apart; should only the claim be lost, its event (id `<decisionId>#decision`)
    // must make the restore write the claim alone, not fail it and not audit the decision twice.
    const fx = await linksFixture();
    const first = await openAndGetPath(fx);
    const pendingItem = (await scanAll(fx.table)).find(
      (i) => i.__edb_e__ === "decision" && i.decisionKey === first.input.decisionKey,
    )!;
    await decide(fx.deps, first.token, reviewBody);
    const delivered = fx.callbacks.succeeded[0]!.output as unknown as DeliveredOutcome & { linkId: string };
    await fx.table.client.send(new PutCommand({ TableName: fx.table.tableName, Item: pendingItem }));
    fx.clock.advance(60_000);
    expect(await markDecisionConsumed(fx.deps, { linkId: delivered.linkId, delivered })).toBe(true);
    expect(await decisionRepo(fx.deps.storage).getDecision(first.input.decisionKey)).toMatchObject({
      status: "decided",
      delivery: "delivered",
      decidedAt: delivered.decidedAt,
    });
    const audit = await auditEvents(fx);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      eventId: `${first.opened.decisionId}#decision`,
      at: delivered.decidedAt,
    });
    expect((audit[0]!.detail as Record<string, unknown>).restoredFromWorkflow).toBeUndefined();
  });

  it("restores nothing for another kind, an unknown link, or a decision already decided", async () => {
    const fx = await linksFixture();
    const first = await openAndGetPath(fx);
    const repo = decisionRepo(fx.deps.storage);
    const linkId = first.token.split(".")[1]!;
    const by = { nip: first.input.recipient.nip, name: first.input.recipient.name, role: "appraiser" };
    const ack = {
      kind: "acknowledgement",
      decision: { decision: "acknowledge" },
      decidedBy: by,
      decidedAt: "2027-01-01T00:00:00.000Z",
    };
    expect(await markDecisionConsumed(fx.deps, { linkId, delivered: ack })).toBe(false);
    expect(await markDecisionConsumed(fx.deps, { linkId: "no-such-link", delivered: ack })).toBe(false);
    expect(await repo.getDecision(first.input.decisionKey)).toMatchObject({ status: "pending" });
    await decide(fx.deps, first.token, reviewBody);
    const review = { ...ack, kind: "review", decision: { hasilKerja: "below" } };
    // The click left the delivery mark to the consuming step: this marks it, and restores nothing over the click.
    expect(await markDecisionConsumed(fx.deps, { linkId, delivered: review })).toBe(true);
    expect(await markDecisionConsumed(fx.deps, { linkId, delivered: review })).toBe(false);
    expect(await repo.getDecision(first.input.decisionKey)).toMatchObject({
      status: "decided",
      outcome: { decision: reviewBody },
    });
    expect(await auditEvents(fx)).toHaveLength(1);
  });
});
