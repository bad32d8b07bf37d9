// The demo's browser: a person fills a page's form with what they mean (dotted field names -> values) and submits
// what a browser would send; a field the page lacks or a value it does not offer stops them with a clear error.
import { describe, expect, it } from "vitest";
import { typedNumber } from "../../packages/core/src/i18n/format";
import { readNumber } from "../../packages/local/src/demo/html-form";
import { HtmlPage } from "../../packages/local/src/demo/html-page";
import { FormFillError } from "../../packages/local/src/demo/demo.errors";

const PAGE = `<!doctype html>
<html lang="id"><head><title>Usulan SKP</title></head><body>
<h1>Usulan Sasaran Kinerja Pegawai (SKP)</h1>
<section aria-label="Ringkasan"><dl class="meta"><dt>Pegawai</dt><dd>Siti Aminah (NIP 198001012005012001)</dd></dl></section>
<form method="post" action="/l/tok.abc" novalidate>
  <input type="hidden" name="_rhkRows" value="1">
  <fieldset><legend>RHK 1</legend>
    <label for="t">Rencana hasil kerja</label>
    <textarea id="t" name="rhk.0.text" rows="2">Naskah &amp; laporan</textarea>
    <select name="rhk.0.kind"><option value="">— pilih —</option><option value="utama">Utama</option><option value="tambahan">Tambahan</option></select>
    <select name="rhk.0.parentRhkId"><option value="">— pilih —</option><option value="R-9">Meningkatnya mutu layanan</option></select>
    <fieldset><legend>Indikator 1.1</legend>
      <p class="hint">Aspek Kuantitas · target 1.200–1.500,5 dokumen</p>
      <input type="text" name="rhk.0.indicators.0.target.min" value="" maxlength="10">
      <input type="text" name="rhk.0.indicators.0.note" value="disabled" disabled>
    </fieldset>
  </fieldset>
  <fieldset><legend>Keputusan</legend>
    <label class="choice"><input type="radio" name="decision" value="approve"><span>Setujui SKP</span></label>
    <label class="choice"><input type="radio" name="decision" value="return"><span>Kembalikan</span></label>
  </fieldset>
  <textarea name="annex.konsekuensi"></textarea>
  <button type="submit" name="_action" value="more-rhk" class="secondary">Tambah baris RHK</button>
  <button type="submit" name="_action" value="submit">Kirim usulan SKP</button>
</form>
</body></html>`;

const page = () => new HtmlPage("http://127.0.0.1:3000/l/tok.abc", 200, PAGE);

