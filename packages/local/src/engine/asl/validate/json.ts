// The definition as parsed JSON: the objects the checks walk.

/** A JSON object of the definition. */
export type Obj = Record<string, unknown>;

/** True for a JSON object (not null, not an array). */
export const isObj = (value: unknown): value is Obj =>
  value !== null && typeof value === "object" && !Array.isArray(value);
