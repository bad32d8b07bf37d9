export { createApp } from "./app";
export { HttpProblem, problem } from "./problem";
