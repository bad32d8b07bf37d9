// The page of a cycle's failed appraisals (with their reasons and a retry button each) and of its periodic
// evaluations whose latest run failed.
import type { Hono } from "hono";
import { labelOf } from "@kinerja/core/i18n/labels";
import { t } from "@kinerja/core/i18n/messages";
import { cycleDetail, listCycleAppraisals } from "@kinerja/core/hr/cycle-reports";
import type { HrDeps } from "@kinerja/core/hr/hr-deps";
import { PERIODIC_MAX_ATTEMPTS } from "@kinerja/core/periodic/periodic";
import { createPeriodicStore } from "@kinerja/core/periodic/periodic.repo";
import { failedPeriodicRuns, type FailedPeriodicRun } from "@kinerja/core/periodic/periodic-failure";
import type { AuthVariables } from "../auth/hr-auth";
import type { Principal } from "../auth/jwt-verifier";
import { when } from "../pages/format";
import { appraisalPath, canAct, cyclePath, failureText, RetryButton } from "./appraisal-actions";
import { DashboardLayout } from "./layout";

/** The cycle's failed appraisals with their reasons, each with a retry button. */
function FailedPage(props: {
  principal: Principal;
  cycle: { id: string; name: string; status: string; failureReason?: string };
  failed: {
    id: string;
    nip: string;
    name: string;
    unitId: string;
    failure?: { stage: string; error: string; cause: string; at: string };
  }[];
  periodic: FailedPeriodicRun[];
}) {
  return (
    <DashboardLayout title={`Penilaian gagal · ${props.cycle.name}`} principal={props.principal}>
      <p>
        <a href={cyclePath(props.cycle.id)}>{`← ${props.cycle.name}`}</a>
      </p>
      <h1>{`Penilaian gagal: ${props.cycle.name}`}</h1>
      {props.cycle.failureReason ? (
        <p
          class="error"
          data-cycle-failure
        >{`Peluncuran atau proses siklus gagal: ${props.cycle.failureReason}`}</p>
      ) : null}
      {props.failed.length === 0 ? (
        <p class="ok">Tidak ada penilaian yang gagal dalam siklus ini.</p>
      ) : (
        <div class="table-wrap">
          <table class="failed">
            <thead>
              <tr>
                <th>Pegawai</th>
                <th>Unit</th>
                <th>Tahap</th>
                <th>Waktu</th>
                <th>Alasan</th>
                <th>Tindakan</th>
              </tr>
            </thead>
            <tbody>
              {props.failed.map((a) => (
                <tr data-appraisal={a.id} data-error={a.failure?.error ?? ""}>
                  <td>
                    <a href={appraisalPath(a.id)}>{a.name}</a>
                    <span class="muted">{` NIP ${a.nip}`}</span>
                  </td>
                  <td>{a.unitId}</td>
                  <td>{a.failure ? labelOf("stage", a.failure.stage) : "-"}</td>
                  <td>{when(a.failure?.at)}</td>
                  <td>{failureText(a.failure)}</td>
                  <td>{canAct(props.principal) ? <RetryButton appraisalId={a.id} name={a.name} /> : "-"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <FailedPeriodicRuns runs={props.periodic} />
    </DashboardLayout>
  );
}

/** The cycle's periodic evaluations whose latest run failed: the reason in Indonesian and what HR can do. */
function FailedPeriodicRuns(props: { runs: FailedPeriodicRun[] }) {
  return (
    <>
      <h2 id="evaluasi-periodik">Evaluasi periodik yang gagal</h2>
      {props.runs.length === 0 ? (
        <p class="ok">Tidak ada evaluasi periodik yang gagal dalam siklus ini.</p>
      ) : (
        <div class="table-wrap">
          <table class="failed-periodic">
            <thead>
              <tr>
                <th>Periode</th>
                <th>Terakhir berjalan</th>
                <th>Alasan</th>
                <th>Yang dapat dilakukan</th>
              </tr>
            </thead>
            <tbody>
              {props.runs.map((r) => (
                <tr data-period={r.periodKey} data-error={r.error}>
                  <td>{r.label}</td>
                  <td>{when(r.lastSignAt)}</td>
                  <td>
                    {failureText({ error: r.error })}
                    {r.cause ? <span class="muted">{` (rincian teknis: ${r.cause})`}</span> : null}
                  </td>
                  <td>
                    {r.willRetry
                      ? t("dashPeriodicWillRetry", "id", {
                          attempt: String(r.attempt),
                          max: String(PERIODIC_MAX_ATTEMPTS),
                        })
                      : t("dashPeriodicGaveUp", "id", { max: String(PERIODIC_MAX_ATTEMPTS) })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** Registers GET /cycles/:id/failed on the dashboard app. */
export function registerFailedPage(app: Hono<{ Variables: AuthVariables }>, hr: HrDeps) {
  app.get("/cycles/:id/failed", async (c) => {
    const id = c.req.param("id");
    const [cycle, rows, periodic] = await Promise.all([
      cycleDetail(hr, id),
      listCycleAppraisals(hr, id),
      failedPeriodicRuns(createPeriodicStore(hr.storage, hr.control.store), id),
    ]);
    const failedRows = rows.filter((a) => a.stage === "failed");
    // One read per failed appraisal (their failure is on the workflow's record); failures are few.
    const failed = await Promise.all(
      failedRows.map(async (a) => {
        const record = await hr.control.store.getAppraisal(a.id);
        return { ...a, ...(record?.failure ? { failure: record.failure } : {}) };
      }),
    );
    return c.html(
      <FailedPage
        principal={c.get("principal")}
        cycle={{
          id: cycle.id,
          name: cycle.name,
          status: cycle.status,
          ...(cycle.failureReason ? { failureReason: cycle.failureReason } : {}),
        }}
        failed={failed}
        periodic={periodic}
      />,
    );
  });
}
