// HR acting on appraisals from the dashboard (issue 17 item 2): retry a failed appraisal, cancel an appraisal or a
// whole cycle with a reason, resend a pending decision's link (optionally to a corrected address). Script-free forms
// in two steps: the first POST (`step=confirm`) shows what will happen, the second (`step=do`) does it through the
// audited HR services. Each confirmation carries a request id, so confirming twice acts once. Viewers get the 403
// page (pageAuth refuses their POSTs; the GET forms refuse them here). Everything is Indonesian.
import type { Context, Hono } from "hono";
import { randomBytes } from "node:crypto";
import * as v from "valibot";
import type { DecisionDeps } from "@kinerja/core/decision/decision-deps";
import { formatNumber } from "@kinerja/core/i18n/format";
import { labelOf } from "@kinerja/core/i18n/labels";
import { parseConfig, t } from "@kinerja/core/i18n/messages";
import { isTerminalStage, type Stage } from "@kinerja/core/appraisal/appraisal";
import { cancelAppraisalAsHr, cancelCycleAsHr, retryAppraisalAsHr } from "@kinerja/core/hr/cycle-commands";
import { cycleDetail, listCycleAppraisals } from "@kinerja/core/hr/cycle-reports";
import type { HrDeps } from "@kinerja/core/hr/hr-deps";
import { HrError } from "@kinerja/core/hr/hr.errors";
import { ResendLinkInputSchema } from "@kinerja/core/hr/hr.schema";
import { currentEmail, resendPendingLink, resendTarget } from "@kinerja/core/hr/resend-link";
import { InvalidOperationError } from "@kinerja/core/workflow/workflow.errors";
import { actorOf, type AuthVariables } from "../auth/hr-auth";
import { when } from "../pages/format";
import {
  CancelForm,
  CancelFormSchema,
  ConfirmPage,
  formOf,
  issuesText,
  MessagePage,
  namesText,
  ResendForm,
  ResendFormSchema,
  RetryFormSchema,
} from "./action-forms";
import { appraisalPath, canAct, cyclePath, failureText } from "./appraisal-actions";

type Ctx = Context<{ Variables: AuthVariables }>;

const newRequestId = () => randomBytes(12).toString("base64url");

/**
 * Registers the action routes on the dashboard app (after its guard). `decisions` (the link service's deps) is what
 * a resend mails with; without it the resend pages say it is not available here.
 */
