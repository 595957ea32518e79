// Real receivers on localhost for notification tests (integration and e2e): an SMTP server
// (smtp-server) that keeps every message, and an HTTP endpoint that keeps every webhook request.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface Mail {
  to: string[];
  /** The message as received, with folded header lines unfolded (so a long Subject reads as one line). */
  raw: string;
}
export interface WebhookHit {
  path: string;
  body: string;
  timestamp: string;
  signature: string;
}

/** An SMTP server on 127.0.0.1 (`port` 0: a free one), without TLS or authentication. */
export async function startSmtpServer(port = 0): Promise<{ port: number; mails: Mail[]; close(): Promise<void> }> {
  const mails: Mail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c)).on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8").replace(/\r?\n[ \t]+/g, " ") });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(port, "127.0.0.1", () => resolve()));
  return { port: (smtp.server.address() as AddressInfo).port, mails, close: () => new Promise<void>((resolve) => smtp.close(() => resolve())) };
}

/** An HTTP endpoint on a free port; `answer` picks each response's status (200 by default). */
export async function startWebhookReceiver(answer: (req: IncomingMessage) => number = () => 200): Promise<{ port: number; hits: WebhookHit[]; close(): Promise<void> }> {
  const hits: WebhookHit[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c)).on("end", () => {
      hits.push({ path: req.url ?? "", body: Buffer.concat(chunks).toString("utf8"), timestamp: String(req.headers["x-mesh-timestamp"]), signature: String(req.headers["x-mesh-signature"]) });
      res.writeHead(answer(req)).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return { port: (server.address() as AddressInfo).port, hits, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
