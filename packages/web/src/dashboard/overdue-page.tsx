// The overdue list (issue 17): a cycle's pending decisions past their deadline on the app clock, who must act, on
// whom, which decision, how many days late, and (for HR) the way to resend the link. The overview's count links here;
// both read the sparse index of pending decisions (cycle-overview.ts), never the cycle's every decision.
import type { Hono } from "hono";
import { formatNumber } from "@kinerja/core/i18n/format";
import { labelOf } from "@kinerja/core/i18n/labels";
import { cycleDetail } from "@kinerja/core/hr/cycle-reports";
import type { HrDeps } from "@kinerja/core/hr/hr-deps";
import { overdueByDeadline, type PastDueDecision } from "@kinerja/core/hr/cycle-overview";
import type { Principal } from "../auth/jwt-verifier";
import type { AuthVariables } from "../auth/hr-auth";
import { when } from "../pages/format";
import { canAct } from "./appraisal-actions";
import { DashboardLayout } from "./layout";

const enc = encodeURIComponent;

/** The path of a cycle's overdue list (the overview's count links to it). */
export const overduePath = (cycleId: string) => `/dashboard/cycles/${enc(cycleId)}/terlambat`;

const lateText = (days: number) => (days < 1 ? "kurang dari 1 hari" : `${formatNumber(days)} hari`);

/** The overdue list of one cycle. */
export function OverduePage(props: {
  principal: Principal;
  cycle: { id: string; name: string };
  overdue: PastDueDecision[];
}) {
  const writer = canAct(props.principal);
  return (
    <DashboardLayout title={`Keputusan lewat tenggat · ${props.cycle.name}`} principal={props.principal}>
      <p>
        <a href={`/dashboard/cycles/${enc(props.cycle.id)}`}>{`← ${props.cycle.name}`}</a>
      </p>
      <h1>{`Keputusan lewat tenggat: ${props.cycle.name}`}</h1>
      <p class="muted">
        Keputusan yang masih ditunggu setelah tenggatnya (saat eskalasi dimulai), yang paling lama lewat lebih
        dulu.
      </p>
      {props.overdue.length === 0 ? (
        <p class="ok">Tidak ada keputusan yang lewat tenggat.</p>
      ) : (
        <div class="table-wrap">
          <table class="overdue">
            <thead>
              <tr>
                <th>Menunggu keputusan dari</th>
                <th>Keputusan</th>
                <th>Pegawai</th>
                <th>Tenggat</th>
                <th>Terlambat</th>
                <th>Tindakan</th>
              </tr>
            </thead>
            <tbody>
              {props.overdue.map((o) => (
                <tr data-decision={o.decisionId} data-appraisal={o.appraisalId}>
                  <td>
                    {o.waitingFor.map((p) => `${p.name} (${labelOf("role", p.role)})`).join(", ") || "-"}
                  </td>
                  <td>{labelOf("decisionKind", o.kind)}</td>
                  <td>
                    <a href={`/dashboard/appraisals/${enc(o.appraisalId)}`}>{o.employee.name}</a>
                    <span class="muted">{` NIP ${o.employee.nip}`}</span>
                  </td>
                  <td>{when(o.dueAt)}</td>
                  <td data-days-late={String(o.daysLate)}>{lateText(o.daysLate)}</td>
                  <td>
                    {writer ? (
                      // The resend page confirms first (and names the recipient); this only opens it.
                      <form method="get" action={`/dashboard/appraisals/${enc(o.appraisalId)}/resend`}>
                        <input type="hidden" name="decisionId" value={o.decisionId} />
                        <button type="submit" class="secondary">
                          Kirim ulang tautan…
                        </button>
                      </form>
                    ) : (
                      "-"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </DashboardLayout>
  );
}

/** Registers GET /cycles/:id/terlambat on the dashboard routes. */
export function registerOverduePage(app: Hono<{ Variables: AuthVariables }>, hr: HrDeps): void {
  app.get("/cycles/:id/terlambat", async (c) => {
    const id = c.req.param("id");
    const [cycle, overdue] = await Promise.all([cycleDetail(hr, id), overdueByDeadline(hr, id)]);
    return c.html(
      <OverduePage
        principal={c.get("principal")}
        cycle={{ id: cycle.id, name: cycle.name }}
        overdue={overdue}
      />,
    );
  });
}
