// The appraising official's periodic rating page (decision kind periodic-rating, issue 15 item 8) as a browser gets it:
// script-free, listing the team with each member's snapshot and the predikat matrix, one row of fields per member; a
// submitted form shows what was recorded (predikat from the matrix) and no workflow task is called.
import { describe, expect, it } from "vitest";
import { createApp } from "../../../packages/web/src/app";
import { linksFixture, openAndGetPath } from "./helpers";

const context = {
  cycleName: "Guru 2026",
  period: { key: "2026-S1", label: "Semester I", start: "2026-01-01", end: "2026-06-30" },
  members: [
    {
      appraisalId: "g-1",
      nip: "198001012005011003",
      name: "Ani Lestari",
      overallAchievementPct: 104.5,
      atRisk: false,
      riskReasons: [],
      suggestedHasilKerja: "above",
      attendanceRate: 0.98,
    },
    {
      appraisalId: "g-2",
      nip: "198001012005011004",
      name: "Dedi Kurnia",
      overallAchievementPct: 61,
      atRisk: true,
      riskReasons: ["Capaian indikator utama di bawah jalur target."],
      suggestedHasilKerja: "below",
      attendanceRate: null,
    },
  ],
};

async function open() {
  const fx = await linksFixture();
  const app = createApp({ decisions: fx.deps });
  const { path } = await openAndGetPath(fx, {
    decisionKey: "periodic-rating#guru-2026#2026-S1#198001012005011002",
    kind: "periodic-rating",
    appraisalId: "guru-2026#periodik#2026-S1#198001012005011002",
    employee: { nip: "198001012005011002", name: "Budi Santoso" },
    taskToken: "direct:periodic-rating#guru-2026#2026-S1#198001012005011002",
    context,
  });
  return { fx, app, path };
}

const post = (app: ReturnType<typeof createApp>, path: string, values: Record<string, string>) =>
  app.request(path, {
    method: "POST",
    body: new URLSearchParams({ ...values, _action: "submit" }),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });

describe("periodic rating page", () => {
  it("lists the team with each member's snapshot, the matrix and one row of fields per member, without scripts", async () => {
    const { app, path } = await open();
    const res = await app.request(path);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain("<script");
    expect(html).toContain("Evaluasi kinerja periodik Semester I");
    expect(html).toContain("Ani Lestari (NIP 198001012005011003)");
    expect(html).toContain("104,5%");
    expect(html).toContain("Capaian indikator utama di bawah jalur target.");
    // the matrix: Di Atas Ekspektasi x Di Atas Ekspektasi is Sangat Baik, Di Bawah x Di Bawah is Sangat Kurang
    expect(html).toMatch(/Matriks predikat/);
    expect(html).toContain("Sangat Baik");
    expect(html).toContain("Sangat Kurang");
    for (const i of [0, 1])
      for (const field of ["appraisalId", "hasilKerja", "perilaku", "note"])
        expect(html).toContain(`name="ratings.${i}.${field}"`);
    // a team decision names no single employee
    expect(html).not.toContain("<dt>Pegawai</dt>");
  });

  it("records a submitted rating and shows each member's predikat; no workflow task is called", async () => {
    const { fx, app, path } = await open();
    const res = await post(app, path, {
      "ratings.0.appraisalId": "g-1",
      "ratings.0.hasilKerja": "above",
      "ratings.0.perilaku": "meets",
      "ratings.1.appraisalId": "g-2",
      "ratings.1.hasilKerja": "below",
      "ratings.1.perilaku": "below",
      "ratings.1.note": "Rencana perbaikan disepakati.",
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Penilaian periodik Semester I yang dicatat");
    const recorded = html.slice(html.indexOf("yang dicatat"));
    const rows = [...recorded.matchAll(/<tr><th scope="row">([^<]*)<\/th>((?:<td>[^<]*<\/td>)*)<\/tr>/g)].map(
      (m) => [m[1], ...[...m[2]!.matchAll(/<td>([^<]*)<\/td>/g)].map((c) => c[1])],
    );
    expect(rows).toEqual([
      ["Ani Lestari (NIP 198001012005011003)", "Di Atas Ekspektasi", "Sesuai Ekspektasi", "Baik", "-"],
      [
        "Dedi Kurnia (NIP 198001012005011004)",
        "Di Bawah Ekspektasi",
        "Di Bawah Ekspektasi",
        "Sangat Kurang",
        "Rencana perbaikan disepakati.",
      ],
    ]);
    expect(fx.callbacks.succeeded).toHaveLength(0);
    const json = (await (await app.request(path, { headers: { accept: "application/json" } })).json()) as {
      status: string;
    };
    expect(json.status).toBe("decided");
  });

  it("refuses a team with a member left unrated, naming the member in Indonesian, keeping the input", async () => {
    const { app, path } = await open();
    const res = await post(app, path, {
      "ratings.0.appraisalId": "g-1",
      "ratings.0.hasilKerja": "above",
      "ratings.0.perilaku": "meets",
      "ratings.0.note": "Bagus",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Rating periodik Dedi Kurnia belum diisi");
    expect(html).toContain('value="Bagus"');
  });
});
