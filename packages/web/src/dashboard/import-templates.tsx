// The CSV templates of the imports as the dashboard names them (the cycles page lists them, the imports page uses
// the titles), from the imports' own column constants.
import {
  CSV_TEMPLATE_COLUMNS,
  CSV_TEMPLATE_KINDS,
  type CsvTemplateKind,
} from "@kinerja/core/imports/templates";

/** What each CSV import holds, as its section and template link are titled. */
export const TEMPLATE_TITLES: Readonly<Record<CsvTemplateKind, string>> = {
  employees: "Data pegawai dan unit kerja",
  attendance: "Kehadiran bulanan",
  survey: "Survei kepuasan masyarakat (IKM)",
  indicators: "Data indikator dari sistem sumber",
  "org-settings": "Pejabat pembina kepegawaian dan penilai pimpinan tertinggi",
};

/** An import's columns as one line: required ones, then the optional ones marked. */
export function templateColumnsText(kind: CsvTemplateKind): string {
  return [
    ...CSV_TEMPLATE_COLUMNS[kind].required,
    ...CSV_TEMPLATE_COLUMNS[kind].optional.map((col) => `${col} (opsional)`),
  ].join(", ");
}

/** The CSV templates of the four imports, with their columns (optional ones marked), from the imports' own constants. */
export function ImportTemplates() {
  return (
    <section class="card" aria-labelledby="templat-csv">
      <h2 id="templat-csv">Templat impor CSV</h2>
      <p class="muted">Baris pertama berkas berisi nama kolom. Kolom bertanda (opsional) boleh tidak ada.</p>
      <ul>
        {CSV_TEMPLATE_KINDS.map((kind) => (
          <li>
            <a href={`/dashboard/templates/${kind}.csv`} download>
              {TEMPLATE_TITLES[kind]}
            </a>
            {": "}
            <code>{templateColumnsText(kind)}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}
