// CSV imports on the dashboard, the pages (routes in import-routes.tsx): one section per import with its template and
// columns, the preview of an uploaded file (every row error at once, or what applying changes and "Terapkan"), an
// import job's status (refreshing itself while it runs), and the refusals.
import { importFieldLabel } from "@kinerja/core/i18n/fields";
import { formatDateTime, formatNumber } from "@kinerja/core/i18n/format";
import { labelOf } from "@kinerja/core/i18n/labels";
import { t } from "@kinerja/core/i18n/messages";
import { SYNC_EMPLOYEE_IMPORT_MAX_ROWS } from "@kinerja/core/imports/employee-import-job";
import { CSV_TEMPLATE_KINDS, importColumnsId, type CsvTemplateKind } from "@kinerja/core/imports/templates";
import type { ImportIssue } from "@kinerja/core/org/org.schema";
import type { importJobStatus } from "@kinerja/core/hr/import-commands";
import { detectDelimiter, separatorName } from "@kinerja/core/imports/csv";
import type { claimImportRequest } from "@kinerja/core/hr/import-request.repo";
import {
  IMPORT_CHANGES,
  PREVIEW_SAMPLE_ROWS,
  type ImportChange,
  type ImportPreview,
  type PreviewSection,
  type PreviewSubject,
} from "@kinerja/core/hr/import-preview";
import type { Principal } from "../auth/jwt-verifier";
import { TEMPLATE_TITLES, templateColumnsText } from "./import-templates";
import { DashboardLayout } from "./layout";

const CHANGE_TITLES: Readonly<Record<ImportChange, string>> = {
  new: "Baru",
  changed: "Berubah",
  unchanged: "Tidak berubah",
  removed: "Dihapus",
};

const SUBJECT_TITLES: Readonly<Record<PreviewSubject, string>> = {
  employee: "Pegawai",
  unit: "Unit kerja",
  attendance: "Kehadiran (NIP dan bulan)",
  survey: "Jawaban survei (unit, responden, waktu)",
  indicator: "Nilai indikator (NIP, siklus, indikator, periode)",
  official: "Pejabat",
};

/** Imports that merge by key and never remove what the file leaves out (the settings file replaces the settings). */
const NEVER_REMOVES: ReadonlySet<CsvTemplateKind> = new Set([
  "employees",
  "attendance",
  "survey",
  "indicators",
]);

/** Statuses of an import job that are still moving (the status page refreshes itself). */
const RUNNING = new Set(["validating", "writing", "staging", "applying"]);

/** The status page refreshes every this many seconds while the import runs. */
const STATUS_REFRESH_SECONDS = 3;

function UploadForm(props: { kind: CsvTemplateKind; error?: string }) {
  return (
    <form method="post" action={`/dashboard/imports/${props.kind}`} enctype="multipart/form-data">
      <label for={`file-${props.kind}`}>Berkas CSV</label>
      <input type="file" id={`file-${props.kind}`} name="file" accept=".csv,text/csv" required />
      {props.error ? <p class="field-error">{props.error}</p> : null}
      <div class="actions">
        <button type="submit">Unggah dan pratinjau</button>
      </div>
    </form>
  );
}

