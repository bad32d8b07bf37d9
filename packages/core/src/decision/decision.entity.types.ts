import type { DECISION_STATUSES, DELIVERY_STATUSES } from "./decision.entity";

/** A decision status code. */
export type DecisionStatus = (typeof DECISION_STATUSES)[number];
/** A delivery status code. */
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
