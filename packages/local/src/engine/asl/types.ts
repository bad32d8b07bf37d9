// The Amazon States Language (JSONPath) as TypeScript types: the shape of every state the engine runs.

/** A JSON value as it flows between states. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A retry policy of a Task, Parallel or Map state. */
export interface RetrierDefinition {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: "FULL" | "NONE";
  Comment?: string;
}

/** A fallback transition of a Task, Parallel or Map state. */
export interface CatcherDefinition {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
  Comment?: string;
}

/** Fields every state may carry. */
interface StateBase {
  Comment?: string;
  QueryLanguage?: "JSONPath";
}

/** Either a transition or the end of the machine. */
interface Transition {
  Next?: string;
  End?: boolean;
}

/** Input/output filtering shared by most states. */
interface IoPaths {
  InputPath?: string | null;
  OutputPath?: string | null;
}

/** A Pass state. */
export interface PassState extends StateBase, Transition, IoPaths {
  Type: "Pass";
  Result?: unknown;
  ResultPath?: string | null;
  Parameters?: unknown;
}

/** A Task state. */
export interface TaskState extends StateBase, Transition, IoPaths {
  Type: "Task";
  Resource: string;
  Parameters?: unknown;
  ResultSelector?: unknown;
  ResultPath?: string | null;
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
  HeartbeatSeconds?: number;
  HeartbeatSecondsPath?: string;
  Credentials?: unknown;
  Retry?: RetrierDefinition[];
  Catch?: CatcherDefinition[];
}

/** A comparison or boolean combination inside a Choice state. */
export interface ChoiceRule {
  Variable?: string;
  And?: ChoiceRule[];
  Or?: ChoiceRule[];
  Not?: ChoiceRule;
  Next?: string;
  Comment?: string;
  [operator: string]: unknown;
}

/** A Choice state. */
export interface ChoiceState extends StateBase, IoPaths {
  Type: "Choice";
  Choices: ChoiceRule[];
  Default?: string;
}

/** A Wait state. */
export interface WaitState extends StateBase, Transition, IoPaths {
  Type: "Wait";
  Seconds?: number;
  SecondsPath?: string;
  Timestamp?: string;
  TimestampPath?: string;
}

/** A Succeed state. */
export interface SucceedState extends StateBase, IoPaths {
  Type: "Succeed";
}

/** A Fail state. */
export interface FailState extends StateBase {
  Type: "Fail";
  Error?: string;
  ErrorPath?: string;
  Cause?: string;
  CausePath?: string;
}

/** A Parallel state. */
export interface ParallelState extends StateBase, Transition, IoPaths {
  Type: "Parallel";
  Branches: StateMachineDefinition[];
  Parameters?: unknown;
  ResultSelector?: unknown;
  ResultPath?: string | null;
  Retry?: RetrierDefinition[];
  Catch?: CatcherDefinition[];
}

/** The sub-machine a Map state runs per item. */
export interface ItemProcessorDefinition extends StateMachineDefinition {
  ProcessorConfig?: { Mode?: "INLINE" | "DISTRIBUTED"; ExecutionType?: "STANDARD" | "EXPRESS" };
}

/** A Map state (inline, or distributed run inline by the local engine). */
export interface MapState extends StateBase, Transition, IoPaths {
  Type: "Map";
  ItemProcessor?: ItemProcessorDefinition;
  Iterator?: StateMachineDefinition;
  ItemsPath?: string;
  ItemSelector?: unknown;
  Parameters?: unknown;
  ItemReader?: unknown;
  ItemBatcher?: unknown;
  ResultWriter?: unknown;
  MaxConcurrency?: number;
  MaxConcurrencyPath?: string;
  ToleratedFailurePercentage?: number;
  ToleratedFailurePercentagePath?: string;
  ToleratedFailureCount?: number;
  ToleratedFailureCountPath?: string;
  Label?: string;
  ResultSelector?: unknown;
  ResultPath?: string | null;
  Retry?: RetrierDefinition[];
  Catch?: CatcherDefinition[];
}

/** Any state of a JSONPath state machine. */
export type State =
  PassState | TaskState | ChoiceState | WaitState | SucceedState | FailState | ParallelState | MapState;

/** The `Type` of a state. */
export type StateType = State["Type"];

/** A whole state machine, or a Parallel branch / Map item processor. */
export interface StateMachineDefinition {
  Comment?: string;
  StartAt: string;
  States: Record<string, State>;
  TimeoutSeconds?: number;
  Version?: string;
  QueryLanguage?: "JSONPath";
}
