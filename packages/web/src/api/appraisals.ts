// HR API: one appraisal. Its whole story, cancel, retry after a failure, and resending a pending decision's link.
import type { Hono } from "hono";
import { randomUUID } from "node:crypto";
import * as v from "valibot";
import { appraisalStory } from "@kinerja/core/hr/appraisal-reports";
import { cancelAppraisalAsHr, retryAppraisalAsHr } from "@kinerja/core/hr/cycle-commands";
import type { HrDeps } from "@kinerja/core/hr/hr-deps";
import { CancelInputSchema, IdParamSchema, ResendLinkInputSchema } from "@kinerja/core/hr/hr.schema";
import { RESEND_LIMIT_PER_DAY, resendPendingLink } from "@kinerja/core/hr/resend-link";
import { HrConflictError } from "@kinerja/core/hr/hr.errors";
import type { DecisionDeps } from "@kinerja/core/decision/decision-deps";
import { MailProblemSchema } from "@kinerja/core/mail/delivery-problem";
import { actorOf, type AuthVariables } from "../auth/hr-auth";
import { doc, json, problems } from "./openapi-docs";
import { body, limitJson, param } from "./validate";

const ResendLinkResultSchema = v.object({
  appraisalId: v.string(),
  decisionId: v.string(),
  kind: v.string(),
  recipient: v.object({ nip: v.string(), name: v.string(), role: v.string() }),
  to: v.pipe(v.string(), v.description("the address the link was mailed to")),
  previousEmail: v.string(),
  linkId: v.string(),
  emailRecorded: v.pipe(
    v.boolean(),
    v.description("the corrected address now stands on the running appraisal"),
  ),
  repeated: v.boolean(),
});

/** Registers the appraisal routes on the HR API app; `decisions` (the link service's deps) mails resent links. */
export function registerAppraisalRoutes(
  app: Hono<{ Variables: AuthVariables }>,
  deps: HrDeps,
  decisions?: DecisionDeps,
) {
  app.get(
    "/appraisals/:id",
    doc("One appraisal: the whole record, its decisions and its audit trail", {
      responses: {
        200: json(
          v.looseObject({
            id: v.string(),
            mailProblems: v.pipe(
              v.array(MailProblemSchema),
              v.description("Mails of this appraisal SES could not deliver, newest first"),
            ),
          }),
          "The appraisal (further fields as listed in DESIGN 3)",
        ),
        ...problems(404),
      },
    }),
    param(IdParamSchema),
    async (c) => c.json(await appraisalStory(deps, c.req.valid("param").id)),
  );

  app.post(
    "/appraisals/:id/cancel",
    doc("Cancel one appraisal", { responses: problems(400, 404, 409) }),
    limitJson,
    param(IdParamSchema),
    body(CancelInputSchema),
    async (c) => {
      const { id } = c.req.valid("param");
      const out = await cancelAppraisalAsHr(
        deps,
        id,
        c.req.valid("json").reason,
        actorOf(c.get("principal")),
      );
      return c.json({ id, ...out });
    },
  );

  app.post(
    "/appraisals/:id/resend-link",
    doc(
      `Mail a pending decision's link again (a fresh, equivalent link), optionally to a corrected address that the running appraisal then uses; audited link-resent; at most ${RESEND_LIMIT_PER_DAY} per decision and recipient a day`,
      {
        responses: {
          200: json(
            ResendLinkResultSchema,
            "What was mailed (repeated: the same requestId had already mailed)",
          ),
          ...problems(400, 404, 409),
        },
      },
    ),
    limitJson,
    param(IdParamSchema),
    body(ResendLinkInputSchema),
    async (c) => {
      if (!decisions) throw new HrConflictError("hrResendUnavailable");
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      return c.json(
        await resendPendingLink(
          deps,
          decisions,
          { appraisalId: id, ...input, requestId: input.requestId ?? randomUUID() },
          actorOf(c.get("principal")),
        ),
      );
    },
  );

  app.post(
    "/appraisals/:id/retry",
    doc("Retry a failed appraisal from the stage it failed in", { responses: problems(404, 409) }),
    param(IdParamSchema),
    async (c) => {
      const { id } = c.req.valid("param");
      return c.json({ id, ...(await retryAppraisalAsHr(deps, id, actorOf(c.get("principal")))) }, 202);
    },
  );
}
