import { Config, type StackContext } from "sst/constructs";

/**
 * Secrets set once per stage with `npx sst secrets set LinkSigningKey <value> --stage <stage>`; SST keeps them in
 * SSM Parameter Store (SecureString) and only functions bound to them may read them.
 */
export function Secrets({ stack }: StackContext) {
  const linkSigningKey = new Config.Secret(stack, "LinkSigningKey");
  return { linkSigningKey };
}
