// The SES sending events kinerja listens to, in the shape SES publishes them to EventBridge (configuration set event
// destination on the default bus): the envelope's `detail` is the SES event record. The local outbox builds the same
// shape for SES's mailbox-simulator addresses, so one handler reads both.
import * as v from "valibot";
import { encodeSesTag } from "./ses-tags";
import type { MailMessage } from "./mail.port";

/** SES event types that mean a link may not have reached its recipient. */
export const SES_PROBLEM_EVENTS = ["Bounce", "Complaint", "Reject", "DeliveryDelay"] as const;

/** EventBridge detail types of those events (the rule's pattern). */
export const SES_PROBLEM_DETAIL_TYPES = [
  "Email Bounced",
  "Email Complaint Received",
  "Email Rejected",
  "Email Delivery Delayed",
] as const;

const recipient = v.looseObject({
  emailAddress: v.pipe(v.string(), v.minLength(1)),
  status: v.optional(v.string()),
  diagnosticCode: v.optional(v.string()),
});

const mail = v.looseObject({
  messageId: v.pipe(v.string(), v.minLength(1), v.maxLength(512)),
  timestamp: v.pipe(v.string(), v.isoTimestamp()),
  destination: v.array(v.string()),
  tags: v.optional(v.record(v.string(), v.array(v.string())), {}),
});

/** One SES event record (the `detail` of the EventBridge event); unknown fields are kept and ignored. */
export const SesEventRecordSchema = v.variant("eventType", [
  v.looseObject({
    eventType: v.literal("Bounce"),
    mail,
    bounce: v.looseObject({
      bounceType: v.string(),
      bounceSubType: v.optional(v.string(), "General"),
      bouncedRecipients: v.pipe(v.array(recipient), v.minLength(1)),
      timestamp: v.pipe(v.string(), v.isoTimestamp()),
      feedbackId: v.optional(v.string()),
    }),
  }),
  v.looseObject({
    eventType: v.literal("Complaint"),
    mail,
    complaint: v.looseObject({
      complainedRecipients: v.pipe(v.array(recipient), v.minLength(1)),
      timestamp: v.pipe(v.string(), v.isoTimestamp()),
      complaintFeedbackType: v.optional(v.string()),
      feedbackId: v.optional(v.string()),
    }),
  }),
  v.looseObject({
    eventType: v.literal("Reject"),
    mail,
    reject: v.looseObject({ reason: v.optional(v.string()) }),
  }),
  v.looseObject({
    eventType: v.literal("DeliveryDelay"),
    mail,
    deliveryDelay: v.looseObject({
      delayType: v.optional(v.string(), "General"),
      delayedRecipients: v.pipe(v.array(recipient), v.minLength(1)),
      timestamp: v.pipe(v.string(), v.isoTimestamp()),
      expirationTime: v.optional(v.string()),
    }),
  }),
]);

/** A validated SES event record. */
export type SesEventRecord = v.InferOutput<typeof SesEventRecordSchema>;

/** The EventBridge envelope SES's events arrive in. */
export const SesEventBridgeEventSchema = v.looseObject({
  id: v.optional(v.string()),
  source: v.literal("aws.ses"),
  "detail-type": v.string(),
  detail: v.looseObject({ eventType: v.string() }),
});

/** SES's mailbox simulator: mail to these addresses produces the named event (SES developer guide). */
export const SES_SIMULATOR = {
  bounce: "bounce@simulator.amazonses.com",
  complaint: "complaint@simulator.amazonses.com",
  suppressed: "suppressionlist@simulator.amazonses.com",
} as const;

const DETAIL_TYPE: Record<(typeof SES_PROBLEM_EVENTS)[number], (typeof SES_PROBLEM_DETAIL_TYPES)[number]> = {
  Bounce: "Email Bounced",
  Complaint: "Email Complaint Received",
  Reject: "Email Rejected",
  DeliveryDelay: "Email Delivery Delayed",
};

/**
 * The event SES would publish for a mail to one of its simulator addresses (undefined for any other address), with
 * the mail's tags encoded as SES carries them. The local outbox emits it; tests replay it to check idempotency.
 */
export function simulatedSesEvent(
  msg: Pick<MailMessage, "to" | "tags">,
  sent: { messageId: string; at: string; configurationSet: string },
): Record<string, unknown> | undefined {
  const to = msg.to.toLowerCase();
  const mailPart = sesMailPart(msg, sent);
  const feedbackId = `${sent.messageId}-feedback`;
  let detail: Record<string, unknown>;
  if (to === SES_SIMULATOR.bounce || to === SES_SIMULATOR.suppressed)
    detail = {
      eventType: "Bounce",
      mail: mailPart,
      bounce: {
        feedbackId,
        bounceType: "Permanent",
        bounceSubType: to === SES_SIMULATOR.bounce ? "General" : "OnAccountSuppressionList",
        bouncedRecipients: [
          {
            emailAddress: msg.to,
            action: "failed",
            status: "5.1.1",
            diagnosticCode: "smtp; 550 5.1.1 user unknown",
          },
        ],
        timestamp: sent.at,
      },
    };
  else if (to === SES_SIMULATOR.complaint)
    detail = {
      eventType: "Complaint",
      mail: mailPart,
      complaint: {
        feedbackId,
        complaintFeedbackType: "abuse",
        complainedRecipients: [{ emailAddress: msg.to }],
        timestamp: sent.at,
      },
    };
  else return undefined;
  return sesEnvelope(detail, sent);
}

/**
 * The Reject event of a mail SES refused at SendEmail (MessageRejected, an unverified sender, ...): the queued-mail
 * sender records such a refusal like SES's own rejects when no workflow task waits for the mail.
 */
export function refusedMailEvent(
  msg: Pick<MailMessage, "to" | "tags">,
  refused: { messageId: string; at: string; configurationSet: string; reason: string },
): Record<string, unknown> {
  return sesEnvelope(
    { eventType: "Reject", mail: sesMailPart(msg, refused), reject: { reason: refused.reason } },
    refused,
  );
}

/** The `mail` part of an SES event: the mail's tags encoded as SES carries them, with its configuration set. */
function sesMailPart(
  msg: Pick<MailMessage, "to" | "tags">,
  sent: { messageId: string; at: string; configurationSet: string },
) {
  const tags: Record<string, string[]> = { "ses:configuration-set": [sent.configurationSet] };
  for (const [name, value] of Object.entries(msg.tags ?? {}))
    tags[encodeSesTag(name)] = [encodeSesTag(value)];
  return { timestamp: sent.at, messageId: sent.messageId, destination: [msg.to], tags };
}

/** An SES event record in its EventBridge envelope. */
function sesEnvelope(detail: Record<string, unknown>, sent: { messageId: string; at: string }) {
  return {
    version: "0",
    id: `${sent.messageId}-${String(detail.eventType).toLowerCase()}`,
    "detail-type": DETAIL_TYPE[detail.eventType as (typeof SES_PROBLEM_EVENTS)[number]],
    source: "aws.ses",
    time: sent.at,
    detail,
  };
}
