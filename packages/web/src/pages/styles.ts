/** The one stylesheet of the server-rendered pages (served from /assets/kinerja.css so the CSP needs no inline style). */
export const PAGE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-size:100%;-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;line-height:1.5;color:#1b1b1b;background:#f4f6f8}
header.top{background:#0b5394;color:#fff;padding:.75rem 1rem}
header.top .brand{font-weight:700;letter-spacing:.02em}
header.top .sub{font-size:.85rem;opacity:.9}
main{max-width:48rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
.card{background:#fff;border:1px solid #d7dde3;border-radius:8px;padding:1rem;margin:0 0 1rem}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
.meta dt{font-weight:600;color:#444}.meta dd{margin:0;overflow-wrap:anywhere;min-width:0}
@media (max-width:30rem){.meta{grid-template-columns:1fr;gap:0}.meta dt{margin-top:.5rem}}
body{overflow-wrap:break-word}
fieldset{border:1px solid #d7dde3;border-radius:8px;padding:.75rem 1rem 1rem;margin:0 0 1rem;background:#fff}
legend{font-weight:700;padding:0 .25rem}
label{display:block;font-weight:600;margin:.5rem 0 .25rem}
.choice{display:flex;align-items:flex-start;gap:.5rem;font-weight:400;margin:.35rem 0;padding:.35rem;border-radius:6px}
.choice input{margin-top:.3rem;width:1.15rem;height:1.15rem;flex:none}
input[type=text],input[type=url],input[type=number],select,textarea{width:100%;font:inherit;padding:.55rem .6rem;border:1px solid #8a96a3;border-radius:6px;background:#fff;min-height:2.75rem}
textarea{min-height:6rem;resize:vertical}
input:focus,select:focus,textarea:focus,button:focus,a:focus{outline:3px solid #f0b400;outline-offset:2px}
.row{display:grid;grid-template-columns:1fr;gap:.5rem}
@media (min-width:40rem){.row.cols-2{grid-template-columns:1fr 1fr}.row.cols-3{grid-template-columns:2fr 1fr 1fr}.row.cols-4{grid-template-columns:2fr 1fr 1fr 1fr}}
.hint{font-size:.9rem;color:#4a5561;margin:.15rem 0 .5rem}
.guidance{margin:.25rem 0 .5rem 1.25rem;padding:0;font-size:.92rem;color:#333}
button{font:inherit;font-weight:700;padding:.75rem 1.4rem;border-radius:6px;border:0;background:#0b5394;color:#fff;cursor:pointer;min-height:2.75rem}
button.secondary{background:#e6ebf0;color:#0b5394;border:1px solid #0b5394}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin:1rem 0}
.notice{border-left:4px solid #0b5394;background:#eaf2fb;padding:.75rem 1rem;border-radius:4px;margin:0 0 1rem}
.notice.warn{border-color:#b26a00;background:#fff4e0}
.notice.error{border-color:#b00020;background:#fdecee}
.notice.ok{border-color:#1e7b34;background:#e8f5ec}
.errors{margin:.25rem 0 0 1.25rem}
.field-error{color:#b00020;font-weight:600;font-size:.92rem;margin:.25rem 0}
table{width:100%;border-collapse:collapse;font-size:.95rem}
th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #e1e6eb;vertical-align:top}
.table-wrap{overflow-x:auto}
@media (max-width:40rem){table.cards thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}table.cards tr{display:block;border-bottom:1px solid #d7dde3;padding:.4rem 0}table.cards td{display:grid;grid-template-columns:6.5rem minmax(0,1fr);gap:.5rem;border:0;padding:.15rem .25rem;overflow-wrap:anywhere}table.cards td::before{content:attr(data-label);font-weight:600;color:#444}}
h3{font-size:1rem;margin:1rem 0 .4rem}
.rhk{border-top:1px solid #e1e6eb;padding-top:.5rem;margin-top:.5rem}
.rhk:first-of-type{border-top:0;margin-top:0}
footer{max-width:48rem;margin:0 auto;padding:1rem;font-size:.85rem;color:#555}
pre{white-space:pre-wrap;word-break:break-word;background:#fff;border:1px solid #d7dde3;padding:.75rem;border-radius:6px}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;
