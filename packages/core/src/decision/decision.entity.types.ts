import type { DECISION_KINDS, DECISION_STATUSES, DELIVERY_STATUSES } from "./decision.entity";

/** A decision kind code. */
export type DecisionKind = (typeof DECISION_KINDS)[number];
/** A decision status code. */
export type DecisionStatus = (typeof DECISION_STATUSES)[number];
/** A delivery status code. */
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
