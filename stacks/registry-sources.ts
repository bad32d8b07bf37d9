import path from "node:path";
import { fileURLToPath } from "node:url";
import { stateMachines, stepFunctions } from "../workflows/registry";
import { schedules, validateSchedules } from "../workflows/schedules";
import { taskIntegrationsOf } from "./asl";
import { readFileSync } from "node:fs";
import { parseDeploySources, type DeploySources } from "./sources";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The deploy sources of kinerja itself: the workflow registry (workflows/registry.ts) and the schedule specs
 * (workflows/schedules.ts), translated into the stacks' shape and validated.
 */
export function registrySources(): DeploySources {
  const machines = Object.values(stateMachines);
  const nameOf = (key: string) => {
    const spec = (stateMachines as Record<string, { name: string }>)[key];
    return spec ? spec.name : key;
  };
  validateSchedules(
    schedules,
    machines.map((m) => m.name),
  );

  // A function answering task tokens serves exactly the machines whose ASL invokes it with .waitForTaskToken or otherwise.
  const invokedBy = new Map<string, Set<string>>();
  for (const m of machines) {
    const definition: unknown = JSON.parse(readFileSync(path.join(root, m.file), "utf8"));
    for (const i of taskIntegrationsOf(definition)) {
      if (i.kind !== "lambda") continue;
      const set = invokedBy.get(i.placeholder) ?? new Set<string>();
      set.add(m.name);
      invokedBy.set(i.placeholder, set);
    }
  }

  return parseDeploySources({
    functions: Object.fromEntries(
      Object.entries(stepFunctions).map(([placeholder, spec]) => {
        const p = spec.permissions as {
          table: "read" | "read-write";
          sendTaskResult?: boolean;
          startExecution?: readonly string[];
          sendEmail?: boolean;
        };
        const controls = (p.startExecution ?? []).map(nameOf);
        return [
          placeholder,
          {
            handler: spec.handler,
            timeoutSeconds: spec.timeoutSeconds,
            memoryMB: spec.memoryMB,
            permissions: {
              table: p.table === "read" ? "read" : "readwrite",
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
      machines.flatMap((m) =>
        Object.entries(m.stateMachines).map(([placeholder, key]) => [placeholder, nameOf(key)]),
      ),
    ),
    stateMachines: machines.map((m) => ({
      name: m.name,
      file: path.join(root, m.file),
      placeholders: [...m.functions, ...Object.keys(m.stateMachines)],
      starts: m.starts.map(nameOf),
    })),
    schedules,
  });
}
