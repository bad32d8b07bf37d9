// Dev-server pages listing the engine's executions and each one's history, readable by a person (or as JSON with ?format=json).
import { Hono } from "hono";
import { html } from "hono/html";
import * as v from "valibot";
import { parseConfig, t } from "@kinerja/core/i18n/messages";
import { formatNumber, formatShortDateTime } from "@kinerja/core/i18n/format";
import { labelOf } from "@kinerja/core/i18n/labels";
import type { Engine } from "../engine/engine";
import { StatesApiError } from "../engine/errors";
import { ENGINE_LIMITS } from "../engine/limits";
import { describeExecution, historyEvent } from "../engine/server";

const STATUSES = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"] as const;
/** Executions per page. */
const PAGE_SIZE = 100;
// A cursor is the store key of the last (or first) execution shown: a positive integer.
const CursorSchema = v.pipe(v.string(), v.regex(/^[1-9][0-9]{0,15}$/), v.toNumber());
const ExecutionsQuerySchema = v.object({
  machine: v.optional(v.pipe(v.string(), v.maxLength(ENGINE_LIMITS.nameMaxLength))),
  status: v.optional(
    v.union([
      v.picklist(STATUSES),
      v.pipe(
        v.literal(""),
        v.transform(() => undefined),
      ),
    ]),
  ),
  prefix: v.optional(v.pipe(v.string(), v.maxLength(ENGINE_LIMITS.nameMaxLength))),
  before: v.optional(CursorSchema),
  after: v.optional(CursorSchema),
  limit: v.optional(v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(1), v.maxValue(1000))),
  format: v.optional(v.picklist(["html", "json"])),
});
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
    const json = c.req.query("format") === "json";
    const parsed = v.safeParse(ExecutionsQuerySchema, c.req.query(), parseConfig("id"));
    const refuse = (message: string) =>
      json
        ? c.json({ type: "about:blank", title: "Permintaan tidak valid", status: 400, detail: message }, 400)
        : c.html(
            html`<!doctype html>
              <html lang="id">
                <head>
                  <meta charset="utf-8" />
                  <title>Permintaan tidak valid</title>
                  ${style}
                </head>
                <body>
                  <h1>Permintaan tidak valid</h1>
                  <p class="FAILED">${message}</p>
                  <p><a href="/_local/executions">← halaman pertama eksekusi</a></p>
                </body>
              </html>`,
            400,
          );
    if (!parsed.success)
      return refuse(parsed.issues.map((i) => `${v.getDotPath(i) ?? "?"}: ${i.message}`).join("; "));
    const q = parsed.output;
    if (q.before !== undefined && q.after !== undefined) return refuse(t("pageTwoCursors", "id"));
    const machines = engine.store.listMachines();
    const machine = q.machine ? machines.find((m) => m.name === q.machine) : undefined;
    if (q.machine && !machine) return refuse(t("executionsUnknownMachine", "id", { name: q.machine }));
    const limit = q.limit ?? PAGE_SIZE;
    // One row more than the page says whether there is a page beyond it.
    const rows = engine.store.pageExecutionSummaries({
      ...(q.before !== undefined ? { before: q.before } : {}),
      ...(q.after !== undefined ? { after: q.after } : {}),
      machine: machine?.arn ?? null,
      status: q.status ?? null,
      namePrefix: q.prefix || null,
      limit: limit + 1,
    });
    const newerFirst = q.after !== undefined;
    const more = rows.length > limit;
    const page = newerFirst ? rows.slice(rows.length - Math.min(rows.length, limit)) : rows.slice(0, limit);
    const older = newerFirst ? (page.at(-1)?.id ?? q.after) : more ? page.at(-1)?.id : undefined;
    const newer = newerFirst
      ? more
        ? page[0]?.id
        : undefined
      : q.before !== undefined
        ? (page[0]?.id ?? q.before)
        : undefined;
    const counts = engine.store.countExecutionsByStatus(machine?.arn ?? null);
    const rowsOut = page.map((e) => ({
      executionArn: e.arn,
      stateMachine: e.stateMachineArn.split(":").pop(),
      name: e.name,
      status: e.status,
      currentState: e.currentState,
      billableStateTransitions: e.transitions,
      startDate: new Date(e.startMs).toISOString(),
      stopDate: e.stopMs ? new Date(e.stopMs).toISOString() : null,
      error: e.error,
      cause: e.cause,
    }));
    const filter = {
      ...(q.machine ? { machine: q.machine } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(q.prefix ? { prefix: q.prefix } : {}),
      ...(q.limit ? { limit: String(q.limit) } : {}),
    };
    const href = (extra: Record<string, string>) =>
      `/_local/executions?${new URLSearchParams({ ...filter, ...extra }).toString()}`;
    if (json)
      return c.json({
        executions: rowsOut,
        counts,
        older: older !== undefined ? String(older) : null,
        newer: newer !== undefined ? String(newer) : null,
        // The older page's cursor under its former name (the list was paged by nextToken before).
        nextToken: older !== undefined ? String(older) : null,
      });
    const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
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
              Jam runtime: ${when(engine.clock.now().getTime())} · juga sebagai JSON:
              <a href="${href({ format: "json" })}">?format=json</a>
            </p>
            <form method="get" action="/_local/executions">
              <label
                >Mesin status
                <select name="machine">
                  <option value="">Semua</option>
                  ${machines.map(
                    (m) =>
                      html`<option value="${m.name}" ${m.name === q.machine ? "selected" : ""}>
                        ${m.name}
                      </option>`,
                  )}
                </select></label
              >
              <label
                >Status
                <select name="status">
                  <option value="">Semua</option>
                  ${STATUSES.map(
                    (st) =>
                      html`<option value="${st}" ${st === q.status ? "selected" : ""}>
                        ${statusLabel(st)}
                      </option>`,
                  )}
                </select></label
              >
              <label>Nama berawalan <input type="text" name="prefix" value="${q.prefix ?? ""}" /></label>
              <button type="submit">Saring</button>
              <a href="/_local/executions">hapus saringan</a>
            </form>
            <p data-field="counts">
              ${formatNumber(total)} eksekusi${machine ? ` mesin ${machine.name}` : ""}:
              ${STATUSES.map((st, i) => html`${i ? " · " : ""}${statusLabel(st)} ${formatNumber(counts[st as keyof typeof counts] ?? 0)}`)}
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
                  <th>Galat dan penyebab</th>
                </tr>
              </thead>
              <tbody>
                ${rowsOut.map(
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
                      <td data-field="error">
                        ${r.error ? html`<b class="FAILED">${r.error}</b>` : ""}${r.cause ? html`<pre>${pretty(r.cause)}</pre>` : ""}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
            ${rowsOut.length === 0 ? html`<p>Tidak ada eksekusi yang cocok.</p>` : ""}
            <p>
              ${newer !== undefined ? html`<a rel="prev" href="${href({ after: String(newer) })}">← lebih baru</a>` : ""}
              ${older !== undefined ? html`<a rel="next" href="${href({ before: String(older) })}">lebih lama →</a>` : ""}
            </p>
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
