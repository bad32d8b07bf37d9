import {
  definitionPath,
  readDefinition,
  stateMachines,
  stepFunctions,
  type StateMachineKey,
  type StepPermissions,
} from "../workflows/registry";
import { schedules, validateSchedules } from "../workflows/schedules";
import { taskIntegrationsOf } from "./asl";
import { parseDeploySources, type DeploySources } from "./sources";

/**
 * The deploy sources of kinerja itself: the workflow registry (workflows/registry.ts) in its own permission words and
 * the schedule specs (workflows/schedules.ts), validated. What the registry says by key or by intent is resolved
 * here: machine keys to their names, "answers task tokens" to the machines whose ASL invokes the function.
 */
export function registrySources(): DeploySources {
  const keys = Object.keys(stateMachines) as StateMachineKey[];
  const nameOf = (key: StateMachineKey) => stateMachines[key].name;
  validateSchedules(schedules, keys.map(nameOf));

  // A function answering task tokens serves exactly the machines whose ASL invokes it with .waitForTaskToken or otherwise.
  const invokedBy = new Map<string, Set<string>>();
  for (const key of keys) {
    for (const i of taskIntegrationsOf(JSON.parse(readDefinition(key)))) {
      if (i.kind !== "lambda") continue;
      const set = invokedBy.get(i.placeholder) ?? new Set<string>();
      set.add(nameOf(key));
      invokedBy.set(i.placeholder, set);
    }
  }

  return parseDeploySources({
    functions: Object.fromEntries(
      Object.entries(stepFunctions).map(([placeholder, spec]) => {
        const p: StepPermissions = spec.permissions;
        const controls = (p.startExecution ?? []).map(nameOf);
        return [
          placeholder,
          {
            handler: spec.handler,
            timeoutSeconds: spec.timeoutSeconds,
            memoryMB: spec.memoryMB,
            permissions: {
              table: p.table,
              sendTaskResponse: p.sendTaskResult ? [...(invokedBy.get(placeholder) ?? [])].sort() : [],
              startExecution: controls,
              // The registry's startExecution means "start or stop executions of".
              stopExecution: controls,
              sendEmail: p.sendEmail ?? false,
              // Mails carry signed links, so whoever sends mail signs with the link key.
              linkSigningKey: p.sendEmail ?? false,
            },
          },
        ];
      }),
    ),
    machinePlaceholders: Object.fromEntries(
      keys.flatMap((key) =>
        Object.entries(stateMachines[key].stateMachines).map(([placeholder, target]) => [
          placeholder,
          nameOf(target),
        ]),
      ),
    ),
    stateMachines: keys.map((key) => {
      const m = stateMachines[key];
      return {
        name: m.name,
        file: definitionPath(key),
        placeholders: [...m.functions, ...Object.keys(m.stateMachines)],
        starts: m.starts.map(nameOf),
      };
    }),
    schedules,
  });
}
