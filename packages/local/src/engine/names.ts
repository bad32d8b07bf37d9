// Names and ARNs of state machines, executions and activities, with AWS's naming rules.
import { StatesApiError } from "./errors";
import { ENGINE_LIMITS } from "./limits";

const NAME_MAX = ENGINE_LIMITS.nameMaxLength;
// AWS forbids whitespace, brackets, wildcards, these specials and control characters in names.
const FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/u;

/** Throws InvalidName unless `name` is a valid Step Functions resource name. */
export function assertValidName(name: unknown, what: string): asserts name is string {
  if (typeof name !== "string" || name.length === 0)
    throw new StatesApiError("InvalidName", `Invalid Name: '${String(name)}' (${what} name is required)`);
  if (name.length > NAME_MAX)
    throw new StatesApiError(
      "InvalidName",
      `Invalid Name: '${name}' (${what} name longer than ${NAME_MAX} characters)`,
    );
  if (FORBIDDEN.test(name))
    throw new StatesApiError(
      "InvalidName",
      `Invalid Name: '${name}' (contains a character AWS does not allow)`,
    );
}

/** ARN builders and parsers bound to one region and account. */
export function arns(region: string, accountId: string) {
  const prefix = `arn:aws:states:${region}:${accountId}`;
  return {
    stateMachine: (name: string) => `${prefix}:stateMachine:${name}`,
    execution: (machineName: string, name: string) => `${prefix}:execution:${machineName}:${name}`,
    activity: (name: string) => `${prefix}:activity:${name}`,
    /** Throws InvalidArn unless `arn` is a state machine ARN; returns the machine name. */
    parseStateMachine(arn: unknown): string {
      const m = typeof arn === "string" ? /^arn:aws:states:[\w-]+:\d+:stateMachine:([^:]+)$/.exec(arn) : null;
      if (!m)
        throw new StatesApiError(
          "InvalidArn",
          `Invalid Arn: 'Resource type not valid in this context: ${String(arn)}'`,
        );
      return m[1];
    },
    /** Throws InvalidArn unless `arn` is an execution ARN. */
    parseExecution(arn: unknown): { machineName: string; name: string } {
      const m =
        typeof arn === "string" ? /^arn:aws:states:[\w-]+:\d+:execution:([^:]+):([^:]+)$/.exec(arn) : null;
      if (!m)
        throw new StatesApiError(
          "InvalidArn",
          `Invalid Arn: 'Resource type not valid in this context: ${String(arn)}'`,
        );
      return { machineName: m[1], name: m[2] };
    },
    /** Throws InvalidArn unless `arn` is an activity ARN. */
    parseActivity(arn: unknown): string {
      const m = typeof arn === "string" ? /^arn:aws:states:[\w-]+:\d+:activity:([^:]+)$/.exec(arn) : null;
      if (!m)
        throw new StatesApiError(
          "InvalidArn",
          `Invalid Arn: 'Resource type not valid in this context: ${String(arn)}'`,
        );
      return m[1];
    },
  };
}
