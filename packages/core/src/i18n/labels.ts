// The one dictionary of what people read instead of codes: every code the API, the audit trail or the CLI
// carries has its Indonesian label here (and the English one, for mails and the API where English is offered).
// Label constants that already lived beside their codes (stages, ratings, predikat, aspects, perspectives) are
// reused as they are, so each label has one source. Pages use `labelOf(group, code)`; `--json` keeps the codes.
import { STAGE_LABELS, type Actor, type Stage } from "../appraisal/appraisal";
import type { CYCLE_KINDS, CYCLE_STATUSES } from "../cycle/cycle.entity";
import type { DecisionKind } from "../decision/decision-kinds";
import type { DecisionStatus, DeliveryStatus } from "../decision/decision.entity.types";
import { JF_LEVEL_LABELS } from "../credit-points/credit-points";
import { DISCIPLINE_SANCTION_LABELS } from "../discipline/discipline";
import type { FollowUpKind } from "../follow-up/follow-up";
import type { IMPORT_KINDS, IMPORT_STATUSES } from "../imports/import-job.entity";
import type { MailKind } from "../mail/templates";
import type { MailProblemKind, MailProblemReason } from "../mail/delivery-problem";
import type { EmploymentType } from "../org/org";
import type { Cadence } from "../period/period";
import {
  BERAKHLAK,
  ORG_RATING_LABELS,
  PREDIKAT_LABELS,
  RATING_LABELS,
  type BerakhlakKey,
  type Label,
} from "../rating/rating";
import type { PositionType } from "../org/org.schema";
import { ASPECT_LABELS, PERSPECTIVE_LABELS, type RHK_KINDS } from "../skp/skp.schema";

export type { Label };

import type { Lang } from "./messages";

/** Languages labels are written in (the dictionary's); Bahasa Indonesia is the default. */
export type { Lang };

type Labels<K extends string> = Readonly<Record<K, Label>>;

/** Cycle status (the life of a cycle as a whole). */
const CYCLE_STATUS_LABELS: Labels<(typeof CYCLE_STATUSES)[number]> = {
  created: { id: "Dibuat", en: "Created" },
  launching: { id: "Sedang diluncurkan", en: "Launching" },
  running: { id: "Berjalan", en: "Running" },
  completed: { id: "Selesai", en: "Completed" },
  cancelled: { id: "Dibatalkan", en: "Cancelled" },
  failed: { id: "Gagal", en: "Failed" },
};

/** Period kinds: the length of a cycle, and the teachers' semester (rule 38). */
const PERIOD_KIND_LABELS: Labels<(typeof CYCLE_KINDS)[number] | "semester"> = {
  annual: { id: "Tahunan", en: "Annual" },
  quarterly: { id: "Triwulanan", en: "Quarterly" },
  monthly: { id: "Bulanan", en: "Monthly" },
  semester: { id: "Semesteran", en: "Half-yearly" },
};

/** The cycle setting `periodicEvaluation` (how often periodic evaluations run). */
const PERIODIC_EVALUATION_LABELS: Labels<Cadence> = {
  monthly: { id: "Bulanan", en: "Monthly" },
  quarterly: { id: "Triwulanan", en: "Quarterly" },
  semester: { id: "Semesteran", en: "Half-yearly" },
  none: { id: "Tidak ada", en: "None" },
};

/** Names of the cycle settings. */
const SETTING_LABELS: Labels<
  "periodicEvaluation" | "reminderAfterDays" | "escalateAfterDays" | "objectionWindowDays"
> = {
  periodicEvaluation: { id: "Evaluasi berkala", en: "Periodic evaluation" },
  reminderAfterDays: { id: "Pengingat setelah (hari)", en: "Reminder after (days)" },
  escalateAfterDays: { id: "Eskalasi setelah (hari)", en: "Escalation after (days)" },
  objectionWindowDays: { id: "Masa keberatan (hari)", en: "Objection window (days)" },
};

