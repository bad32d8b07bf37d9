// How long decisions and links stay readable (DynamoDB TTL, epoch seconds).

const DAY_S = 86_400;
/** Decisions stay readable a year after their links expire so late clicks still get a meaningful answer. */
export const DECISION_RETENTION_S = 400 * DAY_S;
/** Links stay resolvable 90 days after expiry (410 with an explanation), then they are unknown (404). */
export const LINK_RETENTION_S = 90 * DAY_S;

/** An ISO instant as epoch seconds, rounded up (the unit of the table's TTL attribute). */
export const epochS = (iso: string) => Math.ceil(new Date(iso).getTime() / 1000);
