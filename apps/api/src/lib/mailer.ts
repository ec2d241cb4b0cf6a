import nodemailer from 'nodemailer';
import type { Env } from '../env.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** BCP 47 language of the message (Content-Language header). */
  language: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * The optional email channel: a nodemailer SMTP transport when SMTP_URL is set (smtp://… or
 * smtps://…, options as URL query parameters), otherwise null and nothing is emailed.
 */
export function createMailer(env: Env): Mailer | null {
  if (!env.SMTP_URL) return null;
  // Short timeouts: a job run waits for its emails, and an unreachable relay must not hold it for minutes.
  const transport = nodemailer.createTransport(
    { url: env.SMTP_URL, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 },
    { from: env.MAIL_FROM },
  );
  return {
    async send(message) {
      await transport.sendMail({
        to: message.to,
        subject: message.subject,
        text: message.text,
        headers: { 'Content-Language': message.language },
      });
    },
    close: () => transport.close(),
  };
}