/** Life of a decision behind a link. */
const DECISION_STATUS_LABELS: Labels<DecisionStatus> = {
  pending: { id: "Menunggu keputusan", en: "Pending" },
  decided: { id: "Sudah diputuskan", en: "Decided" },
  expired: { id: "Kedaluwarsa", en: "Expired" },
  superseded: { id: "Digantikan", en: "Superseded" },
};

/** Whether a decided outcome reached the workflow. */
const DELIVERY_STATUS_LABELS: Labels<DeliveryStatus> = {
  none: { id: "Belum ada keputusan", en: "No decision yet" },
  undelivered: { id: "Belum diteruskan ke alur kerja", en: "Not yet delivered" },
  delivered: { id: "Sudah diteruskan ke alur kerja", en: "Delivered" },
};

/** BerAKHLAK value names, from the official list in rating.ts. */
const BERAKHLAK_LABELS = Object.fromEntries(
  BERAKHLAK.map((b) => [b.key, { id: b.label, en: b.labelEn }]),
) as Labels<BerakhlakKey>;

/** RHK categories. */
const RHK_KIND_LABELS: Labels<(typeof RHK_KINDS)[number]> = {
  utama: { id: "RHK utama", en: "Main work result" },
  tambahan: { id: "RHK tambahan", en: "Additional work result" },
};

/** Position types (jenis jabatan). */
const POSITION_TYPE_LABELS: Labels<PositionType> = {
  jpt: { id: "Jabatan Pimpinan Tinggi (JPT)", en: "Senior executive (JPT)" },
  administrator: { id: "Administrator", en: "Administrator" },
  pengawas: { id: "Pengawas", en: "Supervisor" },
  pelaksana: { id: "Pelaksana", en: "Executor" },
  fungsional: { id: "Fungsional", en: "Functional" },
};

/** People by their part in an appraisal (recipient roles, audit actors) and the dashboard's roles. */
const ROLE_LABELS_: Labels<Actor | "viewer"> = {
  employee: { id: "pegawai", en: "employee" },
  appraiser: { id: "pejabat penilai kinerja", en: "appraising official" },
  "superior-of-appraiser": {
    id: "atasan pejabat penilai kinerja",
    en: "superior of the appraising official",
  },
  hr: { id: "pengelola kinerja", en: "HR" },
  system: { id: "sistem", en: "system" },
  viewer: { id: "pemantau", en: "viewer" },
};

/** Titles of the decision kinds. */
const DECISION_KIND_LABELS: Labels<DecisionKind> = {
  "skp-proposal": { id: "Usulan Sasaran Kinerja Pegawai (SKP)", en: "Performance target proposal (SKP)" },
  "skp-approval": { id: "Persetujuan SKP", en: "SKP approval" },
  realization: { id: "Laporan Realisasi Kinerja", en: "Performance realisation report" },
  review: { id: "Penilaian Kinerja", en: "Performance review" },
  acknowledgement: { id: "Hasil Penilaian Kinerja", en: "Performance appraisal result" },
  "objection-decision": { id: "Keputusan atas Keberatan", en: "Objection decision" },
  "periodic-rating": { id: "Evaluasi Kinerja Periodik", en: "Periodic performance evaluation" },
};

/** What a person chose in a decision (the `decision` field of the bodies). */
const DECISION_CHOICE_LABELS: Labels<"approve" | "return" | "acknowledge" | "object" | "uphold" | "reject"> =
  {
    approve: { id: "disetujui", en: "approved" },
    return: { id: "dikembalikan untuk diperbaiki", en: "returned for revision" },
    acknowledge: { id: "diterima", en: "acknowledged" },
    object: { id: "keberatan diajukan", en: "objection filed" },
    uphold: { id: "keberatan diterima", en: "objection upheld" },
    reject: { id: "keberatan ditolak", en: "objection rejected" },
  };

/** Which mail: a decision's request, reminder or escalation, or one of the notices (the `kind` mail tag). */
const MAIL_KIND_LABELS: Labels<MailKind | "objection-result" | "periodic-digest"> = {
  request: { id: "Permintaan", en: "Request" },
  reminder: { id: "Pengingat", en: "Reminder" },
  escalation: { id: "Eskalasi", en: "Escalation" },
  "objection-result": { id: "Hasil keputusan keberatan", en: "Objection result" },
  "periodic-digest": { id: "Ringkasan evaluasi berkala", en: "Periodic evaluation digest" },
};

