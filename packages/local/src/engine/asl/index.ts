/** Pure Amazon States Language semantics used by the local engine: paths, intrinsics, Choice, Retry/Catch, validation. */
export * from "./errors";
export * from "./context";
export * from "./paths";
export * from "./intrinsics";
export * from "./choice";
export * from "./retry";
export * from "./validate";
export * from "./types";
