// The audit trail as people read it: when, who (name and role), what (the action's label) and what it means as a
// short Indonesian sentence; details no sentence covers are shown as a definition list with field labels. Codes
// are turned into their labels from the one dictionary (packages/core/src/i18n/labels.ts); never raw JSON.
import { ACTORS } from "@kinerja/core/appraisal/appraisal";
import { formatDate, formatNumber, formatPercent, formatShortDateTime } from "@kinerja/core/i18n/format";
import { hasLabel, labelOf, type LabelGroup } from "@kinerja/core/i18n/labels";

/** One audit entry as the HR service hands it out. */
export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  kind?: string;
  linkId?: string;
  detail: unknown;
}

/** What a row of the trail says. */
export interface AuditRow {
  when: string;
  who: string;
  what: string;
  /** A sentence about the details, when the action is known. */
  sentence?: string;
  /** Details the sentence does not cover (or all of them for an unknown action), labelled and formatted. */
  fields: { label: string; value: string }[];
}

type Detail = Record<string, unknown>;

const isRecord = (v: unknown): v is Detail => !!v && typeof v === "object" && !Array.isArray(v);
const text = (v: unknown): string | undefined =>
  typeof v === "string" && v.trim() !== "" ? v : typeof v === "number" ? formatNumber(v) : undefined;
const quoted = (v: unknown) => `“${String(v)}”`;
const code = (group: LabelGroup, v: unknown) => (typeof v === "string" ? labelOf(group, v) : "-");
const count = (v: unknown) => (Array.isArray(v) ? v.length : typeof v === "number" ? v : undefined);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// A review's distribution warnings (rules 12-16) and the appraiser's justification, as a sentence.
function distributionText(d: Detail): string {
  const warnings = Array.isArray(d.distributionWarnings)
    ? (d.distributionWarnings as { message?: unknown }[])
    : [];
  if (!warnings.length) return "";
  const which = warnings.map((w) => text(w.message) ?? "-").join(" ");
  return ` Peringatan distribusi: ${which} Justifikasi: ${text(d.distributionJustification) ? quoted(d.distributionJustification) : "tidak ada"}.`;
}

// Which label group a detail field's value belongs to (per action where the same name means different things).
function groupOf(field: string, action: string): LabelGroup | undefined {
  switch (field) {
    case "stage":
      return "stage";
    case "predikat":
    case "predikatBefore":
    case "predikatAfter":
      return "predikat";
    case "hasilKerja":
    case "perilaku":
      return "rating";
    case "rating":
    case "previous":
      return action === "org-rating-set" ? "orgRating" : "rating";
    case "role":
      return "role";
    case "decision":
      return "decisionChoice";
    case "periodicEvaluation":
      return "periodicEvaluation";
    case "aspect":
      return "aspect";
    case "perspective":
      return "perspective";
    case "kind":
      return action === "follow-up"
        ? "followUpKind"
        : action.startsWith("import-")
          ? "importKind"
          : action === "cycle-created"
            ? "periodKind"
            : "decisionKind";
    default:
      return undefined;
  }
}

const fieldLabel = (key: string) =>
  hasLabel("detailField", key)
    ? labelOf("detailField", key)
    : hasLabel("setting", key)
      ? labelOf("setting", key)
      : hasLabel("berakhlak", key)
        ? labelOf("berakhlak", key)
        : key;