/** SKP status. */
const SKP_STATUS_LABELS: Labels<"submitted" | "returned" | "approved"> = {
  submitted: { id: "Diajukan, menunggu persetujuan", en: "Submitted" },
  returned: { id: "Dikembalikan untuk diperbaiki", en: "Returned" },
  approved: { id: "Disetujui", en: "Approved" },
};

/** Follow-up of an annual result (DOMAIN 8). */
const FOLLOW_UP_KIND_LABELS: Labels<FollowUpKind> = {
  recognition: { id: "Penghargaan", en: "Recognition" },
  development: { id: "Pengembangan kompetensi", en: "Development" },
  coaching: { id: "Pembinaan", en: "Coaching" },
  "sanction-review": { id: "Peninjauan sanksi", en: "Sanction review" },
  "contract-review": { id: "Peninjauan perjanjian kerja PPPK", en: "PPPK contract review" },
};

/** Where an appraisal's objection stands, as the results export names it (issue 17 item 4). */
const OBJECTION_STATE_LABELS: Labels<"none" | "pending" | "upheld" | "rejected"> = {
  none: { id: "Tidak ada keberatan", en: "No objection" },
  pending: { id: "Keberatan menunggu keputusan", en: "Objection pending" },
  upheld: { id: "Keberatan diterima", en: "Objection upheld" },
  rejected: { id: "Keberatan ditolak", en: "Objection rejected" },
};

/** Employment type of an ASN. */
const EMPLOYMENT_TYPE_LABELS: Labels<EmploymentType> = {
  pns: { id: "PNS", en: "Civil servant (PNS)" },
  pppk: { id: "PPPK", en: "Contract civil servant (PPPK)" },
};

/** Audit trail actions (appraisal flow, decisions, periodic evaluation, HR actions, imports). */
const AUDIT_ACTION_LABELS = {
  created: { id: "Penilaian dibuat", en: "Appraisal created" },
  decision: { id: "Keputusan melalui tautan", en: "Decision through a link" },
  "skp-awaits-superior": {
    id: "Menunggu SKP atasan disetujui",
    en: "Waiting for the superior's SKP approval",
  },
  "skp-submitted": { id: "SKP diajukan", en: "SKP submitted" },
  "skp-approved": { id: "SKP disetujui", en: "SKP approved" },
  "skp-returned": { id: "SKP dikembalikan", en: "SKP returned" },
  "realisation-reported": { id: "Realisasi dilaporkan", en: "Realisation reported" },
  "measurement-snapshot": { id: "Capaian kinerja dihitung", en: "Measurement summarised" },
  reviewed: { id: "Kinerja dinilai", en: "Reviewed" },
  "objection-filed": { id: "Keberatan diajukan", en: "Objection filed" },
  acknowledged: { id: "Hasil penilaian diterima", en: "Result acknowledged" },
  "auto-acknowledged": {
    id: "Hasil penilaian dianggap diterima (masa keberatan lewat)",
    en: "Result deemed acknowledged (objection window over)",
  },
  "objection-upheld": { id: "Keberatan diterima", en: "Objection upheld" },
  "objection-rejected": { id: "Keberatan ditolak", en: "Objection rejected" },
  "follow-up": { id: "Tindak lanjut ditetapkan", en: "Follow-up set" },
  failed: { id: "Penilaian gagal", en: "Appraisal failed" },
  cancelled: { id: "Penilaian dibatalkan", en: "Appraisal cancelled" },
  retried: { id: "Penilaian diulang", en: "Appraisal retried" },
  "periodic-evaluation": { id: "Evaluasi berkala", en: "Periodic evaluation" },
  "periodic-rating": {
    id: "Penilaian periodik oleh pejabat penilai",
    en: "Periodic rating by the appraiser",
  },
  "coaching-dialogue-opened": { id: "Dialog kinerja dibuka", en: "Coaching dialogue opened" },
  "cycle-created": { id: "Siklus dibuat", en: "Cycle created" },
  "cycle-launched": { id: "Siklus diluncurkan", en: "Cycle launched" },
  "cycle-cancelled": { id: "Siklus dibatalkan", en: "Cycle cancelled" },
  "org-rating-set": { id: "Capaian organisasi ditetapkan", en: "Organisation rating set" },
  "org-settings-set": {
    id: "Pejabat pembina kepegawaian dan penilai pimpinan tertinggi ditetapkan",
    en: "Staffing authority and appraiser of the top official set",
  },
  "org-rating-applied": {
    id: "Hasil kerja kepala unit mengikuti capaian organisasi",
    en: "Unit head's results follow the organisation rating",
  },
  "import-committed": { id: "Impor selesai", en: "Import committed" },
  "import-accepted": { id: "Impor diterima, sedang diproses", en: "Import accepted" },
  "import-rejected": { id: "Impor ditolak", en: "Import rejected" },
  "mail-problem": { id: "Email tidak terkirim", en: "Mail not delivered" },
  "link-resent": { id: "Tautan dikirim ulang", en: "Link resent" },
} as const satisfies Record<string, Label>;

