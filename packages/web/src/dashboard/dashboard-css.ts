/** The dashboard's own stylesheet (served from /dashboard/assets/dashboard.css; the CSP allows no inline style). */
export const DASHBOARD_CSS = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;line-height:1.45;color:#1b1b1b;background:#f4f6f8}
header.top{background:#0b5394;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;justify-content:space-between}
header.top a{color:#fff}
header.top .brand{font-weight:700}
header.top .who{font-size:.9rem}
.muted-on-dark{font-size:.85rem;opacity:.9}
header.top form{display:inline}
header.top button{background:transparent;border:1px solid #fff;color:#fff;padding:.25rem .7rem;font-size:.85rem;min-height:0}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.45rem;margin:.4rem 0 1rem}
h2{font-size:1.15rem;margin:1.6rem 0 .6rem}
h3{font-size:1rem;margin:.2rem 0 .5rem}
a{color:#0b5394}
a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px solid #f0b400;outline-offset:2px}
.card{background:#fff;border:1px solid #d7dde3;border-radius:8px;padding:1rem;margin:0 0 1rem}
.grid{display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,minmax(21rem,1fr))}
.meta{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.2rem 1rem;margin:0}
.meta dt{font-weight:600;color:#444}.meta dd{margin:0;overflow-wrap:anywhere}
@media (max-width:30rem){.meta{grid-template-columns:minmax(0,1fr)}.meta dd{margin:0 0 .4rem}}
.muted{color:#5b6570;font-size:.9rem}
.badge{display:inline-block;padding:.05rem .5rem;border-radius:999px;font-size:.8rem;font-weight:600;background:#e6ebf0;color:#23323f}
.badge.running,.badge.launching{background:#e3effb;color:#0b5394}
.badge.completed,.badge.done{background:#e8f5ec;color:#1e7b34}
.badge.cancelled{background:#eceff1;color:#555}
.badge.failed{background:#fdecee;color:#b00020}
.stages{display:grid;grid-template-columns:minmax(0,max-content) minmax(7rem,1fr) max-content;gap:.3rem .75rem;align-items:center;margin:.5rem 0}
.stages progress{display:block;width:100%;min-width:0;height:.9rem}
.live-progress progress{display:block;width:100%;height:1.25rem;margin:.25rem 0}
.stages .n{text-align:right;font-variant-numeric:tabular-nums}
.unit{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1rem}
@media (max-width:50rem){.unit{grid-template-columns:1fr}}
svg.chart{width:100%;height:auto;max-width:34rem}
svg.chart text{font-size:12px;fill:#1b1b1b}
svg.chart .bar{fill:#0b5394}
svg.chart .bar.sangat_baik{fill:#1e7b34}.chart .bar.baik{fill:#4f9d2d}.chart .bar.butuh_perbaikan{fill:#d39b00}.chart .bar.kurang{fill:#d35400}.chart .bar.sangat_kurang{fill:#b00020}
svg.chart .limit{stroke:#b00020;stroke-width:2;stroke-dasharray:4 3}
svg.chart .min{stroke:#0b5394;stroke-width:2;stroke-dasharray:2 2}
svg.chart .track{fill:#eef1f4}
.allowed{margin:0;padding-left:1.1rem}
.warn{border-left:4px solid #b26a00;background:#fff4e0;padding:.5rem .75rem;border-radius:4px;margin:.5rem 0}
.ok{border-left:4px solid #1e7b34;background:#e8f5ec;padding:.5rem .75rem;border-radius:4px;margin:.5rem 0}
.notice{border-left:4px solid #0b5394;background:#eaf2fb;padding:.6rem .9rem;border-radius:4px;margin:0 0 1rem}
.error{border-left:4px solid #b00020;background:#fdecee;padding:.6rem .9rem;border-radius:4px;margin:0 0 1rem}
table{width:100%;border-collapse:collapse;font-size:.93rem;background:#fff}
th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #e1e6eb;vertical-align:top}
th{background:#f0f3f6}
.table-wrap{overflow-x:auto;border:1px solid #d7dde3;border-radius:8px}
pre{white-space:pre-wrap;word-break:break-word;margin:0;font-size:.82rem}
p.detail{margin:0}
dl.detail{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .6rem;margin:.25rem 0 0;font-size:.88rem}
dl.detail dt{color:#5b6570}
dl.detail dd{margin:0;overflow-wrap:anywhere}
table.audit td:first-child{white-space:nowrap}
label{display:block;font-weight:600;margin:.5rem 0 .25rem}
textarea,input[type=text]{width:100%;font:inherit;padding:.5rem;border:1px solid #8a96a3;border-radius:6px}
textarea{min-height:7rem;font-family:ui-monospace,monospace;font-size:.85rem}
button{font:inherit;font-weight:700;padding:.6rem 1.2rem;border-radius:6px;border:0;background:#0b5394;color:#fff;cursor:pointer}
button.secondary{background:#e6ebf0;color:#0b5394;border:1px solid #0b5394}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin:1rem 0;align-items:center}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1rem;font-size:.85rem;color:#444;margin:.25rem 0}
a.button{display:inline-block;font-weight:700;padding:.6rem 1.2rem;border-radius:6px;text-decoration:none}
a.button.secondary{background:#e6ebf0;color:#0b5394;border:1px solid #0b5394}
button.danger{background:#b00020}
form.inline{display:inline-block;margin:.25rem 0 0 .5rem}
form.inline button{padding:.2rem .7rem;font-size:.85rem}
textarea.prose{font-family:inherit;font-size:1rem;min-height:5rem}
input[type=email]{width:100%;font:inherit;padding:.5rem;border:1px solid #8a96a3;border-radius:6px}
select{font:inherit;padding:.4rem}
form.resend-problem{display:flex;flex-wrap:wrap;gap:.3rem;min-width:14rem}
form.resend-problem input{flex:1 1 12rem;padding:.3rem}
form.resend-problem button{padding:.3rem .7rem;font-size:.85rem}
ul.confirm-lines li{margin:.3rem 0}
ul.facts{list-style:none;display:flex;flex-wrap:wrap;gap:.2rem 1rem;padding:0;margin:.5rem 0;font-size:.9rem}
header.top nav.top-nav{display:flex;flex-wrap:wrap;gap:.25rem 1rem;font-weight:600}
input[type=date],input[type=number],input[type=file]{font:inherit;padding:.4rem;border:1px solid #8a96a3;border-radius:6px;max-width:100%}
form.form select,form.form input[type=date],form.form input[type=number]{width:100%}
fieldset{border:1px solid #d7dde3;border-radius:6px;margin:1rem 0;padding:.5rem 1rem 1rem;min-width:0}
legend{font-weight:700;padding:0 .3rem}
label.check{font-weight:400;display:flex;gap:.5rem;align-items:baseline;margin:.35rem 0}
.pair{display:grid;gap:0 1rem;grid-template-columns:repeat(auto-fit,minmax(13rem,1fr))}
.field-error{color:#b00020;font-weight:600;margin:.2rem 0 0}
[aria-invalid=true]{border-color:#b00020;outline:2px solid #b00020}
details summary{cursor:pointer;margin:.6rem 0;font-weight:600}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;