/** A detail value as text: codes labelled, numbers and dates in Indonesian format, lists and objects spelled out. */
export function detailValue(field: string, value: unknown, action = ""): string {
  if (value === null || value === undefined || value === "") return "-";
  if (typeof value === "boolean") return value ? "ya" : "tidak";
  if (typeof value === "number") return field.endsWith("Pct") ? formatPercent(value) : formatNumber(value);
  if (typeof value === "string") {
    const group = groupOf(field, action);
    if (group && hasLabel(group, value)) return labelOf(group, value);
    if (ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return formatShortDateTime(value);
    if (ISO_DATE.test(value)) return formatDate(value);
    return value;
  }
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== "object" || v === null))
      return value.map((v) => detailValue(field, v, action)).join("; ") || "-";
    return `${formatNumber(value.length)} butir`;
  }
  if (isRecord(value)) {
    const parts = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${fieldLabel(k)}: ${detailValue(k, v, action)}`);
    return parts.join("; ") || "-";
  }
  return String(value);
}

// A sentence about a decision's submitted body, per decision kind.
function decisionSentence(kind: string | undefined, body: Detail): string {
  switch (kind) {
    case "skp-proposal":
      return `${formatNumber(count(body.rhk) ?? 0)} RHK diusulkan.`;
    case "skp-approval":
      return `SKP ${code("decisionChoice", body.decision)}${text(body.comment) ? `, catatan: ${quoted(body.comment)}` : ""}.`;
    case "realization":
      return `Realisasi ${formatNumber(count(body.items) ?? 0)} indikator dilaporkan.`;
    case "review":
      return `Hasil kerja ${code("rating", body.hasilKerja)}, perilaku kerja ${code("rating", body.perilaku)}${text(body.feedback) ? `; umpan balik: ${quoted(body.feedback)}` : ""}.`;
    case "acknowledgement":
      return body.decision === "object"
        ? `Pegawai mengajukan keberatan${text(body.reason) ? `: ${quoted(body.reason)}` : ""}.`
        : "Pegawai menerima hasil penilaian.";
    case "objection-decision": {
      const revised = isRecord(body.revised)
        ? `; penilaian baru: hasil kerja ${code("rating", body.revised.hasilKerja)}, perilaku kerja ${code("rating", body.revised.perilaku)}`
        : "";
      return `${capitalise(code("decisionChoice", body.decision))}${revised}${text(body.note) ? `; catatan: ${quoted(body.note)}` : ""}.`;
    }
    case "periodic-rating":
      return `${formatNumber(count(body.ratings) ?? 0)} pegawai dinilai secara periodik.`;
    default:
      return "Keputusan dicatat.";
  }
}

const capitalise = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
const riskText = (atRisk: unknown) => (atRisk ? "pegawai ditandai berisiko" : "tidak berisiko");
const pctText = (pct: unknown) => (typeof pct === "number" ? formatPercent(pct) : "belum dapat dihitung");

// The sentence of a known action, and the detail fields it already says (left out of the list).
function sentenceOf(e: AuditEntry, d: Detail): { sentence: string; covered: string[] } | undefined {
  const by = ["by"];
  switch (e.action) {
    case "created":
      return { sentence: `Penilaian dibuat pada tahap ${code("stage", d.stage)}.`, covered: ["stage"] };
    case "skp-submitted":
      return {
        sentence: `SKP versi ${text(d.version) ?? "-"} diajukan dengan ${formatNumber(count(d.rhk) ?? 0)} RHK.`,
        covered: ["version", "rhk"],
      };
    case "skp-approved":
      return { sentence: `SKP versi ${text(d.version) ?? "-"} disetujui.`, covered: ["version"] };
    case "skp-returned":
      return {
        sentence: `SKP versi ${text(d.version) ?? "-"} dikembalikan untuk diperbaiki${text(d.comment) ? ` dengan catatan: ${quoted(d.comment)}` : ""}.`,
        covered: ["version", "comment"],
      };
    case "realisation-reported":
      return {
        sentence: `Realisasi dilaporkan untuk ${formatNumber(count(d.items) ?? 0)} indikator.`,
        covered: ["items"],
      };
    case "measurement-snapshot":
      return {
        sentence: `Capaian keseluruhan ${pctText(d.overallAchievementPct)}; ${riskText(d.atRisk)}.`,
        covered: ["overallAchievementPct", "atRisk"],
      };
    case "reviewed":
      return {
        sentence:
          `Hasil kerja ${code("rating", d.hasilKerja)}, perilaku kerja ${code("rating", d.perilaku)}, ` +
          `predikat ${code("predikat", d.predikat)}.${text(d.unitHeadOverride) ? ` ${String(d.unitHeadOverride)}` : ""}` +
          distributionText(d),
        covered: [
          "hasilKerja",
          "perilaku",
          "predikat",
          "unitHeadOverride",
          "distributionWarnings",
          "distributionJustification",
        ],
      };
    case "org-rating-applied":
      return {
        sentence:
          `Capaian organisasi ${code("orgRating", d.orgRating)}: hasil kerja ${code("rating", d.hasilKerjaBefore)} ` +
          `menjadi ${code("rating", d.hasilKerjaAfter)}, predikat ${code("predikat", d.predikatBefore)} menjadi ` +
          `${code("predikat", d.predikatAfter)}.${text(d.unitHeadOverride) ? ` ${String(d.unitHeadOverride)}` : ""}`,
        covered: [
          "orgRating",
          "hasilKerjaBefore",
          "hasilKerjaAfter",
          "predikatBefore",
          "predikatAfter",
          "unitHeadOverride",
        ],
      };
    case "objection-filed":
      return { sentence: `Alasan keberatan: ${quoted(text(d.reason) ?? "-")}.`, covered: ["reason"] };
    case "acknowledged":
      return { sentence: "Pegawai menerima hasil penilaian.", covered: [] };
    case "auto-acknowledged":
      return {
        sentence: "Masa keberatan berakhir tanpa tanggapan; hasil penilaian dianggap diterima.",
        covered: [],
      };
    case "objection-upheld":
      return {
        sentence: `Predikat ${code("predikat", d.predikatBefore)} menjadi ${code("predikat", d.predikatAfter)}.`,
        covered: ["predikatBefore", "predikatAfter"],
      };
    case "objection-rejected":
      return {
        sentence: `Predikat tetap ${code("predikat", d.predikatAfter ?? d.predikatBefore)}.`,
        covered: ["predikatBefore", "predikatAfter"],
      };
    case "follow-up": {
      const poor = typeof d.consecutivePoor === "number" ? d.consecutivePoor : 0;
      // Credit points and the discipline finding (issue 15 item 10); the employment type shows in the page header and
      // the PPPK branch in the kind's label.
      const extra = [
        ...(typeof d.creditPoints === "number" ? [`angka kredit ${formatNumber(d.creditPoints)}`] : []),
        ...(typeof d.discipline === "string"
          ? [
              `disiplin: ${code("disciplineSanction", d.discipline)} (${formatNumber(Number(d.absentDays ?? 0))} hari tidak masuk tanpa alasan sah)`,
            ]
          : []),
      ];
      return {
        sentence: `Tindak lanjut: ${code("followUpKind", d.kind)}${poor > 0 ? `; ${formatNumber(poor)} kali berturut-turut berpredikat rendah` : ""}${extra.map((e) => `; ${e}`).join("")}.`,
        covered: ["kind", "consecutivePoor", "employmentType", "creditPoints", "discipline", "absentDays"],
      };
    }
    case "failed":
      return {
        sentence: `Gagal pada tahap ${code("stage", d.stage)}: ${text(d.error) ?? "-"}${text(d.cause) ? ` — ${String(d.cause)}` : ""}.`,
        covered: ["stage", "error", "cause"],
      };
    case "cancelled":
      return {
        sentence: `Dibatalkan pada tahap ${code("stage", d.stage)}${text(d.reason) ? `, alasan: ${quoted(d.reason)}` : ""}.`,
        covered: ["stage", "reason"],
      };
    case "retried":
      return {
        sentence: `Diulang dari tahap ${code("stage", d.stage)}${text(d.previousError) ? ` (galat sebelumnya: ${String(d.previousError)})` : ""}.`,
        covered: ["stage", "previousError"],
      };
    case "periodic-evaluation":
      return {
        sentence: `${text(d.label) ?? text(d.periodKey) ?? "Periode"}: capaian ${pctText(d.overallAchievementPct)}; ${riskText(d.atRisk)}.`,
        covered: ["periodKey", "label", "overallAchievementPct", "atRisk"],
      };
    case "periodic-rating":
      return {
        sentence:
          `${text(d.label) ?? text(d.periodKey) ?? "Periode"}: hasil kerja ${code("rating", d.hasilKerja)}, ` +
          `perilaku kerja ${code("rating", d.perilaku)}, predikat periodik ${code("predikat", d.predikat)}` +
          `${text(d.note) ? `; catatan: ${quoted(d.note)}` : ""}.`,
        covered: [
          "periodKey",
          "label",
          "hasilKerja",
          "perilaku",
          "predikat",
          "note",
          "decisionId",
          "role",
          "name",
        ],
      };
    case "coaching-dialogue-opened":
      return {
        sentence:
          `Pejabat penilai diminta berdialog dengan pegawai${typeof d.dueBy === "string" ? ` paling lambat ${detailValue("dueBy", d.dueBy)}` : ""}` +
          `${Array.isArray(d.reasons) && d.reasons.length > 0 ? `; alasan: ${detailValue("reasons", d.reasons)}` : ""}.`,
        covered: ["periodKey", "dueBy", "reasons", "appraiserNip"],
      };
    case "decision": {
      const body = isRecord(d.body) ? d.body : {};
      return {
        sentence: `${decisionSentence(e.kind, body)}${d.restoredFromWorkflow ? " (Dipulihkan dari alur kerja.)" : ""}`,
        covered: ["body", "decisionId", "decisionKey", "role", "name", "restoredFromWorkflow"],
      };
    }
    case "mail-problem": {
      // A link mail SES could not deliver (issue 16 item 4): to whom, what happened and why, in short words.
      const kind = typeof d.mailKind === "string" ? ` ${code("mailKind", d.mailKind).toLowerCase()}` : "";
      const to = text(d.name) ? `${String(d.name)} <${text(d.email) ?? "-"}>` : (text(d.email) ?? "-");
      return {
        sentence: `Email${kind} ke ${to} ${code("mailProblem", d.problem)}: ${code("mailProblemReason", d.reason)}.`,
        covered: ["problem", "reason", "email", "name", "role", "mailKind"],
      };
    }
    case "cycle-created": {
      const period =
        typeof d.periodStart === "string" && typeof d.periodEnd === "string"
          ? `, ${formatDate(d.periodStart)} s.d. ${formatDate(d.periodEnd)}`
          : "";
      return {
        sentence:
          `Siklus ${quoted(text(d.name) ?? "-")} (${code("periodKind", d.kind)}${period}) dibuat untuk ` +
          `${Array.isArray(d.unitIds) && d.unitIds.length > 0 ? `unit ${d.unitIds.join(", ")}` : "seluruh organisasi"}.`,
        covered: ["name", "kind", "periodStart", "periodEnd", "unitIds", ...by],
      };
    }
    case "cycle-launched":
      return {
        sentence:
          d.started === false ? "Peluncuran sudah berjalan sebelumnya." : "Peluncuran siklus dimulai.",
        covered: ["started", ...by],
      };
    case "cycle-cancelled":
      return {
        sentence: `Siklus dibatalkan${text(d.reason) ? `, alasan: ${quoted(d.reason)}` : ""}; ${formatNumber(count(d.appraisalsCancelled) ?? 0)} penilaian dibatalkan.`,
        covered: ["reason", "appraisalsCancelled", ...by],
      };
    case "org-rating-set":
      return {
        sentence:
          `Capaian organisasi unit ${text(d.unitId) ?? "-"}: ${code("orgRating", d.rating)}` +
          `${typeof d.previous === "string" ? ` (sebelumnya ${code("orgRating", d.previous)})` : ""}.`,
        covered: ["unitId", "rating", "previous", ...by],
      };
    case "import-committed":
    case "import-accepted":
    case "import-rejected":
      return {
        sentence: `${labelOf("auditAction", e.action)}: ${code("importKind", d.kind)}.`,
        covered: ["kind", ...by],
      };
    default:
      return undefined;
  }
}

/** Who acted, as a person reads it: "Sari Dewi (pejabat penilai kinerja)", "Sistem". */
export function actorText(actor: string, detail: unknown, people: ReadonlyMap<string, string>): string {
  const d = isRecord(detail) ? detail : {};
  if (actor === "system") return "Sistem";
  const [prefix, ...rest] = actor.split(":");
  const id = rest.join(":");
  if (prefix === "hr" && rest.length > 0) return `${text(d.by) ?? (id || "-")} (${labelOf("role", "hr")})`;
  if (rest.length > 0 && (ACTORS as readonly string[]).includes(prefix!)) {
    const name = people.get(id) ?? (id && id !== "?" ? id : undefined);
    return name ? `${name} (${labelOf("role", prefix!)})` : capitalise(labelOf("role", prefix!));
  }
  // A decision's entry names the person by NIP, with their name and role in the detail.
  const name = text(d.name) ?? people.get(actor) ?? actor;
  return typeof d.role === "string" ? `${name} (${labelOf("role", d.role)})` : name;
}

/** One audit entry as a readable row. */
export function describeAuditEvent(e: AuditEntry, people: ReadonlyMap<string, string> = new Map()): AuditRow {
  const d = isRecord(e.detail) ? e.detail : {};
  const known = sentenceOf(e, d);
  const covered = new Set(known?.covered ?? []);
  const what = `${labelOf("auditAction", e.action)}${e.kind ? ` · ${labelOf("decisionKind", e.kind)}` : ""}`;
  const fields = Object.entries(d)
    .filter(([k, v]) => !covered.has(k) && v !== undefined && !(isRecord(v) && Object.keys(v).length === 0))
    .map(([k, v]) => ({ label: fieldLabel(k), value: detailValue(k, v, e.action) }));
  return {
    when: formatShortDateTime(e.at),
    who: actorText(e.actor, e.detail, people),
    what,
    ...(known ? { sentence: known.sentence } : {}),
    fields,
  };
}

/** The audit trail table of the dashboard (oldest first, as stored). */
export function AuditTable(props: { events: AuditEntry[]; people?: ReadonlyMap<string, string> }) {
  if (props.events.length === 0) return <p class="muted">Belum ada catatan.</p>;
  return (
    <div class="table-wrap">
      <table class="audit">
        <thead>
          <tr>
            <th scope="col">Waktu</th>
            <th scope="col">Pelaku</th>
            <th scope="col">Tindakan</th>
            <th scope="col">Rincian</th>
          </tr>
        </thead>
        <tbody>
          {props.events.map((e) => {
            const row = describeAuditEvent(e, props.people);
            return (
              <tr data-action={e.action}>
                <td>
                  <time datetime={e.at}>{row.when}</time>
                </td>
                <td>{row.who}</td>
                <td>{row.what}</td>
                <td>
                  {row.sentence ? <p class="detail">{row.sentence}</p> : null}
                  {row.fields.length > 0 ? (
                    <dl class="detail">
                      {row.fields.map((f) => (
                        <>
                          <dt>{f.label}</dt>
                          <dd>{f.value}</dd>
                        </>
                      ))}
                    </dl>
                  ) : null}
                  {!row.sentence && row.fields.length === 0 ? "-" : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