/** Why an appraisal's execution failed (the error name MarkFailed records), as HR reads it (issue 17 item 2). */
/** What HR can do about a failure before pressing "Ulangi", where the reason alone does not say it. */
const FAILURE_HINT_LABELS = {
  DecisionMailError: {
    id: "Periksa alamat email penerima pada data pegawai (Impor CSV, data pegawai) lalu ulangi; tanpa perbaikan, pengulangan akan gagal lagi",
    en: "Check the recipient's address in the employee data (Impor CSV) and retry; without a fix the retry fails again",
  },
} as const satisfies Readonly<Record<string, Label>>;

const FAILURE_ERROR_LABELS = {
  DecisionMailError: {
    id: "Email permintaan keputusan ditolak penyedia email",
    en: "Decision mail rejected",
  },
  TransientError: { id: "Penyimpanan data sementara tidak tersedia", en: "Storage temporarily unavailable" },
  PermanentStorageError: { id: "Data tidak dapat disimpan", en: "Data could not be stored" },
  MissingDataError: { id: "Data yang diperlukan belum ada", en: "Required data missing" },
  InvalidStepInputError: { id: "Masukan langkah alur kerja tidak sah", en: "Invalid workflow step input" },
  StageConflictError: { id: "Tahap penilaian berubah di tengah langkah", en: "Stage changed meanwhile" },
  DecisionRejectedError: { id: "Keputusan ditolak alur kerja", en: "Decision rejected by the workflow" },
  InvalidDecisionInputError: { id: "Permintaan keputusan tidak sah", en: "Invalid decision request" },
  "States.Timeout": { id: "Waktu langkah alur kerja habis", en: "Workflow step timed out" },
  "States.TaskFailed": { id: "Langkah alur kerja gagal", en: "Workflow task failed" },
  "States.Runtime": { id: "Galat mesin alur kerja", en: "Workflow engine error" },
  "States.DataLimitExceeded": { id: "Data alur kerja melebihi batas", en: "Workflow data limit exceeded" },
  "Sandbox.Timedout": { id: "Waktu fungsi Lambda habis", en: "Lambda function timed out" },
  // A periodic evaluation's run (periodic/periodic-failure.ts).
  PeriodicRunStalled: {
    id: "Evaluasi periodik berhenti tanpa kemajuan (prosesnya terhenti sebelum mencatat sebabnya)",
    en: "Periodic evaluation stopped without progress",
  },
  CycleNotFoundError: {
    id: "Siklus evaluasi periodik tidak ditemukan",
    en: "Cycle of the evaluation not found",
  },
  PeriodNotInCycleError: {
    id: "Periode ini bukan periode evaluasi periodik siklus",
    en: "Period is not a periodic-evaluation period of the cycle",
  },
  InvalidJobInputError: {
    id: "Masukan evaluasi periodik tidak sah",
    en: "Invalid periodic evaluation input",
  },
} as const satisfies Record<string, Label>;