export function registerAppraisalActions(
  app: Hono<{ Variables: AuthVariables }>,
  deps: { hr: HrDeps; decisions?: DecisionDeps },
) {
  const { hr, decisions } = deps;
  // A viewer asking for an action's form: the 403 page (their POSTs never get here, pageAuth refuses them).
  const forbidden = (c: Ctx) =>
    c.html(
      <MessagePage
        principal={c.get("principal")}
        title="Akses ditolak"
        message={t("hrViewerCannotAct", "id")}
        kind="error"
        back={{ href: "/dashboard", text: "Kembali ke dasbor" }}
      />,
      403,
    );
  const refused = (
    c: Ctx,
    title: string,
    message: string,
    back: { href: string; text: string },
    status: 400 | 409,
  ) =>
    c.html(
      <MessagePage principal={c.get("principal")} title={title} message={message} kind="error" back={back} />,
      status,
    );
  const body = async (c: Ctx) => formOf((await c.req.parseBody()) as Record<string, unknown>);

  // Retry -----------------------------------------------------------------------------------------------------
  app.post("/appraisals/:id/retry", async (c) => {
    const id = c.req.param("id");
    const principal = c.get("principal");
    const back = { href: appraisalPath(id), text: "Kembali ke penilaian" };
    const parsed = v.safeParse(RetryFormSchema, await body(c), parseConfig("id"));
    if (!parsed.success) return refused(c, "Ulangi penilaian", issuesText(parsed.issues), back, 400);
    const record = await hr.control.store.getAppraisal(id);
    if (!record) return c.notFound();
    if (parsed.output.step === "confirm") {
      if (record.stage !== "failed" || !record.failure)
        return refused(
          c,
          "Ulangi penilaian",
          `Penilaian ${record.name} tidak gagal (tahap ${labelOf("stage", record.stage)}); tidak ada yang diulang.`,
          back,
          409,
        );
      return c.html(
        <ConfirmPage
          principal={principal}
          title={`Ulangi penilaian ${record.name}`}
          back={back}
          action={`${appraisalPath(id)}/retry`}
          lines={[
            `Penilaian ${record.name} (NIP ${record.nip}) gagal pada tahap ${labelOf("stage", record.failure.stage)}: ${failureText(record.failure)}.`,
            `Alur kerjanya dijalankan lagi dari tahap ${labelOf("stage", record.failure.stage)}; keputusan yang belum diambil diminta lagi melalui email.`,
            "Tindakan ini dicatat dalam jejak audit penilaian atas nama Anda.",
          ]}
          fields={{}}
          submit="Ya, ulangi penilaian"
        />,
      );
    }
    try {
      await retryAppraisalAsHr(hr, id, actorOf(principal));
    } catch (err) {
      // A second confirmation (or someone else) already retried it: nothing more to do.
      if (err instanceof InvalidOperationError)
        return c.redirect(`${appraisalPath(id)}?selesai=sudah-diulang`, 303);
      throw err;
    }
    return c.redirect(`${appraisalPath(id)}?selesai=diulang`, 303);
  });

  // A cancel form's reason checked; a bad one shows the form again with the error (400) and what was typed.
  const parseCancel = async (
    c: Ctx,
    formPage: (c: Ctx, error?: string, reason?: string, status?: 200 | 400) => Promise<Response>,
    what: string,
  ) => {
    const form = await body(c);
    const parsed = v.safeParse(CancelFormSchema, form, parseConfig("id"));
    if (parsed.success) return parsed.output;
    const typed = typeof form.reason === "string" ? form.reason : undefined;
    return formPage(c, `${what} tidak dibatalkan: ${issuesText(parsed.issues)}`, typed, 400);
  };

  // Cancel one appraisal ----------------------------------------------------------------------------------------
  const appraisalCancelForm = async (c: Ctx, error?: string, reason?: string, status: 200 | 400 = 200) => {
    const id = c.req.param("id")!;
    const record = await hr.control.store.getAppraisal(id);
    if (!record) return c.notFound();
    return c.html(
      <CancelForm
        principal={c.get("principal")}
        title={`Batalkan penilaian ${record.name}`}
        action={`${appraisalPath(id)}/cancel`}
        back={{ href: appraisalPath(id), text: `Penilaian ${record.name}` }}
        affected={`Penilaian ${record.name} (NIP ${record.nip}) dalam tahap ${labelOf("stage", record.stage)} akan dihentikan; keputusan yang masih menunggu ditutup.`}
        {...(error ? { error } : {})}
        {...(reason ? { reason } : {})}
      />,
      status,
    );
  };
  app.get("/appraisals/:id/cancel", async (c) =>
    canAct(c.get("principal")) ? appraisalCancelForm(c) : forbidden(c),
  );
  app.post("/appraisals/:id/cancel", async (c) => {
    const id = c.req.param("id");
    const principal = c.get("principal");
    const parsed = await parseCancel(c, appraisalCancelForm, "Penilaian");
    if (parsed instanceof Response) return parsed;
    const record = await hr.control.store.getAppraisal(id);
    if (!record) return c.notFound();
    if (parsed.step === "confirm") {
      if (record.stage === "cancelled")
        return c.redirect(`${appraisalPath(id)}?selesai=sudah-dibatalkan`, 303);
      return c.html(
        <ConfirmPage
          principal={principal}
          title={`Batalkan penilaian ${record.name}?`}
          back={{ href: appraisalPath(id), text: `Penilaian ${record.name}` }}
          action={`${appraisalPath(id)}/cancel`}
          lines={[
            `Yang terdampak: 1 penilaian, ${record.name} (NIP ${record.nip}), tahap ${labelOf("stage", record.stage)}.`,
            "Alur kerjanya dihentikan dan keputusan yang masih menunggu ditutup; tautan yang sudah dikirim tidak dapat dipakai lagi.",
            `Alasan yang dicatat: ${parsed.reason}`,
            "Pembatalan tidak dapat diurungkan.",
          ]}
          fields={{ reason: parsed.reason }}
          submit="Ya, batalkan penilaian"
          danger
        />,
      );
    }
    try {
      const out = await cancelAppraisalAsHr(hr, id, parsed.reason, actorOf(principal));
      return c.redirect(
        `${appraisalPath(id)}?selesai=${out.cancelled ? "dibatalkan" : "sudah-dibatalkan"}`,
        303,
      );
    } catch (err) {
      if (err instanceof InvalidOperationError)
        return refused(
          c,
          "Penilaian tidak dibatalkan",
          `Penilaian ${record.name} sudah selesai (${labelOf("stage", record.stage)}); tidak dapat dibatalkan.`,
          { href: appraisalPath(id), text: "Kembali ke penilaian" },
          409,
        );
      throw err;
    }
  });

  // Cancel a cycle ----------------------------------------------------------------------------------------------
  const liveOfCycle = async (cycleId: string) =>
    (await listCycleAppraisals(hr, cycleId)).filter((a) => !isTerminalStage(a.stage as Stage));
  const cycleCancelForm = async (c: Ctx, error?: string, reason?: string, status: 200 | 400 = 200) => {
    const id = c.req.param("id")!;
    const [cycle, live] = await Promise.all([cycleDetail(hr, id), liveOfCycle(id)]);
    return c.html(
      <CancelForm
        principal={c.get("principal")}
        title={`Batalkan siklus ${cycle.name}`}
        action={`${cyclePath(id)}/cancel`}
        back={{ href: cyclePath(id), text: cycle.name }}
        affected={`Siklus ${cycle.name} dan ${formatNumber(live.length)} penilaian yang belum selesai di dalamnya akan dibatalkan.`}
        {...(error ? { error } : {})}
        {...(reason ? { reason } : {})}
      />,
      status,
    );
  };
  app.get("/cycles/:id/cancel", async (c) =>
    canAct(c.get("principal")) ? cycleCancelForm(c) : forbidden(c),
  );
  app.post("/cycles/:id/cancel", async (c) => {
    const id = c.req.param("id");
    const principal = c.get("principal");
    const parsed = await parseCancel(c, cycleCancelForm, "Siklus");
    if (parsed instanceof Response) return parsed;
    const [cycle, live] = await Promise.all([cycleDetail(hr, id), liveOfCycle(id)]);
    if (cycle.status === "cancelled") return c.redirect(`${cyclePath(id)}?selesai=sudah-dibatalkan`, 303);
    if (parsed.step === "confirm")
      return c.html(
        <ConfirmPage
          principal={principal}
          title={`Batalkan siklus ${cycle.name}?`}
          back={{ href: cyclePath(id), text: cycle.name }}
          action={`${cyclePath(id)}/cancel`}
          lines={[
            `Yang terdampak: ${formatNumber(live.length)} penilaian yang belum selesai (berjalan atau gagal)${live.length ? `: ${namesText(live.map((a) => a.name))}` : ""}.`,
            `Penilaian yang sudah selesai atau dibatalkan (${formatNumber(cycle.total - live.length)}) tetap seperti adanya.`,
            "Semua keputusan yang masih menunggu ditutup dan peluncuran yang sedang berjalan dihentikan.",
            `Alasan yang dicatat: ${parsed.reason}`,
            "Pembatalan tidak dapat diurungkan.",
          ]}
          fields={{ reason: parsed.reason }}
          submit={`Ya, batalkan siklus dan ${formatNumber(live.length)} penilaian`}
          danger
        />,
      );
    try {
      await cancelCycleAsHr(hr, id, parsed.reason, actorOf(principal));
    } catch (err) {
      // Cancelled meanwhile (a second confirmation): harmless, the cycle page says so.
      if (err instanceof HrError && err.key === "hrCycleAlreadyCancelled")
        return c.redirect(`${cyclePath(id)}?selesai=sudah-dibatalkan`, 303);
      throw err;
    }
    return c.redirect(`${cyclePath(id)}?selesai=dibatalkan`, 303);
  });

  // Resend a pending link ---------------------------------------------------------------------------------------
  const resendForm = async (
    c: Ctx,
    input: { decisionId?: string; recipientNip?: string; email?: string },
    error?: string,
    status: 200 | 400 | 409 = 200,
  ) => {
    const id = c.req.param("id")!;
    const back = { href: appraisalPath(id), text: "Kembali ke penilaian" };
    const record = await hr.control.store.getAppraisal(id);
    if (!record) return c.notFound();
    let target;
    try {
      target = await resendTarget(hr, { appraisalId: id, ...input });
    } catch (err) {
      if (err instanceof HrError) return refused(c, "Kirim ulang tautan", err.text("id"), back, 409);
      throw err;
    }
    return c.html(
      <ResendForm
        principal={c.get("principal")}
        appraisalId={id}
        name={record.name}
        decision={target.decision}
        recipients={target.decision.recipients ?? []}
        chosen={{ nip: target.recipient.nip, email: input.email ?? currentEmail(record, target.recipient) }}
        {...(error ? { error } : {})}
      />,
      status,
    );
  };
  app.get("/appraisals/:id/resend", async (c) => {
    if (!canAct(c.get("principal"))) return forbidden(c);
    const q = formOf(c.req.query());
    const parsed = v.safeParse(ResendLinkInputSchema, q, parseConfig("id"));
    return parsed.success
      ? resendForm(c, parsed.output)
      : resendForm(c, {}, `Isian tidak sah: ${issuesText(parsed.issues)}`, 400);
  });
  app.post("/appraisals/:id/resend", async (c) => {
    const id = c.req.param("id");
    const principal = c.get("principal");
    const back = { href: appraisalPath(id), text: "Kembali ke penilaian" };
    if (!decisions)
      return refused(c, "Kirim ulang tautan", "Pengiriman email tidak tersedia di sini.", back, 409);
    const form = await body(c);
    const parsed = v.safeParse(ResendFormSchema, form, parseConfig("id"));
    if (!parsed.success)
      return resendForm(
        c,
        {
          ...(typeof form.decisionId === "string" ? { decisionId: form.decisionId } : {}),
        },
        `Tautan tidak dikirim: ${issuesText(parsed.issues)}`,
        400,
      );
    const { step, ...input } = parsed.output;
    const record = await hr.control.store.getAppraisal(id);
    if (!record) return c.notFound();
    try {
      const target = await resendTarget(hr, { appraisalId: id, ...input });
      const previous = currentEmail(record, target.recipient);
      const to = input.email ?? previous;
      if (step === "confirm")
        return c.html(
          <ConfirmPage
            principal={principal}
            title={`Kirim ulang tautan kepada ${target.recipient.name}?`}
            back={back}
            action={`${appraisalPath(id)}/resend`}
            lines={[
              `Satu email berisi tautan ${labelOf("decisionKind", target.decision.kind).toLowerCase()} untuk penilaian ${record.name} dikirim ke ${to}.`,
              to !== previous
                ? `Alamat ${target.recipient.name} pada penilaian ini diganti dari ${previous} menjadi ${to}: pengingat dan keputusan berikutnya dikirim ke alamat baru. Perbaiki juga data pegawainya sebelum impor berikutnya.`
                : `Alamat ${target.recipient.name} tidak berubah.`,
              `Tautan berlaku sampai ${when(target.decision.expiresAt)}; tautan yang dikirim sebelumnya tetap berlaku.`,
              "Pengiriman ulang dicatat dalam jejak audit penilaian atas nama Anda.",
            ]}
            fields={{
              decisionId: target.decision.decisionId,
              recipientNip: target.recipient.nip,
              email: to,
              requestId: newRequestId(),
            }}
            submit="Ya, kirim ulang"
          />,
        );
      if (!input.requestId)
        return refused(
          c,
          "Kirim ulang tautan",
          "Formulir kedaluwarsa; mulai lagi dari halaman penilaian.",
          back,
          400,
        );
      const out = await resendPendingLink(
        hr,
        decisions,
        { appraisalId: id, ...input, requestId: input.requestId },
        actorOf(principal),
      );
      return c.redirect(`${appraisalPath(id)}?selesai=${out.repeated ? "sudah-dikirim" : "dikirim"}`, 303);
    } catch (err) {
      if (err instanceof HrError) return refused(c, "Tautan tidak dikirim", err.text("id"), back, 409);
      throw err;
    }
  });
}
