// The invariant checker behind `kinerja doctor` and the fault tests: scans the table once and asks the engine about
// every execution and task token the table points at, then reports what is inconsistent. It never writes anything.
import { ScanCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import * as v from "valibot";
import { DoctorUnreachableError } from "./doctor.errors";
import type { StatesView } from "./states-view";
import { PERIODIC_MAX_ATTEMPTS } from "@kinerja/core/periodic/periodic";
import { distributionMarkOf } from "@kinerja/core/appraisal-flow/flow.entity";
import { PERIODIC_RATING_KIND } from "@kinerja/core/decision/decision-kinds";

export {
  engineStatesView,
  sqliteStatesView,
  sfnStatesView,
  type StatesView,
  type ExecutionLiveness,
} from "./states-view";

/** What kind of inconsistency a finding is. */
export type FindingRule =
  | "appraisal-without-execution"
  | "appraisal-projection-mismatch"
  | "decision-token-gone"
  | "decision-undelivered"
  | "audit-gap"
  | "audit-duplicate"
  | "execution-stuck"
  | "import-unfinished"
  | "periodic-run-failed"
  | "periodic-run-stale"
  | "unit-index-mismatch";

/** One inconsistency: `error` breaks an invariant, `warning` is expected to heal by itself (e.g. a redelivery pending). */
export interface Finding {
  rule: FindingRule;
  severity: "error" | "warning";
  /** The appraisal, decision or execution the finding is about. */
  subject: string;
  message: string;
}

/** The checker's verdict: ok when no finding is an error. */
export interface InvariantReport {
  ok: boolean;
  findings: Finding[];
  /** How much was looked at (so "ok" over an empty table is visible as such). */
  scanned: { appraisals: number; decisions: number; decisionAuditEvents: number; runningExecutions: number };
  /** Appraisals per stage, for the reader of the report. */
  stages: Record<string, number>;
}

/** Where the checker reads: the table (any document client) and the engine (in-process, its SQLite file, or the SFN API). */
export interface CheckInvariantsOptions {
  storage: { client: DynamoDBDocumentClient; tableName: string };
  states: StatesView;
  /** Only appraisals and decisions of this cycle (default: all). */
  cycleId?: string;
}

/** Stages an appraisal may rest in without an execution: the two ends and `failed` (HR decides: retry or cancel). */
const RESTING_STAGES = new Set(["done", "cancelled", "failed"]);

const Str = v.string();
const AppraisalItem = v.object({ id: Str, cycleId: Str, stage: Str, executionArn: v.optional(Str) });
const FlowItem = v.object({
  appraisalId: Str,
  cycleId: Str,
  state: v.looseObject({
    stage: Str,
    executionArn: v.optional(Str),
    executionBaseName: v.optional(Str),
    unitId: v.optional(Str),
    predikat: v.optional(Str),
  }),
  // The unit index a review's distribution reads (flow.entity.ts); absent on items written before it.
  unitId: v.optional(Str),
  distributionMark: v.optional(Str),
  gsi3pk: v.optional(Str),
});
const DecisionItem = v.object({
  decisionKey: Str,
  decisionId: Str,
  appraisalId: Str,
  cycleId: Str,
  kind: Str,
  status: v.picklist(["pending", "decided", "expired", "superseded"]),
  delivery: v.picklist(["none", "undelivered", "delivered"]),
  taskToken: Str,
  decidedLinkId: v.optional(Str),
});
const ImportJobItem = v.object({ importId: Str, kind: Str, status: Str, createdAt: Str });
const PeriodicRunItem = v.object({
  cycleId: Str,
  periodKey: Str,
  status: Str,
  executionName: v.optional(Str),
  attempt: v.optional(v.number()),
  failureReason: v.optional(Str),
});
const AuditItem = v.object({
  appraisalId: Str,
  action: Str,
  linkId: v.optional(Str),
  detail: v.optional(v.looseObject({ decisionKey: v.optional(Str), decisionId: v.optional(Str) })),
});

interface Scanned {
  appraisals: v.InferOutput<typeof AppraisalItem>[];
  flows: Map<string, v.InferOutput<typeof FlowItem>>;
  decisions: v.InferOutput<typeof DecisionItem>[];
  decisionAudits: v.InferOutput<typeof AuditItem>[];
  importJobs: v.InferOutput<typeof ImportJobItem>[];
  periodicRuns: v.InferOutput<typeof PeriodicRunItem>[];
  malformed: Finding[];
}

const SCHEMAS = {
  appraisal: AppraisalItem,
  appraisalFlow: FlowItem,
  decision: DecisionItem,
  auditEvent: AuditItem,
  importJob: ImportJobItem,
  periodicRun: PeriodicRunItem,
} as const;

/** Reads the entities the invariants need in one paged Scan (ElectroDB marks each item with its entity name). */
async function scanTable(storage: CheckInvariantsOptions["storage"]): Promise<Scanned> {
  const out: Scanned = {
    appraisals: [],
    flows: new Map(),
    decisions: [],
    decisionAudits: [],
    importJobs: [],
    periodicRuns: [],
    malformed: [],
  };
  const wanted = Object.keys(SCHEMAS);
  let startKey: Record<string, unknown> | undefined;
  do {
    let page;
    try {
      page = await storage.client.send(
        new ScanCommand({
          TableName: storage.tableName,
          ExclusiveStartKey: startKey,
          FilterExpression: `#e IN (${wanted.map((_, i) => `:e${i}`).join(", ")})`,
          ExpressionAttributeNames: { "#e": "__edb_e__" },
          ExpressionAttributeValues: Object.fromEntries(wanted.map((e, i) => [`:e${i}`, e])),
          ConsistentRead: true,
        }),
      );
    } catch (error) {
      throw new DoctorUnreachableError(
        `could not scan table ${storage.tableName}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    for (const item of page.Items ?? []) {
      const entity = item.__edb_e__ as keyof typeof SCHEMAS;
      const schema = SCHEMAS[entity];
      const parsed = v.safeParse(schema, item);
      if (!parsed.success) {
        const where = v.getDotPath(parsed.issues[0]) ?? "item";
        out.malformed.push({
          rule: "appraisal-projection-mismatch",
          severity: "error",
          subject: `${entity} ${String(item.pk)}`,
          message: `stored ${entity} item is malformed at ${where}: ${parsed.issues[0].message}`,
        });
        continue;
      }
      if (entity === "appraisal") out.appraisals.push(parsed.output as Scanned["appraisals"][number]);
      else if (entity === "appraisalFlow") {
        const flow = parsed.output as v.InferOutput<typeof FlowItem>;
        out.flows.set(flow.appraisalId, flow);
      } else if (entity === "decision") out.decisions.push(parsed.output as Scanned["decisions"][number]);
      else if (entity === "importJob") out.importJobs.push(parsed.output as Scanned["importJobs"][number]);
      else if (entity === "periodicRun")
        out.periodicRuns.push(parsed.output as Scanned["periodicRuns"][number]);
      else if ((parsed.output as v.InferOutput<typeof AuditItem>).action === "decision")
        out.decisionAudits.push(parsed.output as v.InferOutput<typeof AuditItem>);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return out;
}

/**
 * Checks the invariants of DESIGN.md 5 and issue 9 over the table and the engine: every appraisal rests in a terminal stage
 * or has a live execution; every pending decision's task token is still open in the engine; every decided decision has
 * exactly one decision audit event; no running execution is stuck without a ready thread, a timer, a child execution or a
 * pending decision. Reads only; call it when the system is quiet (after the engine is idle) for a stable verdict.
 */
export async function checkInvariants(options: CheckInvariantsOptions): Promise<InvariantReport> {
  const data = await scanTable(options.storage);
  const inCycle = <T extends { cycleId: string }>(list: T[]) =>
    options.cycleId ? list.filter((x) => x.cycleId === options.cycleId) : list;
  const appraisals = inCycle(data.appraisals);
  const decisions = inCycle(data.decisions);
  const findings: Finding[] = [...data.malformed];
  const stages: Record<string, number> = {};
  const states = options.states;

  const running = await states.runningExecutions();
  const runningByName = new Map(running.map((e) => [e.name, e.arn]));

  // 1. Appraisals: a stage that is not an end needs an execution that is still running (its own, or its continuation).
  for (const a of appraisals) {
    stages[a.stage] = (stages[a.stage] ?? 0) + 1;
    const flow = data.flows.get(a.id);
    if (!flow) {
      findings.push({
        rule: "appraisal-projection-mismatch",
        severity: "error",
        subject: a.id,
        message: `appraisal ${a.id} has a record but no workflow state`,
      });
    } else if (flow.state.stage !== a.stage) {
      findings.push({
        rule: "appraisal-projection-mismatch",
        severity: "error",
        subject: a.id,
        message: `appraisal ${a.id} shows stage ${a.stage} to HR but its workflow state is in ${flow.state.stage}`,
      });
    }
    if (RESTING_STAGES.has(a.stage)) continue;
    const arn = flow?.state.executionArn ?? a.executionArn;
    if (arn && (await states.execution(arn))?.status === "RUNNING") continue;
    const base = flow?.state.executionBaseName;
    // A continue-as-new successor runs under `<base>-<generation>`, and the record catches up when it loads.
    const successor = base
      ? [...runningByName.keys()].find((name) => name === base || name.startsWith(`${base}-`))
      : undefined;
    if (successor) continue;
    const status = arn ? ((await states.execution(arn))?.status ?? "unknown to the engine") : "never started";
    findings.push({
      rule: "appraisal-without-execution",
      severity: "error",
      subject: a.id,
      message: `appraisal ${a.id} is in stage ${a.stage} but its execution is ${status}${arn ? ` (${arn})` : ""}`,
    });
  }

  // 1b. The unit index must say what the state says: a review counts its unit's predikat from it.
  for (const flow of inCycle([...data.flows.values()])) {
    const { state } = flow;
    const mark = distributionMarkOf(state as Parameters<typeof distributionMarkOf>[0]);
    if (flow.unitId === undefined)
      findings.push({
        rule: "unit-index-mismatch",
        severity: "warning",
        subject: flow.appraisalId,
        message: `appraisal ${flow.appraisalId} predates the unit index: distributions of cycle ${flow.cycleId} are read from the whole cycle until backfillUnitIndex keys it`,
      });
    else if (flow.unitId !== state.unitId || flow.distributionMark !== mark || !flow.gsi3pk)
      findings.push({
        rule: "unit-index-mismatch",
        severity: "error",
        subject: flow.appraisalId,
        message: `appraisal ${flow.appraisalId} is indexed as ${flow.distributionMark ?? "-"} in unit ${flow.unitId}${flow.gsi3pk ? "" : " (without its index key)"} but its state is ${mark} in unit ${state.unitId ?? "-"}: its unit's distribution is miscounted`,
      });
  }

  // 2. Decisions: pending ones need an open token; decided ones exactly one audit event and, at rest, a delivery.
  const auditsByKey = new Map<string, number>();
  for (const e of data.decisionAudits) {
    const key = e.detail?.decisionKey ?? e.detail?.decisionId ?? "";
    auditsByKey.set(key, (auditsByKey.get(key) ?? 0) + 1);
  }
  const liveTokens = new Set<string>();
  for (const d of decisions) {
    const audits =
      (auditsByKey.get(d.decisionKey) ?? 0) +
      (d.decisionKey !== d.decisionId ? (auditsByKey.get(d.decisionId) ?? 0) : 0);
    const subject = d.decisionKey;
    if (d.status === "decided") {
      if (audits === 0)
        findings.push({
          rule: "audit-gap",
          severity: "error",
          subject,
          message: `decided ${d.kind} decision ${subject} (appraisal ${d.appraisalId}) has no decision audit event`,
        });
      if (audits > 1)
        findings.push({
          rule: "audit-duplicate",
          severity: "error",
          subject,
          message: `decided ${d.kind} decision ${subject} (appraisal ${d.appraisalId}) has ${audits} decision audit events`,
        });
    } else if (audits > 0) {
      findings.push({
        rule: "audit-duplicate",
        severity: "error",
        subject,
        message: `${d.status} ${d.kind} decision ${subject} has ${audits} decision audit event(s) but was never decided`,
      });
    }
    // A periodic rating has no waiting task (it records directly; the redelivery sweep records an undelivered one).
    const token =
      d.kind === PERIODIC_RATING_KIND
        ? "unknown"
        : d.status === "pending" || d.delivery === "undelivered"
          ? await states.token(d.taskToken)
          : "closed";
    if (token === "open") liveTokens.add(d.taskToken);
    if (d.status === "pending" && token !== "open" && token !== "unknown") {
      findings.push({
        rule: "decision-token-gone",
        severity: "error",
        subject,
        message: `pending ${d.kind} decision ${subject} (appraisal ${d.appraisalId}) points at a task token that is ${token} in the engine: no click can ever reach the workflow`,
      });
    }
    if (d.status === "decided" && d.delivery === "undelivered") {
      const healable = token === "open" || token === "unknown";
      findings.push({
        rule: "decision-undelivered",
        severity: healable ? "warning" : "error",
        subject,
        message: healable
          ? `decided ${d.kind} decision ${subject} is not yet delivered; its token is still open, so redelivery will deliver it`
          : `decided ${d.kind} decision ${subject} was never delivered and its task token is ${token}: the click is lost unless the workflow asks again`,
      });
    }
  }

  // 3. Running executions: each must be able to move without outside help, or be waiting for a person or a timer.
  let checkedRunning = 0;
  for (const e of running) {
    const live = await states.liveness(e.arn);
    if (!live) continue; // the API cannot see threads and timers; AWS drives its own executions
    checkedRunning++;
    if (live.readyThreads > 0 || live.timers > 0 || live.runningChildren > 0) continue;
    if (live.openTokens.some((t) => liveTokens.has(t))) continue;
    const waiting =
      live.openTokens.length > 0
        ? `waits on ${live.openTokens.length} task token(s) no pending decision points at`
        : "has no ready thread, timer, child execution or task token";
    findings.push({
      rule: "execution-stuck",
      severity: "error",
      subject: e.arn,
      message: `execution ${e.name} is RUNNING in ${live.currentState ?? "?"} but ${waiting}: it can never finish`,
    });
  }

  // 4. Measurement imports past their commit point finish by themselves (next import, next daily dispatch).
  if (!options.cycleId)
    for (const job of data.importJobs.filter((j) => j.status === "staging" || j.status === "applying"))
      findings.push({
        rule: "import-unfinished",
        severity: "warning",
        subject: job.importId,
        message:
          job.status === "applying"
            ? `${job.kind} import ${job.importId} (${job.createdAt}) is accepted but not fully applied; the next import or daily dispatch finishes it`
            : `${job.kind} import ${job.importId} (${job.createdAt}) is still staging; nothing of it is live (marked failed after an hour)`,
      });

  // 5. Periodic evaluation runs: a failed one is retried by the next daily dispatch until its attempts are used up;
  // one recorded as running needs its execution to be running.
  for (const run of inCycle(data.periodicRuns)) {
    const subject = `${run.cycleId}#${run.periodKey}`;
    const attempt = run.attempt ?? 1;
    if (run.status === "failed") {
      const final = attempt >= PERIODIC_MAX_ATTEMPTS;
      findings.push({
        rule: "periodic-run-failed",
        severity: final ? "error" : "warning",
        subject,
        message: final
          ? `periodic evaluation ${subject} failed ${attempt} times and will not be retried: ${run.failureReason ?? "no reason recorded"}`
          : `periodic evaluation ${subject} failed (attempt ${attempt}); the next daily dispatch starts attempt ${attempt + 1}: ${run.failureReason ?? "no reason recorded"}`,
      });
    } else if (run.status === "running" && run.executionName && !runningByName.has(run.executionName)) {
      findings.push({
        rule: "periodic-run-stale",
        severity: "error",
        subject,
        message: `periodic evaluation ${subject} is recorded as running but its execution ${run.executionName} is not running: it will never finish or be retried`,
      });
    }
  }

  return {
    ok: !findings.some((f) => f.severity === "error"),
    findings,
    scanned: {
      appraisals: appraisals.length,
      decisions: decisions.length,
      decisionAuditEvents: data.decisionAudits.length,
      runningExecutions: checkedRunning || running.length,
    },
    stages,
  };
}

/** Renders a report for a terminal (what `kinerja doctor` prints). */
export function formatInvariantReport(report: InvariantReport): string {
  const lines = [
    `scanned ${report.scanned.appraisals} appraisals, ${report.scanned.decisions} decisions, ${report.scanned.decisionAuditEvents} decision audit events, ${report.scanned.runningExecutions} running executions`,
    `stages: ${
      Object.entries(report.stages)
        .map(([s, n]) => `${s} ${n}`)
        .join(", ") || "none"
    }`,
  ];
  for (const f of report.findings)
    lines.push(`${f.severity === "error" ? "ERROR" : "warn "} ${f.rule}: ${f.message}`);
  lines.push(
    report.ok
      ? "ok: every invariant holds"
      : `NOT OK: ${report.findings.filter((f) => f.severity === "error").length} inconsistencies`,
  );
  return lines.join("\n");
}
