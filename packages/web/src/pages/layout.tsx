import type { Child } from "hono/jsx";

/** The page frame: language, viewport for phones, our stylesheet, a header naming the service. */
export function Layout(props: { title: string; children: Child; lang?: "id" | "en" }) {
  return (
    <html lang={props.lang ?? "id"}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${props.title} · kinerja`}</title>
        <link rel="stylesheet" href="/assets/kinerja.css" />
      </head>
      <body>
        <header class="top">
          <div class="brand">kinerja</div>
          <div class="sub">Penilaian Kinerja ASN · Pemerintah Kabupaten Salor</div>
        </header>
        <main id="main">{props.children}</main>
        <footer>
          Tautan ini bersifat pribadi. Membuka halaman ini tidak mengubah apa pun; keputusan hanya tercatat
          setelah formulir dikirim.
        </footer>
      </body>
    </html>
  );
}
