import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedEmail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
}

/**
 * A real SMTP server in the test process. It can be stopped and started on
 * the same port, to show the outbox surviving an SMTP outage.
 */
export class SmtpTestServer {
  readonly received: ReceivedEmail[] = [];
  private server: SMTPServer | undefined;
  private port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      disableReverseLookup: true,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail: ParsedMail) => {
            this.received.push({
              from: mail.from?.text ?? '',
              to: [mail.to]
                .flat()
                .map((address) => (address as { text: string }).text)
                .join(', '),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: typeof mail.html === 'string' ? mail.html : '',
              messageId: mail.messageId ?? '',
            });
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    // A client killed mid-conversation resets its connection; a real mail server shrugs that off too.
    server.on('error', () => undefined);
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  to(address: string): ReceivedEmail[] {
    return this.received.filter((email) => email.to.includes(address));
  }

  /** The first link in the newest email to `address` (with `subject`, when given) that contains `pathPart`. */
  linkTo(address: string, pathPart: string, subject?: string): string {
    const emails = this.to(address).filter((email) => subject === undefined || email.subject === subject);
    const text = emails.at(-1)?.text ?? '';
    const match = text.match(new RegExp(`https?://\\S*${pathPart.replace(/[/?]/g, '\\$&')}\\S*`));
    if (!match)
      throw new Error(
        `No ${pathPart} link in the ${subject ? `“${subject}” ` : ''}email to ${address}: ${
          text ||
          `it has ${this.to(address)
            .map((email) => email.subject)
            .join(', ')}`
        }`,
      );
    return match[0];
  }
}