/** What SES reported about a mail (issue 16 item 4). */
const MAIL_PROBLEM_LABELS: Labels<MailProblemKind> = {
  bounce: { id: "memantul (bounce)", en: "bounced" },
  complaint: { id: "diadukan sebagai spam", en: "complaint" },
  reject: { id: "ditolak SES", en: "rejected by SES" },
  "delivery-delay": { id: "pengiriman tertunda", en: "delivery delayed" },
};

/** SES's reason for a mail problem, in short words. */
const MAIL_PROBLEM_REASON_LABELS: Labels<MailProblemReason> = {
  "bounce-no-email": { id: "alamat email tidak ada", en: "the address does not exist" },
  "bounce-suppressed": {
    id: "alamat diblokir SES karena sebelumnya gagal menerima",
    en: "SES suppresses the address after earlier bounces",
  },
  "bounce-account-suppressed": {
    id: "alamat ada di daftar blokir akun pengirim (pernah memantul atau mengadu)",
    en: "the address is on the account's suppression list",
  },
  "bounce-permanent": {
    id: "server penerima menolak alamat ini secara permanen",
    en: "the receiving server rejects this address permanently",
  },
  "bounce-mailbox-full": { id: "kotak surat penerima penuh", en: "the mailbox is full" },
  "bounce-too-large": { id: "surat terlalu besar bagi server penerima", en: "the message is too large" },
  "bounce-content-rejected": { id: "server penerima menolak isi surat", en: "the content was rejected" },
  "bounce-transient": {
    id: "server penerima menolak sementara dan SES berhenti mencoba",
    en: "temporary rejection; SES gave up",
  },
  "bounce-undetermined": { id: "server penerima menolak tanpa keterangan", en: "bounced without a reason" },
  complaint: { id: "penerima menandai surat sebagai spam", en: "the recipient marked the mail as spam" },
  reject: { id: "SES menolak mengirim surat (terdeteksi virus)", en: "SES refused to send it (virus)" },
  delay: { id: "pengiriman tertunda, SES masih mencoba", en: "delivery delayed; SES keeps trying" },
  "delay-mailbox-full": {
    id: "pengiriman tertunda karena kotak surat penerima penuh",
    en: "delivery delayed: mailbox full",
  },
};

/** Kinds of CSV imports. */
const IMPORT_KIND_LABELS: Labels<(typeof IMPORT_KINDS)[number]> = {
  employees: { id: "Data pegawai", en: "Employees" },
  attendance: { id: "Kehadiran", en: "Attendance" },
  survey: { id: "Survei kepuasan masyarakat (IKM)", en: "Public satisfaction survey" },
  indicators: { id: "Data indikator", en: "Indicator data" },
};

/** Status of an import job. */
const IMPORT_STATUS_LABELS: Labels<(typeof IMPORT_STATUSES)[number]> = {
  validating: { id: "Sedang diperiksa", en: "Validating" },
  writing: { id: "Sedang ditulis", en: "Writing" },
  staging: { id: "Sedang disiapkan", en: "Staging" },
  applying: { id: "Sedang diterapkan", en: "Applying" },
  committed: { id: "Selesai", en: "Committed" },
  rejected: { id: "Ditolak", en: "Rejected" },
  failed: { id: "Gagal", en: "Failed" },
};

/** Step Functions execution status (the local executions page). */
const EXECUTION_STATUS_LABELS: Labels<"RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED"> = {
  RUNNING: { id: "Berjalan", en: "Running" },
  SUCCEEDED: { id: "Berhasil", en: "Succeeded" },
  FAILED: { id: "Gagal", en: "Failed" },
  TIMED_OUT: { id: "Melewati batas waktu", en: "Timed out" },
  ABORTED: { id: "Dihentikan", en: "Aborted" },
};

