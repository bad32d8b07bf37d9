import { SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import nodemailer from "nodemailer";
import { describe, expect, it, vi } from "vitest";
import { InvalidMailError, MailDeliveryError } from "../../../packages/core/src/mail/mail.errors";
import { createSesMail } from "../../../packages/core/src/mail/ses-mail";
import { createSmtpMail } from "../../../packages/core/src/mail/smtp-mail";
import { renderDecisionMail } from "../../../packages/core/src/mail/templates";

const message = {
  to: "budi@salor.test",
  subject: "[kinerja] Penilaian kinerja Siti",
  text: "Yth. Budi",
  html: "<p>Yth. Budi</p>",
  links: ["http://kinerja.test/l/abc"],
  tags: { kind: "review", decisionId: "d-1" },
};

describe("mail templates", () => {
  const base = {
    kind: "review" as const,
    recipient: { name: "Budi Santoso" },
    employee: { nip: "199001012015031001", name: "Siti <Rahmawati>" },
    dueAt: "2026-02-10T10:00:00.000Z",
    url: "https://kinerja.salorkab.go.id/l/k1.x.y.z",
  };

  it("says who asks what, for whom and by when, in Bahasa Indonesia, in text and HTML", () => {
    const mail = renderDecisionMail({ ...base, mailKind: "request" });
    expect(mail.subject).toBe("[kinerja] Penilaian kinerja Siti <Rahmawati>");
    expect(mail.text).toContain("Yth. Budi Santoso");
    expect(mail.text).toContain("menilai hasil kerja dan perilaku kerja");
    expect(mail.text).toContain("Siti <Rahmawati> (NIP 199001012015031001)");
    expect(mail.text).toContain("Batas waktu: Selasa, 10 Februari 2026 pukul 17.00 WIB");
    expect(mail.text).toContain(base.url);
    expect(mail.html).toContain("Siti &lt;Rahmawati&gt;");
    expect(mail.html).not.toContain("<Rahmawati>");
  });

  it("has reminder and escalation variants and an English version", () => {
    expect(renderDecisionMail({ ...base, mailKind: "reminder" }).subject).toContain("Pengingat:");
    const escalation = renderDecisionMail({
      ...base,
      mailKind: "escalation",
      recipient: { name: "Ir. Hartono" },
      originalRecipient: { name: "Budi Santoso" },
    });
    expect(escalation.subject).toContain("Eskalasi:");
    expect(escalation.text).toContain("Permintaan kepada Budi Santoso");
    const en = renderDecisionMail({ ...base, mailKind: "request", locale: "en" });
    expect(en.subject).toBe("[kinerja] Performance review of Siti <Rahmawati>");
    expect(en.text).toContain("Due: Tuesday, 10 February 2026 at 17:00 WIB");
  });
});

describe("SES v2 adapter", () => {
  it("sends text and HTML in UTF-8 with sanitised tags and returns the message id", async () => {
    const client = new SESv2Client({
      region: "ap-southeast-3",
      credentials: { accessKeyId: "x", secretAccessKey: "y" },
    });
    const send = vi.spyOn(client, "send").mockResolvedValue({ MessageId: "ses-123" } as never);
    const mail = createSesMail({
      client,
      from: "kinerja <noreply@salorkab.go.id>",
      configurationSetName: "kinerja",
    });
    expect(await mail.send(message)).toEqual({ id: "ses-123" });
    const command = send.mock.calls[0][0] as SendEmailCommand;
    expect(command).toBeInstanceOf(SendEmailCommand);
    expect(command.input).toMatchObject({
      FromEmailAddress: "kinerja <noreply@salorkab.go.id>",
      Destination: { ToAddresses: ["budi@salor.test"] },
      Content: {
        Simple: {
          Subject: { Data: message.subject, Charset: "UTF-8" },
          Body: { Text: { Data: "Yth. Budi" }, Html: { Data: "<p>Yth. Budi</p>" } },
        },
      },
      EmailTags: [
        { Name: "kind", Value: "review" },
        { Name: "decisionId", Value: "d-1" },
      ],
      ConfigurationSetName: "kinerja",
    });
  });

  it("maps throttling to a retryable MailDeliveryError and rejection to InvalidMailError", async () => {
    const client = new SESv2Client({
      region: "ap-southeast-3",
      credentials: { accessKeyId: "x", secretAccessKey: "y" },
    });
    const send = vi.spyOn(client, "send");
    const mail = createSesMail({ client, from: "noreply@salorkab.go.id" });
    send.mockRejectedValueOnce(Object.assign(new Error("slow down"), { name: "TooManyRequestsException" }));
    await expect(mail.send(message)).rejects.toBeInstanceOf(MailDeliveryError);
    send.mockRejectedValueOnce(Object.assign(new Error("bad address"), { name: "MessageRejected" }));
    await expect(mail.send(message)).rejects.toBeInstanceOf(InvalidMailError);
    await expect(mail.send({ ...message, to: "not-an-address" })).rejects.toThrow(
      /to: to must be an email address/,
    );
  });
});

describe("SMTP adapter", () => {
  it("builds a multipart MIME message through nodemailer with both bodies and tag headers", async () => {
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
    const sendMail = vi.spyOn(transport, "sendMail");
    const mail = createSmtpMail({ transport, from: "kinerja <noreply@salorkab.go.id>" });
    const sent = await mail.send(message);
    expect(sent.id).toMatch(/^<.+>$/);
    const info = (await sendMail.mock.results[0].value) as { message: Buffer };
    const raw = info.message.toString();
    expect(raw).toContain("To: budi@salor.test");
    expect(raw).toContain("Content-Type: multipart/alternative");
    expect(raw).toContain("X-Kinerja-Kind: review");
    expect(raw).toContain("<p>Yth. Budi</p>");
  });
});
