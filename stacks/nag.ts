import { Aspects } from "aws-cdk-lib";
import { Stack as SstStack } from "sst/constructs";
import { AwsSolutionsChecks, NagSuppressions } from "cdk-nag";
import type { IConstruct } from "constructs";

/** Applies the cdk-nag AwsSolutions pack to every stack of the app; findings surface as synthesis annotations. */
export function applyNagChecks(scope: IConstruct): void {
  for (const child of scope.node.children) if (child instanceof SstStack) suppressSstInternals(child);
  Aspects.of(scope).add(new AwsSolutionsChecks({ verbose: true }));
}

/** SST adds one custom-resource Lambda per stack (bindings, secret prefetch); its policy is SST's (its runtime is ours). */
function suppressSstInternals(stack: SstStack): void {
  NagSuppressions.addResourceSuppressions(
    stack.customResourceHandler,
    [
      {
        id: "AwsSolutions-IAM4",
        reason:
          "SST's internal custom-resource handler uses the basic-execution managed policy (logs only); SST creates it in every stack.",
        appliesTo: ["Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
      },
    ],
    true,
  );
}