/** Names of the fields the audit trail's details carry (shown in the dashboard's definition lists). */
const DETAIL_FIELD_LABELS = {
  stage: { id: "Tahap", en: "Stage" },
  version: { id: "Versi SKP", en: "SKP version" },
  rhk: { id: "Jumlah RHK", en: "Work results" },
  comment: { id: "Catatan", en: "Comment" },
  items: { id: "Indikator dilaporkan", en: "Indicators reported" },
  overallAchievementPct: { id: "Capaian keseluruhan", en: "Overall achievement" },
  atRisk: { id: "Berisiko", en: "At risk" },
  hasilKerja: { id: "Hasil kerja", en: "Work results" },
  perilaku: { id: "Perilaku kerja", en: "Work behaviour" },
  predikat: { id: "Predikat", en: "Rating" },
  unitHeadOverride: { id: "Aturan kepala unit", en: "Unit-head rule" },
  reason: { id: "Alasan", en: "Reason" },
  predikatBefore: { id: "Predikat semula", en: "Rating before" },
  predikatAfter: { id: "Predikat akhir", en: "Rating after" },
  kind: { id: "Jenis", en: "Kind" },
  consecutivePoor: { id: "Hasil rendah berturut-turut", en: "Poor results in a row" },
  error: { id: "Galat", en: "Error" },
  cause: { id: "Penyebab", en: "Cause" },
  previousError: { id: "Galat sebelumnya", en: "Previous error" },
  periodKey: { id: "Periode", en: "Period" },
  label: { id: "Periode", en: "Period" },
  appraiserNip: { id: "NIP pejabat penilai", en: "Appraiser NIP" },
  dueBy: { id: "Batas waktu", en: "Due by" },
  reasons: { id: "Alasan", en: "Reasons" },
  name: { id: "Nama", en: "Name" },
  periodStart: { id: "Awal periode", en: "Period start" },
  periodEnd: { id: "Akhir periode", en: "Period end" },
  unitIds: { id: "Unit", en: "Units" },
  settings: { id: "Pengaturan", en: "Settings" },
  started: { id: "Dimulai", en: "Started" },
  appraisalsCancelled: { id: "Penilaian dibatalkan", en: "Appraisals cancelled" },
  unitId: { id: "Unit", en: "Unit" },
  rating: { id: "Capaian organisasi", en: "Organisation rating" },
  previous: { id: "Sebelumnya", en: "Previous" },
  bytes: { id: "Ukuran berkas (bita)", en: "File size (bytes)" },
  rows: { id: "Baris", en: "Rows" },
  // The counts an import job records (employeeImportCounts), shown on the dashboard's import status page.
  units: { id: "Unit kerja seluruhnya", en: "Units in all" },
  employees: { id: "Pegawai seluruhnya", en: "Employees in all" },
  unitsInFile: { id: "Unit kerja dalam berkas", en: "Units in the file" },
  employeesInFile: { id: "Pegawai dalam berkas", en: "Employees in the file" },
  created: { id: "Pegawai baru", en: "New employees" },
  updated: { id: "Pegawai diperbarui", en: "Employees updated" },
  errors: { id: "Baris bermasalah", en: "Rows with errors" },
  firstError: { id: "Kesalahan pertama", en: "First error" },
  line: { id: "Baris", en: "Line" },
  field: { id: "Kolom", en: "Field" },
  message: { id: "Pesan", en: "Message" },
  importId: { id: "Nomor impor", en: "Import id" },
  resumed: { id: "Dilanjutkan", en: "Resumed" },
  by: { id: "Oleh", en: "By" },
  role: { id: "Peran", en: "Role" },
  decision: { id: "Keputusan", en: "Decision" },
  feedback: { id: "Umpan balik", en: "Feedback" },
  justification: { id: "Justifikasi", en: "Justification" },
  note: { id: "Catatan", en: "Note" },
  revised: { id: "Penilaian baru", en: "Revised ratings" },
  perilakuDetail: { id: "Perilaku per nilai BerAKHLAK", en: "Behaviour per BerAKHLAK value" },
  restoredFromWorkflow: { id: "Dipulihkan dari alur kerja", en: "Restored from the workflow" },
  decisionId: { id: "Nomor keputusan", en: "Decision id" },
  decisionKey: { id: "Kunci keputusan", en: "Decision key" },
  diagnostic: { id: "Keterangan dari SES", en: "SES diagnostic" },
  body: { id: "Isian", en: "Submitted" },
  value: { id: "Realisasi", en: "Value" },
  evidenceUrl: { id: "Bukti dukung", en: "Evidence" },
  indicatorId: { id: "Indikator", en: "Indicator" },
  text: { id: "Uraian", en: "Text" },
  indicators: { id: "Indikator", en: "Indicators" },
  email: { id: "Alamat email", en: "Email address" },
  previousEmail: { id: "Alamat sebelumnya", en: "Previous address" },
} as const satisfies Record<string, Label>;

