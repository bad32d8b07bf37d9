import type { Clock } from "../clock/clock";
import type { LinkSigner } from "../links/link-signer";
import type { Locale } from "../mail/templates";
import type { MailPort } from "../mail/mail.port";
import type { DecisionKind } from "./decision-kinds";
import type { DecisionStorage } from "./decision.repo";
import type { TaskCallbacks } from "./task-callbacks";

/** Who a decision link is sent to. */
export interface Recipient {
  nip: string;
  name: string;
  email: string;
  role: "employee" | "appraiser" | "superior-of-appraiser" | "hr";
}

/** Everything the decision service needs, injected (own fakes in tests, real adapters in Lambdas and the local runtime). */
export interface DecisionDeps {
  storage: DecisionStorage;
  mail: MailPort;
  signer: LinkSigner;
  clock: Clock;
  callbacks: TaskCallbacks;
  /** Public base URL of the web app, e.g. https://kinerja.salorkab.go.id (links are `${baseUrl}/l/${token}`). */
  baseUrl: string;
  locale?: Locale;
  /**
   * What a pending decision's page needs that changes after the link was mailed (a review's would-be distribution
   * warnings, a unit head's result revised by the organisation rating), read when the link is shown and decided;
   * merged over the context stored at open. Absent: the stored context is all there is.
   */
  liveContext?: (decision: {
    kind: DecisionKind;
    appraisalId: string;
  }) => Promise<Record<string, unknown> | undefined>;
}

/** The task output a decision delivers to its waiting workflow task. */
export interface DecisionOutput {
  kind: DecisionKind;
  decision: Record<string, unknown>;
  decidedBy: { nip: string; name: string; role: string };
  linkId: string;
  decidedAt: string;
}
