// The registry's state machines in the local engine: the region and account the local runtime pretends, and the
// registration of every machine under its deployed name (created, or updated when its ASL changed since the last
// start on the same data dir).
import {
  deployedName,
  loadStateMachines,
  localSubstitutions,
  type StateMachineKey,
} from "../../../../workflows/registry";
import { StatesApiError, type Engine } from "../engine/index";

/** The region of the local runtime's ARNs. */
export const LOCAL_REGION = "ap-southeast-3";
/** The account of the local runtime's ARNs. */
export const LOCAL_ACCOUNT = "000000000000";

/** Registers (or updates, when the ASL changed since the last start) every state machine of the registry. */
export function registerStateMachines(engine: Engine): Record<StateMachineKey, string> {
  const arns = {} as Record<StateMachineKey, string>;
  for (const machine of loadStateMachines(
    localSubstitutions({ region: LOCAL_REGION, accountId: LOCAL_ACCOUNT }),
  )) {
    const name = deployedName(machine.name);
    const roleArn = `arn:aws:iam::${LOCAL_ACCOUNT}:role/${name}`;
    try {
      arns[machine.key] = engine.createStateMachine({
        name,
        definition: machine.definition,
        roleArn,
      }).stateMachineArn;
    } catch (error) {
      if (!(error instanceof StatesApiError) || error.type !== "StateMachineAlreadyExists") throw error;
      const arn = engine.arns.stateMachine(name);
      engine.updateStateMachine({ stateMachineArn: arn, definition: machine.definition, roleArn });
      arns[machine.key] = arn;
    }
  }
  return arns;
}