/** Every group of codes with its labels. */
export const LABELS = {
  stage: STAGE_LABELS satisfies Labels<Stage>,
  cycleStatus: CYCLE_STATUS_LABELS,
  periodKind: PERIOD_KIND_LABELS,
  periodicEvaluation: PERIODIC_EVALUATION_LABELS,
  setting: SETTING_LABELS,
  decisionStatus: DECISION_STATUS_LABELS,
  deliveryStatus: DELIVERY_STATUS_LABELS,
  rating: RATING_LABELS,
  predikat: PREDIKAT_LABELS,
  orgRating: ORG_RATING_LABELS,
  berakhlak: BERAKHLAK_LABELS,
  aspect: ASPECT_LABELS,
  perspective: PERSPECTIVE_LABELS,
  rhkKind: RHK_KIND_LABELS,
  positionType: POSITION_TYPE_LABELS,
  role: ROLE_LABELS_,
  decisionKind: DECISION_KIND_LABELS,
  decisionChoice: DECISION_CHOICE_LABELS,
  mailKind: MAIL_KIND_LABELS,
  skpStatus: SKP_STATUS_LABELS,
  followUpKind: FOLLOW_UP_KIND_LABELS,
  objectionState: OBJECTION_STATE_LABELS,
  employmentType: EMPLOYMENT_TYPE_LABELS,
  jenjang: JF_LEVEL_LABELS,
  disciplineSanction: DISCIPLINE_SANCTION_LABELS,
  auditAction: AUDIT_ACTION_LABELS,
  failureError: FAILURE_ERROR_LABELS,
  failureHint: FAILURE_HINT_LABELS,
  mailProblem: MAIL_PROBLEM_LABELS,
  mailProblemReason: MAIL_PROBLEM_REASON_LABELS,
  importKind: IMPORT_KIND_LABELS,
  importStatus: IMPORT_STATUS_LABELS,
  executionStatus: EXECUTION_STATUS_LABELS,
  detailField: DETAIL_FIELD_LABELS,
} as const satisfies Record<string, Readonly<Record<string, Label>>>;

/** A group of codes in LABELS. */
export type LabelGroup = keyof typeof LABELS;

/** A known code of a group. */
export type CodeOf<G extends LabelGroup> = keyof (typeof LABELS)[G] & string;

/** True when `code` has a label in `group`. */
export function hasLabel(group: LabelGroup, code: string): boolean {
  return Object.prototype.hasOwnProperty.call(LABELS[group], code);
}

/**
 * The label of a code in a group, Indonesian unless `lang` says otherwise. Only an unknown code comes back as
 * itself (so a new code shows up rather than disappears); a known code never does.
 */
export function labelOf(group: LabelGroup, code: string, lang: Lang = "id"): string {
  if (!hasLabel(group, code)) return code;
  const label = (LABELS[group] as Readonly<Record<string, Label>>)[code]!;
  return lang === "en" ? label.en : label.id;
}

/** The Indonesian labels of a group as a plain record (for the pages that index by code). */
export function labelsOf(group: LabelGroup, lang: Lang = "id"): Readonly<Record<string, string>> {
  return Object.fromEntries(
    Object.entries(LABELS[group] as Readonly<Record<string, Label>>).map(([code, l]) => [
      code,
      lang === "en" ? l.en : l.id,
    ]),
  );
}
