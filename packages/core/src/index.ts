// Public surface of @kinerja/core; areas are exported as namespaces (Appraisal.ratePredikat(...)).
export * as Clock from "./clock/clock";
export * as Rating from "./rating/rating";
export * as Distribution from "./distribution/distribution";
export * as Appraisal from "./appraisal/appraisal";
export * as Skp from "./skp/skp";
export * as Ikm from "./ikm/ikm";
export * as Objection from "./objection/objection";
export * as FollowUp from "./follow-up/follow-up";
export * as CreditPoints from "./credit-points/credit-points";
export * as Discipline from "./discipline/discipline";
export * as Period from "./period/period";
export * as Measurement from "./measurement/measurement";
