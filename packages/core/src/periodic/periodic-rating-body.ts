// The body of a `periodic-rating` decision (the appraising official's periodic rating of the team, DOMAIN 5): one row
// per team member with the results and behaviour ratings and a short note. Kept apart from the service so the decision
// schemas can list it without importing storage.
import * as v from "valibot";
import { issueMessage, msg, t, type Lang } from "../i18n/messages";
import { RatingSchema } from "../rating/rating.schema";

/** Longest note per team member (a sentence or two from the performance dialogue). */
export const PERIODIC_RATING_NOTE_MAX = 1000;

/** `periodic-rating` (appraising official): per team member, hasil kerja and perilaku ratings and an optional note. */
export const PeriodicRatingBodySchema = v.strictObject(
  {
    ratings: v.pipe(
      v.array(
        v.strictObject(
          {
            appraisalId: v.pipe(
              v.string(msg("text")),
              v.trim(),
              v.minLength(1, msg("required")),
              v.maxLength(256, msg("tooLong", { max: 256 })),
            ),
            hasilKerja: RatingSchema,
            perilaku: RatingSchema,
            note: v.optional(
              v.pipe(
                v.string(msg("text")),
                v.trim(),
                v.maxLength(PERIODIC_RATING_NOTE_MAX, msg("tooLong", { max: PERIODIC_RATING_NOTE_MAX })),
              ),
            ),
          },
          issueMessage,
        ),
        issueMessage,
      ),
      v.minLength(1, msg("periodicRatingNone")),
      v.maxLength(500, msg("maxItems", { max: 500 })),
      v.check(
        (rows) => new Set(rows.map((r) => r.appraisalId)).size === rows.length,
        msg("periodicRatingOnce"),
      ),
    ),
  },
  issueMessage,
);

/** The validated body of a periodic rating. */
export type PeriodicRatingBody = v.InferOutput<typeof PeriodicRatingBodySchema>;

/**
 * The checks against the decision's team (its context): every row names a member of the team, and every member is
 * rated. Field paths as the form names them (`ratings.N.appraisalId`); messages from the dictionary in `lang`.
 */
export function periodicRatingIssues(
  body: PeriodicRatingBody,
  context: Record<string, unknown>,
  lang?: Lang,
): { path: string; message: string }[] {
  const members = (Array.isArray(context.members) ? context.members : []) as {
    appraisalId?: unknown;
    name?: unknown;
  }[];
  const ids = new Set(members.map((m) => String(m.appraisalId)));
  const issues: { path: string; message: string }[] = [];
  body.ratings.forEach((row, i) => {
    if (!ids.has(row.appraisalId))
      issues.push({ path: `ratings.${i}.appraisalId`, message: t("periodicRatingUnknown", lang) });
  });
  const rated = new Set(body.ratings.map((r) => r.appraisalId));
  for (const m of members)
    if (!rated.has(String(m.appraisalId)))
      issues.push({ path: "ratings", message: t("periodicRatingMissing", lang, { name: String(m.name) }) });
  return issues;
}
