// The one list of decision kinds (DESIGN.md section 3): the entity, the body schemas, the workflow's steps, the pages,
// the mails and the demo's people all take it from here.

/** The decision kinds of the appraisal workflow: a workflow task waits for each. */
export const FLOW_DECISION_KINDS = [
  "skp-proposal",
  "skp-approval",
  "realization",
  "review",
  "acknowledgement",
  "objection-decision",
] as const;

/** The appraising official's periodic rating of the team: recorded directly, no workflow task waits (issue 15 item 8). */
export const PERIODIC_RATING_KIND = "periodic-rating";

/** Decision kinds a link can carry. */
export const DECISION_KINDS = [...FLOW_DECISION_KINDS, PERIODIC_RATING_KIND] as const;

/** A decision kind code. */
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** A decision kind of the appraisal workflow. */
export type FlowDecisionKind = (typeof FLOW_DECISION_KINDS)[number];
