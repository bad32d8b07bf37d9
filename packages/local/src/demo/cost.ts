// What the demo cycle would cost on AWS: billable state transitions and Lambda invocations counted by the local
// engine for the cycle's executions, priced with the on-demand list prices below.
import type { Engine } from "../engine/index";

/**
 * On-demand list prices (USD) used for the estimate, for ap-southeast-3 (Jakarta). They are the published standard
 * rates at the time of writing (free tiers ignored); check https://aws.amazon.com/step-functions/pricing/,
 * /lambda/pricing/ and /ses/pricing/ before quoting them.
 */
export const AWS_PRICES = {
  region: "ap-southeast-3",
  stepFunctionsPerThousandTransitions: 0.025,
  lambdaPerMillionRequests: 0.2,
  lambdaPerGbSecond: 0.0000166667,
  sesPerThousandMails: 0.1,
  /** Assumed average Lambda duration and memory (the registry's default memory), for the GB-second estimate. */
  assumedLambdaMs: 150,
  assumedLambdaMemoryMb: 512,
} as const;

/** The cost figures of the demo's report. */
export interface CostFigures {
  region: string;
  executions: number;
  stateTransitions: number;
  lambdaInvocations: number;
  mails: number;
  usd: { stepFunctions: number; lambda: number; ses: number; total: number };
  /** Per appraisal (the figure that scales to a national rollout). */
  usdPerAppraisal: number;
  prices: typeof AWS_PRICES;
}

/** Billable transitions and Lambda invocations of every execution the engine holds (the demo's data dir holds only this cycle). */
export function countEngineWork(engine: Engine): {
  executions: number;
  stateTransitions: number;
  lambdaInvocations: number;
} {
  const rows = engine.store.listExecutions({
    machine: null,
    status: null,
    afterStart: null,
    afterArn: null,
    limit: 1_000_000,
  });
  let stateTransitions = 0;
  let lambdaInvocations = 0;
  for (const row of rows) {
    stateTransitions += row.transitions;
    let nextToken: string | undefined;
    do {
      const page = engine.getExecutionHistory({ executionArn: row.arn, maxResults: 1000, nextToken });
      for (const event of page.events) {
        if (event.type === "LambdaFunctionScheduled") lambdaInvocations += 1;
        else if (event.type === "TaskScheduled" && event.details) {
          const details = JSON.parse(event.details) as {
            taskScheduledEventDetails?: { resourceType?: string };
            resourceType?: string;
          };
          if ((details.taskScheduledEventDetails?.resourceType ?? details.resourceType) === "lambda")
            lambdaInvocations += 1;
        }
      }
      nextToken = page.nextToken ?? undefined;
    } while (nextToken);
  }
  return { executions: rows.length, stateTransitions, lambdaInvocations };
}

const round = (usd: number) => Math.round(usd * 1_000_000) / 1_000_000;

/** Prices the counted work with AWS_PRICES. */
export function priceWork(
  work: { executions: number; stateTransitions: number; lambdaInvocations: number },
  mails: number,
  appraisals: number,
): CostFigures {
  const p = AWS_PRICES;
  const stepFunctions = (work.stateTransitions / 1000) * p.stepFunctionsPerThousandTransitions;
  const gbSeconds = work.lambdaInvocations * (p.assumedLambdaMs / 1000) * (p.assumedLambdaMemoryMb / 1024);
  const lambda =
    (work.lambdaInvocations / 1_000_000) * p.lambdaPerMillionRequests + gbSeconds * p.lambdaPerGbSecond;
  const ses = (mails / 1000) * p.sesPerThousandMails;
  const total = stepFunctions + lambda + ses;
  return {
    region: p.region,
    ...work,
    mails,
    usd: { stepFunctions: round(stepFunctions), lambda: round(lambda), ses: round(ses), total: round(total) },
    usdPerAppraisal: appraisals > 0 ? round(total / appraisals) : 0,
    prices: p,
  };
}
