// The page of a pending decision behind a link: the summary, what is decided, the form of its kind (skp-forms.tsx,
// review-form.tsx, periodic-rating.tsx, the small ones here) and one submit button. Works without any script.
import type { LinkView } from "@kinerja/core/decision/link-view";
import { labelOf } from "@kinerja/core/i18n/labels";
import { RATINGS } from "@kinerja/core/rating/rating";
import { Layout } from "./layout";
import { KIND_TITLES, listOf, ROLE_LABELS, str, when } from "./format";
import { aspectLabel, DecisionContext, num, targetLabel } from "./decision-content";
import { PeriodicRatingFields } from "./periodic-rating";
import {
  ErrorsFor,
  ErrorSummary,
  fieldId,
  type FormState,
  Input,
  Radios,
  Select,
  TextArea,
} from "./form-controls";
import { previousValues, SkpApprovalFields, SkpProposalFields } from "./skp-forms";
import { ReviewFields } from "./review-form";

/** Who, for whom, by when: the summary every decision page starts with. */
export function DecisionSummary(props: { view: LinkView }) {
  const d = props.view.decision;
  return (
    <section class="card" aria-label="Ringkasan">
      <dl class="meta">
        {d.kind === "periodic-rating" ? null : (
          <>
            <dt>Pegawai</dt>
            <dd>
              {d.employee.name} (NIP {d.employee.nip})
            </dd>
          </>
        )}
        <dt>Diminta kepada</dt>
        <dd>
          {props.view.recipient.name}, {ROLE_LABELS[props.view.recipient.role] ?? props.view.recipient.role}
        </dd>
        <dt>Batas waktu</dt>
        <dd>{when(d.dueAt)}</dd>
        <dt>Tautan berlaku s.d.</dt>
        <dd>{when(props.view.linkExpiresAt)}</dd>
      </dl>
    </section>
  );
}

function RealizationFields(props: { view: LinkView; state: FormState }) {
  const indicators = listOf(props.view.decision.context.indicators);
  if (!indicators.length) return <p class="notice warn">SKP ini belum memiliki indikator.</p>;
  return (
    <>
      <p class="hint">
        Isi realisasi untuk indikator yang dilaporkan; indikator tanpa nilai tidak dikirim. Angka desimal
        ditulis dengan koma, misalnya 95,5. Tautan bukti dukung diawali https:// atau http://.
      </p>
      {indicators.map((ind, i) => {
        const p = `items.${i}`;
        return (
          <fieldset id={fieldId(p)}>
            <legend>{str(ind.text) ?? `Indikator ${i + 1}`}</legend>
            <p class="hint">
              Aspek {aspectLabel(ind.aspect)} · target {targetLabel(ind.target)}
            </p>
            <input type="hidden" name={`${p}.indicatorId`} value={String(ind.id)} />
            <div class="row cols-3">
              <Input name={`${p}.value`} label="Realisasi" type="number" state={props.state} />
              <Input name={`${p}.evidenceUrl`} label="Tautan bukti dukung" type="url" state={props.state} />
              <Input name={`${p}.note`} label="Catatan" state={props.state} />
            </div>
          </fieldset>
        );
      })}
    </>
  );
}

function AcknowledgementFields(props: { view: LinkView; state: FormState }) {
  const ctx = props.view.decision.context;
  const deadline = str(ctx.objectionDeadline) ?? props.view.decision.dueAt;
  const days = typeof ctx.objectionWindowDays === "number" ? ctx.objectionWindowDays : undefined;
  return (
    <>
      <p class="notice">
        Keberatan dapat diajukan{" "}
        {days ? `dalam ${num(days)} hari sejak hasil penilaian disampaikan, yaitu ` : ""}
        paling lambat {when(deadline)}. Bila sampai batas itu tidak ada tanggapan, hasil penilaian dianggap
        diterima.
      </p>
      <Radios
        name="decision"
        legend="Tanggapan Anda"
        options={[
          { value: "acknowledge", label: "Saya menerima hasil penilaian ini" },
          { value: "object", label: "Saya mengajukan keberatan", hint: "wajib disertai alasan" },
        ]}
        state={props.state}
      />
      <TextArea
        name="reason"
        label="Alasan keberatan"
        need="wajib bila mengajukan keberatan"
        state={props.state}
        rows={5}
      />
    </>
  );
}

function ObjectionDecisionFields(props: { view: LinkView; state: FormState }) {
  return (
    <>
      <Radios
        name="decision"
        legend="Keputusan (final)"
        options={[
          { value: "uphold", label: "Kabulkan keberatan dan tetapkan rating baru" },
          { value: "reject", label: "Tolak keberatan; hasil penilaian tetap" },
        ]}
        state={props.state}
      />
      <fieldset id={fieldId("revised")}>
        <legend>Rating baru (wajib bila keberatan dikabulkan)</legend>
        {(["hasilKerja", "perilaku"] as const).map((field) => (
          <Select
            name={`revised.${field}`}
            label={field === "hasilKerja" ? "Rating hasil kerja" : "Rating perilaku kerja"}
            empty="— pilih —"
            state={props.state}
            options={RATINGS.map((r) => ({ value: r, label: labelOf("rating", r) }))}
          />
        ))}
        <ErrorsFor path="revised" state={props.state} />
      </fieldset>
      <TextArea name="note" label="Catatan keputusan" need="wajib" state={props.state} required rows={4} />
    </>
  );
}

const FIELDS = {
  "skp-proposal": SkpProposalFields,
  "skp-approval": SkpApprovalFields,
  realization: RealizationFields,
  review: ReviewFields,
  acknowledgement: AcknowledgementFields,
  "objection-decision": ObjectionDecisionFields,
  "periodic-rating": PeriodicRatingFields,
} as const;

/** The submit button of each kind, saying what it sends. */
const SUBMIT_LABELS = {
  "skp-proposal": "Kirim usulan SKP",
  "skp-approval": "Kirim keputusan",
  realization: "Kirim laporan realisasi",
  review: "Kirim penilaian",
  acknowledgement: "Kirim tanggapan",
  "objection-decision": "Kirim keputusan",
  "periodic-rating": "Kirim penilaian periodik",
} as const;

/** The page of a pending decision: summary, what is decided, the form of its kind, one submit button. Works without any script. */
export function DecisionPage(props: { view: LinkView; action: string; state?: FormState }) {
  const kind = props.view.decision.kind;
  const state =
    props.state ??
    (kind === "skp-proposal"
      ? { values: previousValues(props.view.decision.context), errors: [] }
      : { values: {}, errors: [] });
  const Fields = FIELDS[kind];
  const title = KIND_TITLES[kind];
  return (
    <Layout title={title}>
      <h1>{title}</h1>
      <ErrorSummary state={state} kind={kind} />
      <DecisionSummary view={props.view} />
      <DecisionContext view={props.view} />
      <form method="post" action={props.action} accept-charset="utf-8" novalidate>
        {kind === "skp-proposal" ? (
          // Enter in a field presses a form's first submit button: make that the real one, not "Tambah baris RHK".
          <button
            type="submit"
            name="_action"
            value="submit"
            class="visually-hidden"
            tabindex={-1}
            aria-hidden="true"
          >
            {SUBMIT_LABELS[kind]}
          </button>
        ) : null}
        <Fields view={props.view} state={state} />
        <div class="actions">
          <button type="submit" name="_action" value="submit">
            {SUBMIT_LABELS[kind]}
          </button>
        </div>
        <p class="hint">Isian hanya dapat dikirim satu kali; periksa kembali sebelum mengirim.</p>
      </form>
    </Layout>
  );
}