describe("the demo's HTML form filler", () => {
  it("submits hidden inputs, typed text, chosen options and the pressed button's name and value, in page order", () => {
    const form = page()
      .form()
      .fill({
        "rhk.0.text": "Tersusunnya laporan kinerja",
        "rhk.0.kind": "utama",
        "rhk.0.parentRhkId": "R-9",
        "rhk.0.indicators.0.target.min": typedNumber(95.5),
        decision: "approve",
        "annex.konsekuensi": "Teguran\nPembinaan",
      });
    expect(form.action).toBe("http://127.0.0.1:3000/l/tok.abc");
    expect(form.entries("Kirim usulan SKP")).toEqual([
      ["_rhkRows", "1"],
      ["rhk.0.text", "Tersusunnya laporan kinerja"],
      ["rhk.0.kind", "utama"],
      ["rhk.0.parentRhkId", "R-9"],
      ["rhk.0.indicators.0.target.min", "95,5"],
      ["decision", "approve"],
      ["annex.konsekuensi", "Teguran\r\nPembinaan"],
      ["_action", "submit"],
    ]);
    expect(form.body(/^Tambah baris RHK$/).get("_action")).toBe("more-rhk");
  });

  it("sends what the page holds when nothing is typed: initial text, first select option, no unchecked radio", () => {
    const entries = page().form().entries();
    expect(entries).toContainEqual(["rhk.0.text", "Naskah & laporan"]);
    expect(entries).toContainEqual(["rhk.0.kind", ""]);
    expect(entries.some(([name]) => name === "decision")).toBe(false);
    expect(entries.some(([name]) => name === "rhk.0.indicators.0.note")).toBe(false);
    // Enter presses the first submit button in the form.
    expect(entries.at(-1)).toEqual(["_action", "more-rhk"]);
  });

  it("refuses a field the page lacks, naming the field and the page", () => {
    const form = page().form();
    expect(() => form.fill({ "rhk.0.perspective": "anggaran" })).toThrow(FormFillError);
    expect(() => form.fill({ "rhk.0.perspective": "anggaran" })).toThrow(
      /page "Usulan Sasaran Kinerja Pegawai \(SKP\)" has no field "rhk\.0\.perspective"/,
    );
    expect(() => form.fill({ "rhk.0.indicators.0.note": "x" })).toThrow(/has no field/); // disabled: not there
  });

  it("refuses a value the page does not offer, listing what it offers", () => {
    const form = page().form();
    expect(() => form.fill({ "rhk.0.parentRhkId": "R-1" })).toThrow(
      /field "rhk\.0\.parentRhkId" on page .* does not offer "R-1"; it offers: "", "R-9"/,
    );
    expect(() => form.fill({ decision: "uphold" })).toThrow(
      /does not offer "uphold"; it offers: "approve", "return"/,
    );
    expect(form.value("rhk.0.parentRhkId")).toBe("");
  });

  it("keeps hidden fields as the page set them and respects maxlength", () => {
    const form = page().form();
    expect(() => form.fill({ _rhkRows: "9" })).toThrow(/is hidden; a person cannot change it/);
    expect(form.fill({ _rhkRows: "1" }).value("_rhkRows")).toBe("1");
    expect(() => form.fill({ "rhk.0.indicators.0.target.min": "12345678901" })).toThrow(
      /at most 10 characters/,
    );
    expect(() => form.entries("Kirim keputusan")).toThrow(
      /no button "Kirim keputusan"; it offers: "Tambah baris RHK"/,
    );
  });

  it("reads what a person reads: options with labels, fieldset text, definitions, numbers the Indonesian way", () => {
    const p = page();
    const form = p.form();
    expect(form.options("rhk.0.parentRhkId")).toEqual([
      { value: "", label: "— pilih —" },
      { value: "R-9", label: "Meningkatnya mutu layanan" },
    ]);
    expect(form.options("decision").map((o) => o.label)).toEqual(["Setujui SKP", "Kembalikan"]);
    expect(form.fieldsetText("rhk.0.indicators.0.target.min")).toContain("target 1.200–1.500,5 dokumen");
    expect(p.definition("Pegawai")).toBe("Siti Aminah (NIP 198001012005012001)");
    expect(p.hasForm).toBe(true);
    expect(readNumber("1.200")).toBe(1200);
    expect(readNumber("1.500,5")).toBe(1500.5);
    expect(readNumber("95,5")).toBe(95.5);
    expect(readNumber("dokumen")).toBeUndefined();
    expect(typedNumber(1200)).toBe("1200");
  });

  it("reads the error summary of an answer page", () => {
    const answer = new HtmlPage(
      "http://127.0.0.1:3000/l/tok.abc",
      400,
      `<h1>Usulan SKP</h1><div class="notice error" role="alert"><strong>Periksa isian berikut:</strong>
       <ul class="errors"><li><a href="#f">rhk.0.perspective</a>: wajib diisi</li></ul></div><form method="post"></form>`,
    );
    expect(answer.errors).toEqual(["rhk.0.perspective: wajib diisi"]);
  });

  it("picks a form by its button, uploads a chosen file as multipart and refuses typing into a file input", async () => {
    const p = new HtmlPage(
      "http://127.0.0.1:3000/dashboard/imports",
      200,
      `<h1>Impor</h1><a href="/dashboard/imports/templates/employees">Unduh templat</a>
       <form method="post" action="/dashboard/imports/org-settings"><button type="submit">Pratinjau pengaturan</button></form>
       <form method="post" action="/dashboard/imports/employees" enctype="multipart/form-data">
         <input type="hidden" name="kind" value="employees"><input type="file" name="file" accept=".csv">
         <button type="submit">Pratinjau pegawai</button></form>`,
    );
    expect(p.forms().map((f) => f.action)).toEqual([
      "http://127.0.0.1:3000/dashboard/imports/org-settings",
      "http://127.0.0.1:3000/dashboard/imports/employees",
    ]);
    expect(p.links(/templat/)).toEqual(["http://127.0.0.1:3000/dashboard/imports/templates/employees"]);
    const form = p.formWith(/pegawai/, "file");
    expect(form.documentUrl).toBe("http://127.0.0.1:3000/dashboard/imports");
    expect(() => form.fill({ file: "pegawai.csv" })).toThrow(/takes a file/);
    expect(() => p.formWith("Hapus")).toThrow(/no form with a button "Hapus".*"Pratinjau pegawai"/);
    form.attach("file", { filename: "pegawai.csv", content: "\ufeffnip;nama\r\n1;A\r\n", type: "text/csv" });
    const sent = form.submission("Pratinjau pegawai");
    expect(sent.contentType).toBe("multipart/form-data");
    const data = sent.body as FormData;
    expect(data.get("kind")).toBe("employees");
    const file = data.get("file") as File;
    expect(file.name).toBe("pegawai.csv");
    // Bytes, not file.text(): a decoder would drop the BOM the server must see.
    expect(Buffer.from(await file.arrayBuffer()).toString("utf8")).toBe("\ufeffnip;nama\r\n1;A\r\n");
    expect(p.formWith(/pengaturan/).submission().contentType).toBe("application/x-www-form-urlencoded");
  });
});
