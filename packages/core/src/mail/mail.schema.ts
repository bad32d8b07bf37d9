import * as v from "valibot";

/** Validates an outgoing message at the adapter edge: one recipient address, a subject, both bodies. */
export const MailMessageSchema = v.object({
  to: v.pipe(v.string(), v.email("to must be an email address")),
  subject: v.pipe(v.string(), v.minLength(1, "subject is required"), v.maxLength(998, "subject is too long")),
  text: v.pipe(v.string(), v.minLength(1, "text is required")),
  html: v.pipe(v.string(), v.minLength(1, "html is required")),
  links: v.array(v.pipe(v.string(), v.url("links must be URLs"))),
  tags: v.optional(v.record(v.string(), v.string())),
});

/** Checks a message; the first problem names its field. */
export function validateMail(msg: unknown): { ok: true } | { ok: false; message: string } {
  const result = v.safeParse(MailMessageSchema, msg);
  if (result.success) return { ok: true };
  const issue = result.issues[0];
  return { ok: false, message: `${v.getDotPath(issue) ?? "(message)"}: ${issue.message}` };
}
