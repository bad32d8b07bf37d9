// Static checks of the ASL files against the registry: valid ASL, every placeholder mapped, every handler
// module present, and the house rules (same transient Retry, own ResultPath, named Catch, bounded waits).
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as WorkflowErrors from "../../packages/core/src/workflow/workflow.errors";
import { placeholdersOf } from "../../packages/core/src/asl/placeholders";
import {
  loadStateMachines,
  localSubstitutions,
  readDefinition,
  stateMachines,
  stepFunctions,
  type StateMachineKey,
} from "../../workflows/registry";

// asl-validator ships CommonJS without types.
const validator = createRequire(import.meta.url)("asl-validator") as (definition: unknown) => {
  isValid: boolean;
  errors: unknown[];
};
const own: StateMachineKey[] = ["appraisal", "launchCycle"];
const TRANSIENT = [
  "Lambda.ServiceException",
  "Lambda.AWSLambdaException",
  "Lambda.SdkClientException",
  "Lambda.TooManyRequestsException",
  "TransientError",
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- ASL states are untyped JSON here
type State = Record<string, any>;
function allStates(def: { States: Record<string, State> }): [string, State][] {
  return Object.entries(def.States).flatMap(([name, s]) => [
    [name, s] as [string, State],
    ...(s.ItemProcessor ? allStates(s.ItemProcessor) : []),
    ...((s.Branches as { States: Record<string, State> }[] | undefined) ?? []).flatMap(allStates),
  ]);
}

describe("workflow definitions", () => {
  const loaded = loadStateMachines(localSubstitutions());

  it.each(own)("%s passes asl-validator once substituted", (key) => {
    const machine = loaded.find((m) => m.key === key)!;
    const result = validator(JSON.parse(machine.definition));
    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
  });

  it.each(own)("%s uses only placeholders the registry maps, and lists them", (key) => {
    const placeholders = placeholdersOf(readDefinition(key));
    const spec = stateMachines[key];
    expect(placeholders.sort()).toEqual([...spec.functions, ...Object.keys(spec.stateMachines)].sort());
    for (const fn of spec.functions)
      expect(
        existsSync(join(process.cwd(), stepFunctions[fn].handler.replace(/\.handler$/, ".ts"))),
        fn,
      ).toBe(true);
  });

  it.each(own)(
    "%s: every Lambda task has the transient Retry, its own ResultPath and only named catches",
    (key) => {
      const def = JSON.parse(readDefinition(key));
      const errorNames = new Set([
        ...Object.keys(WorkflowErrors),
        "States.Timeout",
        ...TRANSIENT,
        "StepFunctions.ExecutionAlreadyExistsException",
      ]);
      for (const [name, state] of allStates(def)) {
        expect(name, "PascalCase verb-noun").toMatch(/^[A-Z][a-z]+(?:[A-Z][a-z]+)+$/);
        if (state.Type !== "Task") continue;
        expect("ResultPath" in state, `${name} ResultPath`).toBe(true);
        const catches: { ErrorEquals: string[]; Next: string }[] = state.Catch ?? [];
        catches.forEach((c, i) => {
          // A catch-all is the safety net after the named catches: alone, last, and into the failure-marking state.
          if (c.ErrorEquals.includes("States.ALL")) {
            expect(c.ErrorEquals, `${name} States.ALL alone`).toEqual(["States.ALL"]);
            expect(i, `${name} States.ALL last`).toBe(catches.length - 1);
            expect(c.Next, `${name} States.ALL marks the failure`).toMatch(/^Mark\w*Failed$/);
            return;
          }
          for (const e of c.ErrorEquals)
            expect(errorNames.has(e), `${name} catches unknown error ${e}`).toBe(true);
        });
        if (!String(state.Resource).includes("lambda:invoke")) continue;
        expect(state.Retry?.[0]?.ErrorEquals, `${name} Retry`).toEqual(TRANSIENT);
        if (String(state.Resource).endsWith(".waitForTaskToken"))
          expect(state.TimeoutSecondsPath ?? state.TimeoutSeconds, `${name} bound`).toBeDefined();
      }
    },
  );

  it("every task of the appraisal but MarkFailed ends in MarkFailed on any error it does not name (issue 15 item 9)", () => {
    const def = JSON.parse(readDefinition("appraisal"));
    const tasks = allStates(def).filter(([, s]) => s.Type === "Task");
    for (const [name, state] of tasks) {
      const last = (state.Catch ?? []).at(-1);
      if (name === "MarkFailed") expect(last?.ErrorEquals).not.toContain("States.ALL");
      else expect([name, last?.ErrorEquals, last?.Next]).toEqual([name, ["States.ALL"], "MarkFailed"]);
    }
  });

  it("every human decision waits on OpenDecision with a timeout from the plan", () => {
    const def = JSON.parse(readDefinition("appraisal"));
    const waits = allStates(def).filter(([, s]) => String(s.Resource ?? "").endsWith(".waitForTaskToken"));
    // AwaitSuperiorSkp: an SKP request waits for the appraiser's approval (rule 27), bounded by the plan too.
    expect(waits.map(([n]) => n)).toEqual(["AwaitDecision", "AwaitSuperiorSkp"]);
    expect(waits[0]![1].Parameters.FunctionName).toBe("${OpenDecisionFunction}");
    expect(waits[1]![1].Parameters.FunctionName).toBe("${AwaitSuperiorSkpFunction}");
    for (const [, wait] of waits) expect(wait.TimeoutSecondsPath).toBe("$.plan.timeoutSeconds");
    expect(def.States.WaitForPeriodEnd.TimestampPath).toBe("$.measurement.waitUntil");
  });

  it("periodic evaluation: valid ASL, pages of $.listed.items only, any error of any step recorded on the run, continues as itself (issue 16 item 2)", () => {
    const machine = loaded.find((m) => m.key === "periodicEvaluation")!;
    expect(validator(JSON.parse(machine.definition)).errors).toEqual([]);
    const def = JSON.parse(readDefinition("periodicEvaluation"));
    const top = Object.entries(def.States as Record<string, State>);
    for (const [name, state] of top.filter(([, s]) => s.Type === "Map"))
      expect([name, state.ItemsPath]).toEqual([name, "$.listed.items"]);
    for (const [name, state] of top.filter(([, s]) => s.Type === "Task" || s.Type === "Map")) {
      const last = (state.Catch ?? []).at(-1);
      if (name === "MarkPeriodicEvaluationFailed") expect(last).toBeUndefined();
      else
        expect([name, last?.ErrorEquals, last?.Next]).toEqual([
          name,
          ["States.ALL"],
          "MarkPeriodicEvaluationFailed",
        ]);
    }
    expect(def.States.ContinueInNewExecution.Parameters["StateMachineArn.$"]).toBe("$$.StateMachine.Id");
    expect(stateMachines.periodicEvaluation.starts).toContain("periodicEvaluation");
  });

  it("reports a missing substitution by name", () => {
    const subs = localSubstitutions();
    delete subs.OpenDecisionFunction;
    expect(() => loadStateMachines(subs)).toThrow(/OpenDecisionFunction/);
  });
});
