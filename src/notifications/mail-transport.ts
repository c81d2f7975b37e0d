import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { Transporter } from 'nodemailer';

export interface OutgoingEmail {
  id: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface MailTransport {
  readonly description: string;
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

/** Emails in flight at once; the outbox worker sends a batch this wide. */
export const SMTP_CONNECTIONS = 5;

function toMessage(email: OutgoingEmail, host: string) {
  // A stable Message-ID lets mail systems discard a duplicate if a delivery is ever retried after success.
  return { from: email.from, to: email.to, subject: email.subject, text: email.text, html: email.html, messageId: `<${email.id}@${host}>` };
}

/**
 * Sends through SMTP_URL over a small pool of kept-open connections. Without
 * the pool every email paid for a new connection, about 100 ms, which capped
 * the outbox near 10 emails a second.
 */
export function smtpTransport(smtpUrl: string, host: string): MailTransport {
  const transporter: Transporter = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: SMTP_CONNECTIONS,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    description: `SMTP ${new URL(smtpUrl).host}`,
    send: async (email) => {
      await transporter.sendMail(toMessage(email, host));
    },
    close: () => transporter.close(),
  };
}

/** Without SMTP_URL mail is written as .eml files, so developers can open what was sent. */
export function fileTransport(directory: string, host: string): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    description: `files in ${directory}`,
    send: async (email) => {
      const info = await transporter.sendMail(toMessage(email, host));
      await mkdir(directory, { recursive: true });
      await writeFile(join(directory, `${new Date().toISOString().replace(/[:.]/g, '-')}-${email.id}.eml`), info.message as Buffer);
    },
    close: () => transporter.close(),
  };
}