/** Every import with its template, columns and upload form. */
export function ImportsPage(props: { principal: Principal; notice?: string }) {
  // Viewers read the formats and templates; uploading is HR's (the guard answers a viewer's POST with 403).
  const canWrite = props.principal.roles.includes("hr");
  return (
    <DashboardLayout title="Impor CSV" principal={props.principal}>
      <h1>Impor data CSV</h1>
      {props.notice ? (
        <p class="ok" role="status">
          {props.notice}
        </p>
      ) : null}
      <p class="muted">
        Berkas boleh dipisah koma atau titik koma (Excel berbahasa Indonesia), dengan atau tanpa BOM. Unggahan
        hanya menampilkan pratinjau; data baru disimpan setelah Anda menekan Terapkan.{" "}
        <a href="/dashboard/imports/format.md">Format lengkap untuk pengembang (bahasa Inggris)</a>
      </p>
      {CSV_TEMPLATE_KINDS.map((kind) => (
        <section class="card" id={kind} aria-labelledby={`h-${kind}`}>
          <h2 id={`h-${kind}`}>{TEMPLATE_TITLES[kind]}</h2>
          <p>
            <a href={`/dashboard/templates/${kind}.csv`} download>
              Unduh templat
            </a>
          </p>
          <p class="muted">
            {"Kolom: "}
            <code>{templateColumnsText(kind)}</code>
            {kind === "employees"
              ? ` Berkas lebih dari ${formatNumber(SYNC_EMPLOYEE_IMPORT_MAX_ROWS)} baris diimpor bertahap.`
              : ""}
          </p>
          <details>
            <summary>Arti setiap kolom</summary>
            <table class="columns">
              <thead>
                <tr>
                  <th scope="col">Kolom</th>
                  <th scope="col">Isian</th>
                  <th scope="col">Keterangan</th>
                </tr>
              </thead>
              <tbody>
                {importColumnsId(kind).map((c) => (
                  <tr>
                    <td>
                      <code>{c.column}</code>
                    </td>
                    <td>{c.required ? "wajib" : "opsional"}</td>
                    <td>{c.meaning}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
          {canWrite ? <UploadForm kind={kind} /> : null}
        </section>
      ))}
    </DashboardLayout>
  );
}

/** Every row error of a file: row (line of the file, header = 1), column, message. */
function IssueTable(props: { errors: readonly ImportIssue[] }) {
  return (
    <div class="table-wrap">
      <table class="issues">
        <thead>
          <tr>
            <th scope="col">Baris</th>
            <th scope="col">Kolom</th>
            <th scope="col">Kesalahan</th>
          </tr>
        </thead>
        <tbody>
          {props.errors.map((e) => (
            <tr>
              <td>{String(e.line)}</td>
              <td>{importFieldLabel(e.field)}</td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SectionView(props: { section: PreviewSection; kind: CsvTemplateKind }) {
  const { section } = props;
  const changes = IMPORT_CHANGES.filter((c) => c !== "removed" || !NEVER_REMOVES.has(props.kind));
  return (
    <section class="card" data-subject={section.subject}>
      <h2>{SUBJECT_TITLES[section.subject]}</h2>
      <dl class="meta counts">
        {changes.map((c) => (
          <>
            <dt>{CHANGE_TITLES[c]}</dt>
            <dd data-change={c}>{formatNumber(section.counts[c])}</dd>
          </>
        ))}
      </dl>
      {NEVER_REMOVES.has(props.kind) ? (
        <p class="muted">Impor ini tidak menghapus data yang tidak ada di berkas.</p>
      ) : null}
      {changes
        .filter((c) => section.samples[c].length > 0 && c !== "unchanged")
        .map((c) => (
          <>
            <h3>{`${CHANGE_TITLES[c]} (${section.counts[c] > PREVIEW_SAMPLE_ROWS ? `${PREVIEW_SAMPLE_ROWS} pertama` : "semua"})`}</h3>
            <div class="table-wrap">
              <table data-change={c}>
                <tbody>
                  {section.samples[c].map((row) => (
                    <tr>
                      <td>{row.key}</td>
                      <td>{row.text}</td>
                      <td>{row.columns ? `kolom berubah: ${row.columns.join(", ")}` : ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ))}
    </section>
  );
}

/** The preview of an uploaded file: every row error, or what applying it changes and the "Terapkan" button. */
export function PreviewPage(props: {
  principal: Principal;
  kind: CsvTemplateKind;
  filename: string;
  content: string;
  preview: ImportPreview;
  /** Names this preview's confirmation: pressing "Terapkan" twice imports once (claimImportRequest). */
  requestId?: string;
}) {
  const { preview, kind } = props;
  return (
    <DashboardLayout title={`Pratinjau impor: ${TEMPLATE_TITLES[kind]}`} principal={props.principal}>
      <h1>{`Pratinjau impor: ${TEMPLATE_TITLES[kind]}`}</h1>
      <p class="muted">{`Berkas: ${props.filename}`}</p>
      {props.content.trim() ? (
        <p class="muted" data-separator>
          {t("dashImportSeparator", "id", { separator: separatorName(detectDelimiter(props.content), "id") })}
        </p>
      ) : null}
      {!preview.ok ? (
        <>
          <p class="error" role="alert">
            {t("csvInvalidRows", "id", { count: String(preview.errors.length) })}
          </p>
          <IssueTable errors={preview.errors} />
          <section class="card">
            <h2>Unggah berkas yang sudah diperbaiki</h2>
            <UploadForm kind={kind} />
          </section>
        </>
      ) : (
        <>
          <p class="notice" role="status">
            {preview.large
              ? t("dashImportLarge", "id", { rows: formatNumber(preview.rows) })
              : t("dashImportNothingWritten", "id")}
          </p>
          {preview.large ? null : preview.sections.map((s) => <SectionView section={s} kind={kind} />)}
          <form method="post" action={`/dashboard/imports/${kind}/apply`} enctype="multipart/form-data">
            <input type="hidden" name="filename" value={props.filename} />
            <input type="hidden" name="requestId" value={props.requestId ?? ""} />
            <input
              type="hidden"
              name="content"
              value={Buffer.from(props.content, "utf8").toString("base64")}
            />
            <div class="actions">
              <button type="submit">Terapkan</button>
              <a href={`/dashboard/imports#${kind}`}>Batal</a>
            </div>
          </form>
        </>
      )}
    </DashboardLayout>
  );
}

/** An import job as it stands; refreshes itself while the job runs. */
export function ImportStatusPage(props: {
  principal: Principal;
  job: Awaited<ReturnType<typeof importJobStatus>>;
}) {
  const { job } = props;
  const running = RUNNING.has(job.status);
  const progress = "progress" in job ? job.progress : undefined;
  const errors = "errors" in job ? (job.errors as ImportIssue[]) : [];
  return (
    <DashboardLayout title={`Impor ${job.importId}`} principal={props.principal}>
      {running ? <meta http-equiv="refresh" content={String(STATUS_REFRESH_SECONDS)} /> : null}
      <h1>{`Impor ${labelOf("importKind", job.kind)}`}</h1>
      <div class="card">
        <dl class="meta">
          <dt>Status</dt>
          <dd>
            <span class={`badge ${job.status}`} data-status={job.status}>
              {labelOf("importStatus", job.status)}
            </span>
          </dd>
          <dt>Dimulai</dt>
          <dd>{formatDateTime(job.createdAt)}</dd>
          {job.finishedAt ? (
            <>
              <dt>Selesai</dt>
              <dd>{formatDateTime(job.finishedAt)}</dd>
            </>
          ) : null}
          {Object.entries(job.counts ?? {}).map(([name, n]) => (
            <>
              <dt>{labelOf("detailField", name)}</dt>
              <dd>{formatNumber(n)}</dd>
            </>
          ))}
          {job.failureReason ? (
            <>
              <dt>Alasan</dt>
              <dd>{job.failureReason}</dd>
            </>
          ) : null}
        </dl>
        {progress && progress.rowsTotal ? (
          <p>
            <progress max={progress.rowsTotal} value={progress.rowsDone} />
            {` ${formatNumber(progress.rowsDone)} dari ${formatNumber(progress.rowsTotal)} baris`}
          </p>
        ) : null}
        {running ? <p class="muted">Halaman ini memuat ulang sendiri setiap beberapa detik.</p> : null}
      </div>
      {errors.length > 0 ? (
        <>
          <p class="error" role="alert">
            {t("csvInvalidRows", "id", {
              count: String(("errorCount" in job && job.errorCount) || errors.length),
            })}
          </p>
          <IssueTable errors={errors} />
        </>
      ) : null}
      <p>
        <a href="/dashboard/imports">Kembali ke impor</a>
      </p>
    </DashboardLayout>
  );
}

/** An import that was not applied, and why. */
export function ProblemPage(props: { principal: Principal; message: string }) {
  return (
    <DashboardLayout title="Impor tidak diterapkan" principal={props.principal}>
      <h1>Impor tidak diterapkan</h1>
      <p class="error" role="alert">
        {props.message}
      </p>
      <p>
        <a href="/dashboard/imports">Kembali ke impor</a>
      </p>
    </DashboardLayout>
  );
}

/** The answer to a second press of the same "Terapkan": nothing imported again, a link to the first result. */
export function AlreadyAppliedPage(props: {
  principal: Principal;
  earlier: Awaited<ReturnType<typeof claimImportRequest>> & object;
}) {
  const { earlier } = props;
  return (
    <DashboardLayout title="Impor sudah diterapkan" principal={props.principal}>
      <h1>Impor sudah diterapkan</h1>
      {earlier.status === "applied" ? (
        <p class="notice" role="status" data-already-applied>
          {`${t("dashImportAlreadyApplied", "id")} `}
          <a href={earlier.resultPath}>lihat hasil impor</a>
        </p>
      ) : (
        <p class="notice" role="status" data-already-applied>
          {t("dashImportStillApplying", "id")}
        </p>
      )}
      <p>
        <a href="/dashboard/imports">Kembali ke impor</a>
      </p>
    </DashboardLayout>
  );
}
