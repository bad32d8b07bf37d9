// Public surface of @kinerja/core; areas are exported as namespaces (Appraisal.ratePredikat(...)).
export * as Clock from "./clock/clock";
