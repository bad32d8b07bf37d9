// CSV imports from the dashboard (issue 17 item 2): an upload only previews (previewImport: the import's own parsing,
// validation and merge, nothing written); "Terapkan" runs the import exactly as the API does (runImport /
// setOrgSettings: validated again, audited). The previewed file travels back in the confirmation form as base64 text
// in a hidden field (multipart): nothing is stored before HR applies it (a stored pending upload would write before
// the confirmation), and base64 keeps the bytes exact (a form's text fields get their line breaks rewritten). Large
// employee files go through the import-employees workflow; its status page refreshes itself while it runs.
import type { Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import * as v from "valibot";
import { t } from "@kinerja/core/i18n/messages";
import { csvFormatsMarkdown, isCsvTemplateKind } from "@kinerja/core/imports/templates";
import { ImportWriteError } from "@kinerja/core/imports/imports.errors";
import { parseOrgSettingsCsv, setOrgSettings } from "@kinerja/core/org/org-settings.service";
import type { ImportIssue } from "@kinerja/core/org/org.schema";
import { HrError } from "@kinerja/core/hr/hr.errors";
import { importJobStatus, runImport } from "@kinerja/core/hr/import-commands";
import type { HrDeps } from "@kinerja/core/hr/hr-deps";
import {
  claimImportRequest,
  completeImportRequest,
  IMPORT_REQUEST_ID_PATTERN,
  newImportRequestId,
  releaseImportRequest,
} from "@kinerja/core/hr/import-request.repo";
import { previewImport } from "@kinerja/core/hr/import-preview";
import { actorOf, type AuthVariables } from "../auth/hr-auth";
import { MAX_IMPORT_BYTES } from "../api/csv-body";
import { AlreadyAppliedPage, ImportsPage, ImportStatusPage, PreviewPage, ProblemPage } from "./import-pages";

type Env = { Variables: AuthVariables };

/** The confirmation's request id (the preview chose it; a form without one is not the preview's). */
const ApplyRequestIdSchema = v.pipe(v.string(), v.regex(IMPORT_REQUEST_ID_PATTERN));

const kindOf = (c: Context<Env>) => {
  const kind = c.req.param("kind") ?? "";
  return isCsvTemplateKind(kind) ? kind : undefined;
};

/** Registers the import pages under /imports on the dashboard app. */
export function registerImportRoutes(app: Hono<Env>, hr: HrDeps) {
  // The file itself (preview), or its base64 text (apply: 4/3 of the file), plus the form's own bytes.
  const limit = bodyLimit({
    maxSize: Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 64 * 1024,
    onError: (c) =>
      c.html(
        <ProblemPage
          principal={c.get("principal")}
          message={t("hrFileTooLarge", "id", { mb: String(MAX_IMPORT_BYTES / 1024 / 1024) })}
        />,
        413,
      ),
  });

  app.get("/imports", (c) =>
    c.html(
      <ImportsPage
        principal={c.get("principal")}
        notice={c.req.query("selesai") === "org-settings" ? "Pengaturan pejabat disimpan." : undefined}
      />,
    ),
  );

  app.get("/imports/format.md", (c) =>
    c.body(csvFormatsMarkdown(), 200, { "content-type": "text/markdown; charset=utf-8" }),
  );

  app.get("/imports/jobs/:id", async (c) =>
    c.html(
      <ImportStatusPage principal={c.get("principal")} job={await importJobStatus(hr, c.req.param("id"))} />,
    ),
  );

  app.post("/imports/:kind", limit, async (c) => {
    const kind = kindOf(c);
    if (!kind) return c.notFound();
    const form = await c.req.parseBody();
    const file = typeof form.file === "object" && form.file !== null ? form.file : undefined;
    const content = file ? await file.text() : "";
    const principal = c.get("principal");
    if (content.replace(/^\uFEFF/, "").trim() === "")
      return c.html(
        <PreviewPage
          principal={principal}
          kind={kind}
          filename={file?.name ?? ""}
          content=""
          preview={{
            ok: false,
            kind,
            errors: [{ line: 1, field: "file", message: t("dashImportNoFile", "id") }],
          }}
        />,
        400,
      );
    const preview = await previewImport(hr, kind, content, "id");
    return c.html(
      <PreviewPage
        principal={principal}
        kind={kind}
        filename={file!.name}
        content={content}
        preview={preview}
        requestId={newImportRequestId()}
      />,
      preview.ok ? 200 : 400,
    );
  });

  app.post("/imports/:kind/apply", limit, async (c) => {
    const kind = kindOf(c);
    if (!kind) return c.notFound();
    const form = await c.req.parseBody();
    const content = Buffer.from(typeof form.content === "string" ? form.content : "", "base64").toString(
      "utf8",
    );
    const principal = c.get("principal");
    const filename = typeof form.filename === "string" ? form.filename : "";
    const requestId = v.safeParse(ApplyRequestIdSchema, form.requestId);
    if (!requestId.success)
      return c.html(<ProblemPage principal={principal} message={t("dashImportFormIncomplete", "id")} />, 400);
    const earlier = await claimImportRequest(hr, requestId.output, kind);
    if (earlier) return c.html(<AlreadyAppliedPage principal={principal} earlier={earlier} />, 409);
    // Refused rows or a failure wrote nothing: the claim goes, so the same form may be sent again.
    const release = () => releaseImportRequest(hr, requestId.output);
    const refused = async (errors: ImportIssue[]) => {
      await release();
      return c.html(
        <PreviewPage
          principal={principal}
          kind={kind}
          filename={filename}
          content={content}
          preview={{ ok: false, kind, errors }}
        />,
        400,
      );
    };
    const applied = async (resultPath: string) => {
      await completeImportRequest(hr, requestId.output, resultPath);
      return c.redirect(resultPath, 303);
    };
    try {
      if (kind === "org-settings") {
        const parsed = parseOrgSettingsCsv(content, "id");
        if (!parsed.ok) return await refused(parsed.errors);
        await setOrgSettings(hr.storage, parsed.settings, actorOf(principal), "csv");
        return await applied("/dashboard/imports?selesai=org-settings");
      }
      const result = (await runImport(hr, kind, content, actorOf(principal), "id")) as
        { ok: false; errors: ImportIssue[] } | { ok: true; importId: string };
      if (!result.ok) return await refused(result.errors);
      return await applied(`/dashboard/imports/jobs/${encodeURIComponent(result.importId)}`);
    } catch (err) {
      await release();
      if (err instanceof HrError)
        return c.html(<ProblemPage principal={principal} message={err.text("id")} />, 409);
      if (err instanceof ImportWriteError)
        return c.html(<ProblemPage principal={principal} message={t("dashImportStorageDown", "id")} />, 503);
      throw err;
    }
  });
}
