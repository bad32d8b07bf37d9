// Dev-server pages listing the engine's executions and each one's history, readable by a person (or as JSON with ?format=json).
import { Hono } from "hono";
import { html } from "hono/html";
import { formatNumber, formatShortDateTime } from "@kinerja/core/i18n/format";
import { labelOf } from "@kinerja/core/i18n/labels";
import type { Engine } from "./engine";
import { StatesApiError } from "./errors";
import { describeExecution, historyEvent } from "./server";

const STATUSES = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"];
// Engine times in Jakarta time with seconds (several steps often share a minute).
const when = (ms: number | null | undefined) => (ms ? formatShortDateTime(ms, "id", { seconds: true }) : "");
const statusLabel = (status: string) => labelOf("executionStatus", status);
const style = html`<style>
  body {
    font:
      14px/1.4 system-ui,
      sans-serif;
    margin: 1.5rem;
    color: #222;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    border-bottom: 1px solid #ddd;
    padding: 0.3rem 0.5rem;
    text-align: left;
    vertical-align: top;
  }
  .RUNNING {
    color: #0a58ca;
  }
  .SUCCEEDED {
    color: #146c43;
  }
  .FAILED,
  .TIMED_OUT,
  .ABORTED {
    color: #b02a37;
  }
  pre {
    margin: 0;
    max-height: 12rem;
    overflow: auto;
    white-space: pre-wrap;
    font-size: 12px;
    background: #f6f6f6;
    padding: 0.25rem;
  }
</style>`;

function pretty(text: unknown): string {
  if (typeof text !== "string") return "";
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** A Hono sub-app serving GET /_local/executions and /_local/executions/:arn from the engine's store. */
export function executionsRoutes(engine: Engine) {
  const app = new Hono();

  app.get("/_local/executions", (c) => {
    const status = c.req.query("status");
    const statusFilter = status && STATUSES.includes(status) ? status : undefined;
    const { executions, nextToken } = engine.listExecutions({
      statusFilter,
      maxResults: 200,
      nextToken: c.req.query("nextToken") || undefined,
    });
    const rows = executions.map((e) => ({
      executionArn: e.arn,
      stateMachine: e.stateMachineArn.split(":").pop(),
      name: e.name,
      status: e.status,
      currentState: e.currentState,
      billableStateTransitions: e.transitions,
      startDate: new Date(e.startMs).toISOString(),
      stopDate: e.stopMs ? new Date(e.stopMs).toISOString() : null,
      error: e.error,
    }));
    if (c.req.query("format") === "json") return c.json({ executions: rows, nextToken: nextToken ?? null });
    return c.html(
      html`<!doctype html>
        <html lang="id">
          <head>
            <meta charset="utf-8" />
            <title>Eksekusi Step Functions</title>
            ${style}
          </head>
          <body>
            <h1>Eksekusi Step Functions (lokal)</h1>
            <p>
              Jam runtime: ${when(engine.clock.now().getTime())} · saring:
              <a href="/_local/executions">semua</a>
              ${STATUSES.map((s) => html` · <a href="?status=${s}">${statusLabel(s)}</a>`)} · juga sebagai
              JSON:
              <a href="?format=json">?format=json</a>
            </p>
            <table>
              <thead>
                <tr>
                  <th>Eksekusi</th>
                  <th>Mesin status</th>
                  <th>Status</th>
                  <th>Langkah saat ini</th>
                  <th>Transisi</th>
                  <th>Mulai</th>
                  <th>Berhenti</th>
                  <th>Galat</th>
                </tr>
              </thead>
              <tbody>
                ${rows.map(
                  (r) =>
                    html`<tr>
                      <td>
                        <a href="/_local/executions/${encodeURIComponent(r.executionArn)}">${r.name}</a>
                      </td>
                      <td>${r.stateMachine}</td>
                      <td class="${r.status}" data-status="${r.status}">${statusLabel(r.status)}</td>
                      <td>${r.currentState ?? ""}</td>
                      <td>${formatNumber(r.billableStateTransitions)}</td>
                      <td>${when(Date.parse(r.startDate))}</td>
                      <td>${when(r.stopDate ? Date.parse(r.stopDate) : null)}</td>
                      <td>${r.error ?? ""}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
            ${nextToken ? html`<p><a href="?nextToken=${nextToken}${statusFilter ? `&status=${statusFilter}` : ""}">lebih lama…</a></p>` : ""}
          </body>
        </html>`,
    );
  });

  app.get("/_local/executions/:arn", (c) => {
    const executionArn = decodeURIComponent(c.req.param("arn"));
    let execution;
    try {
      execution = describeExecution(engine.describeExecution(executionArn));
    } catch (error) {
      if (error instanceof StatesApiError)
        return c.json({ type: "about:blank", title: error.message, status: 404 }, 404);
      throw error;
    }
    const events = [];
    let nextToken: string | undefined;
    do {
      const page = engine.getExecutionHistory({ executionArn, maxResults: 1000, nextToken });
      events.push(...page.events.map((e) => historyEvent(e)));
      nextToken = page.nextToken;
    } while (nextToken);
    if (c.req.query("format") === "json") return c.json({ execution, events });
    const detailOf = (e: Record<string, unknown>) => {
      const key = Object.keys(e).find((k) => k.endsWith("EventDetails"));
      return key ? (e[key] as Record<string, unknown>) : {};
    };
    return c.html(
      html`<!doctype html>
        <html lang="id">
          <head>
            <meta charset="utf-8" />
            <title>${execution.name}</title>
            ${style}
          </head>
          <body>
            <p><a href="/_local/executions">← semua eksekusi</a></p>
            <h1>
              ${execution.name}
              <span class="${execution.status}" data-status="${execution.status}"
                >${statusLabel(execution.status)}</span
              >
            </h1>
            <p>
              ${execution.stateMachineArn} · mulai ${when((execution.startDate ?? 0) * 1000)}
              ${execution.stopDate ? html`· berhenti ${when(execution.stopDate * 1000)}` : ""} · langkah saat
              ini ${execution.currentState ?? "-"} · ${formatNumber(execution.billableStateTransitions)}
              transisi berbayar
            </p>
            ${execution.error ? html`<p class="FAILED">Galat <b>${execution.error}</b>: ${execution.cause ?? ""}</p>` : ""}
            <h2>Masukan</h2>
            <pre>${pretty(execution.input)}</pre>
            ${
              execution.output !== undefined
                ? html`<h2>Keluaran</h2>
                    <pre>${pretty(execution.output)}</pre>`
                : ""
            }
            <h2>Riwayat</h2>
            <table>
              <thead>
                <tr>
                  <th>#</th>
                  <th>Waktu</th>
                  <th>Peristiwa</th>
                  <th>Langkah</th>
                  <th>Masukan / keluaran / galat</th>
                </tr>
              </thead>
              <tbody>
                ${events.map((e) => {
                  const d = detailOf(e);
                  const body = d.input ?? d.output ?? d.parameters;
                  return html`<tr>
                    <td>${e.id}</td>
                    <td>${when((e.timestamp ?? 0) * 1000)}</td>
                    <td>${e.type}</td>
                    <td>${(d.name as string) ?? ""}</td>
                    <td>
                      ${d.error ? html`<b class="FAILED">${d.error as string}</b> ${(d.cause as string) ?? ""}` : ""}${body !== undefined ? html`<pre>${pretty(body)}</pre>` : ""}
                    </td>
                  </tr>`;
                })}
              </tbody>
            </table>
          </body>
        </html>`,
    );
  });

  return app;
}
