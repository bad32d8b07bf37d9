// Issue 17 item 5: the local outbox pages through every mail (it showed only the newest 200), filters by recipient
// and kind, counts, and refuses a cursor it did not make with an Indonesian 400, while GET /_local/mail keeps its
// DESIGN 3.1 contract (a JSON array, newest first).
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../packages/web/src/app";
import { createOffsetClock } from "../../../packages/core/src/clock/clock";
import { createOutboxMail, type OutboxEntry } from "../../../packages/core/src/mail/outbox-mail";
import { freshTable } from "../../setup/dynamo";

const MAILS = 230;
// Every third mail goes to Budi; mail kinds and decision kinds alternate, some mails are untagged.
const recipientOf = (i: number) => (i % 3 === 0 ? "budi@salor.test" : `pegawai${i}@salor.test`);
const tagsOf = (i: number): Record<string, string> | undefined =>
  i % 10 === 9
    ? undefined
    : { mailKind: i % 2 === 0 ? "request" : "reminder", kind: i % 4 < 2 ? "review" : "skp-approval" };

let app: ReturnType<typeof createApp>;
const sent: string[] = []; // ids, oldest first

beforeAll(async () => {
  const table = await freshTable("outbox-paging");
  const clock = createOffsetClock();
  const outbox = createOutboxMail(table, clock);
  for (let i = 0; i < MAILS; i++) {
    // One second apart, so "newest first" is the sending order (mails of one millisecond order by id).
    clock.advance(1000);
    const tags = tagsOf(i);
    const { id } = await outbox.send({
      to: recipientOf(i),
      subject: `Mail ${i}`,
      text: `isi ${i}`,
      html: `<p>isi ${i}</p>`,
      links: [],
      ...(tags ? { tags } : {}),
    });
    sent.push(id);
  }
  app = createApp({ outbox });
}, 120_000);

const json = async (path: string) => {
  const res = await app.request(path);
  expect(res.status).toBe(200);
  return { mails: (await res.json()) as OutboxEntry[], link: res.headers.get("link") };
};
const rel = (link: string | null, name: "next" | "prev") =>
  link?.match(new RegExp(`<([^>]+)>; rel="${name}"`))?.[1] ?? null;
const html = async (path: string) => {
  const res = await app.request(path, { headers: { accept: "text/html" } });
  return { status: res.status, body: await res.text() };
};
const hrefOf = (body: string, text: string) =>
  body.match(new RegExp(`<a href="([^"]+)"[^>]*>\\s*${text}`))?.[1]?.replace(/&amp;/g, "&") ?? null;

describe("local outbox paging (issue 17 item 5)", () => {
  it("GET /_local/mail still answers the newest 200 as a JSON array, and its next link reaches the 201st", async () => {
    const first = await json("/_local/mail");
    expect(first.mails).toHaveLength(200);
    expect(first.mails.map((m) => m.id)).toEqual(sent.slice(-200).reverse());
    expect(Object.keys(first.mails[0]!)).toEqual(
      expect.arrayContaining(["id", "to", "subject", "text", "html", "links", "sentAt"]),
    );
    expect(rel(first.link, "prev")).toBeNull();
    const second = await json(rel(first.link, "next")!);
    expect(second.mails.map((m) => m.id)).toEqual(sent.slice(0, MAILS - 200).reverse());
    expect(second.mails[0]!.subject).toBe(`Mail ${MAILS - 201}`);
    expect(rel(second.link, "next")).toBeNull();
    // Back to the newer page: the same 200 again.
    const back = await json(rel(second.link, "prev")!);
    expect(back.mails.map((m) => m.id)).toEqual(first.mails.map((m) => m.id));
  });

  it("the page walks every mail once with 'Lebih lama' and returns with 'Lebih baru'", async () => {
    const seen: string[] = [];
    const pages: string[] = [];
    let path: string | null = "/_local/mail?format=html";
    while (path) {
      const page = await html(path);
      expect(page.status).toBe(200);
      pages.push(path);
      seen.push(
        ...[...page.body.matchAll(/href="\/_local\/mail\/([^"?]+)\?format=html"/g)].map((m) => m[1]!),
      );
      expect(page.body).toContain(`${MAILS} email seluruhnya`);
      path = hrefOf(page.body, "Lebih lama");
    }
    expect(pages).toHaveLength(Math.ceil(MAILS / 50));
    expect(seen).toEqual([...sent].reverse());
    const last = await html(pages.at(-1)!);
    expect(hrefOf(last.body, "Lebih lama")).toBeNull();
    const newer = await html(hrefOf(last.body, "← Lebih baru")!);
    const ids = (body: string) =>
      [...body.matchAll(/href="\/_local\/mail\/([^"?]+)\?format=html"/g)].map((m) => m[1]);
    expect(ids(newer.body)).toEqual(ids((await html(pages.at(-2)!)).body));
  });

  it("filters by recipient and by kind, with counts, through every page", async () => {
    const budi = sent.filter((_, i) => recipientOf(i) === "budi@salor.test").reverse();
    const first = await json("/_local/mail?to=budi@salor.test&limit=30");
    const second = await json(rel(first.link, "next")!);
    const third = await json(rel(second.link, "next")!);
    expect([...first.mails, ...second.mails, ...third.mails].map((m) => m.id)).toEqual(budi);
    expect(rel(third.link, "next")).toBeNull();

    // A kind is the mail's kind (reminder) or what it is about (skp-approval); both together narrow further.
    const reminders = sent.filter((_, i) => tagsOf(i)?.mailKind === "reminder").reverse();
    const r1 = await json("/_local/mail?kind=reminder&limit=60");
    const r2 = await json(rel(r1.link, "next")!);
    expect([...r1.mails, ...r2.mails].map((m) => m.id)).toEqual(reminders);
    const budiApprovals = sent
      .filter((_, i) => recipientOf(i) === "budi@salor.test" && tagsOf(i)?.kind === "skp-approval")
      .reverse();
    expect((await json("/_local/mail?to=budi@salor.test&kind=skp-approval")).mails.map((m) => m.id)).toEqual(
      budiApprovals,
    );

    const page = await html("/_local/mail?format=html&to=budi%40salor.test&kind=skp-approval");
    expect(page.body).toContain(
      `${budiApprovals.length} dari ${MAILS} email cocok · penerima budi@salor.test · jenis Persetujuan SKP.`,
    );
    expect(page.body).toContain('<option value="skp-approval" selected="">Persetujuan SKP</option>');
    expect(page.body).toContain("Pengingat");
  });

  it("refuses a cursor it did not make, in Indonesian (400), as JSON and as a page", async () => {
    const bad = await app.request("/_local/mail?before=bukan-kursor");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      status: 400,
      detail: expect.stringContaining("Penanda halaman tidak dikenal"),
    });
    const forged = Buffer.from(JSON.stringify({ s: "kemarin", i: "x" })).toString("base64url");
    const page = await html(`/_local/mail?format=html&after=${forged}`);
    expect(page.status).toBe(400);
    expect(page.body).toContain("Penanda halaman tidak dikenal");
    expect((await app.request("/_local/mail?limit=0")).status).toBe(400);
    expect((await app.request("/_local/mail?before=a&after=b")).status).toBe(400);
  });
});
