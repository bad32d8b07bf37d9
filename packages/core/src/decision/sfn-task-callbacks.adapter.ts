import { SendTaskFailureCommand, SendTaskSuccessCommand, type SFNClient } from "@aws-sdk/client-sfn";
import { mapSfnError, type TaskCallbacks } from "./task-callbacks";

/** Builds TaskCallbacks over an SFN client (AWS, or the local engine through an endpoint override). */
export function createSfnTaskCallbacks(client: SFNClient): TaskCallbacks {
  return {
    async succeed(token, output) {
      try {
        await client.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) }));
      } catch (err) {
        throw mapSfnError(err);
      }
    },
    async fail(token, error, cause) {
      try {
        await client.send(new SendTaskFailureCommand({ taskToken: token, error, cause }));
      } catch (err) {
        throw mapSfnError(err);
      }
    },
  };
}
