// Drains the notification outbox after commit: emails through SMTP, webhooks signed with their
// endpoint's secret. Several instances may share one database: a row is claimed with a
// compare-and-set on `claimedUntil` before it is sent, so only one instance sends it at a time, and
// a crashed sender's claim lapses. Failures retry with exponential backoff, then stop as `failed`.
import { createTransport, type Transporter } from "nodemailer";
import type { Db } from "../services/db";
import { readSmtpSettings, type SmtpSettings } from "./config";
import { signatureOf, SIGNATURE_HEADER, TIMESTAMP_HEADER, webhookBody, type WebhookMessage } from "./webhook-signature";

export const MAX_ATTEMPTS = 6;
const CLAIM_MS = 60_000;
const SEND_TIMEOUT_MS = 10_000;
const BATCH = 20;

/** Seconds before attempt n+1: 5 s, 20 s, 80 s, 5 min, 21 min. */
export const backoffMs = (attempts: number) => Math.min(5_000 * 4 ** (attempts - 1), 3_600_000);

/** The URL's parts as nodemailer's SMTP options, with timeouts so a silent server cannot hold a sender. */
function smtpOptions(raw: string) {
  const url = new URL(raw);
  const secure = url.protocol === "smtps:";
  const auth = url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined;
  return { host: url.hostname, port: Number(url.port) || (secure ? 465 : 25), secure, auth, connectionTimeout: SEND_TIMEOUT_MS, socketTimeout: SEND_TIMEOUT_MS, greetingTimeout: SEND_TIMEOUT_MS };
}

let transport: { settings: SmtpSettings; transporter: Transporter } | null = null;
function mailer(settings: SmtpSettings): Transporter {
  if (transport?.settings.url !== settings.url) transport = { settings, transporter: createTransport(smtpOptions(settings.url)) };
  return transport.transporter;
}

type Row = Awaited<ReturnType<Db["notificationOutbox"]["findMany"]>>[number];

/** Claims due rows for this sender; returns only those this call won. */
async function claim(db: Db, now: Date): Promise<Row[]> {
  const due = await db.notificationOutbox.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now }, OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
    orderBy: { nextAttemptAt: "asc" },
    take: BATCH,
  });
  const won: Row[] = [];
  for (const row of due) {
    const { count } = await db.notificationOutbox.updateMany({
      where: { id: row.id, status: "pending", claimedUntil: row.claimedUntil },
      data: { claimedUntil: new Date(now.getTime() + CLAIM_MS) },
    });
    if (count === 1) won.push(row);
  }
  return won;
}

async function sendEmail(row: Row, message: WebhookMessage, baseUrl: string | null) {
  const settings = readSmtpSettings();
  if (!settings) throw new Error("email is not configured (MESH_SMTP_URL)");
  const url = message.link && baseUrl ? new URL(message.link, baseUrl).toString() : null;
  await mailer(settings).sendMail({ from: settings.from, to: row.target, subject: `[Mesh Console] ${message.title}`, text: `${message.body}${url ? `\n\n${url}` : ""}\n` });
}

async function sendWebhook(db: Db, row: Row, message: WebhookMessage, baseUrl: string | null, now: Date) {
  const endpoint = await db.webhookEndpoint.findUnique({ where: { id: row.target } });
  if (!endpoint?.enabled) return "skipped";
  const body = webhookBody(message, baseUrl, row.id, now);
  const timestamp = String(Math.floor(now.getTime() / 1000));
  let status: number | null = null;
  let error: string | null = null;
  try {
    const res = await fetch(endpoint.url, {
      method: "POST",
      headers: { "content-type": "application/json", [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signatureOf(endpoint.secret, timestamp, body), "user-agent": "mesh-console-webhook" },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    status = res.status;
    await res.body?.cancel().catch(() => {});
    if (!res.ok) error = `HTTP ${res.status}`;
  } catch (e) {
    error = (e as Error).message || "request failed";
  }
  await db.webhookDelivery.create({ data: { outboxId: row.id, endpointId: endpoint.id, attempt: row.attempts + 1, status, error } });
  if (error) throw new Error(error);
  return "sent";
}

/** Sends what is due; returns how many rows were sent. Never throws for a failed send: the row records it. */
export async function drainOutbox(db: Db, now = new Date(), baseUrl: string | null = process.env.BETTER_AUTH_URL ?? null): Promise<number> {
  let sent = 0;
  for (const row of await claim(db, now)) {
    try {
      const message = JSON.parse(row.payload) as WebhookMessage;
      if (row.channel === "email") await sendEmail(row, message, baseUrl);
      else await sendWebhook(db, row, message, baseUrl, now);
      await db.notificationOutbox.update({ where: { id: row.id }, data: { status: "sent", sentAt: new Date(), attempts: row.attempts + 1, claimedUntil: null, lastError: null } });
      sent++;
    } catch (e) {
      const attempts = row.attempts + 1;
      const failed = attempts >= MAX_ATTEMPTS;
      await db.notificationOutbox.update({
        where: { id: row.id },
        data: { attempts, status: failed ? "failed" : "pending", nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)), claimedUntil: null, lastError: String((e as Error).message).slice(0, 500) },
      });
    }
  }
  return sent;
}

const worker = globalThis as typeof globalThis & { __meshOutbox?: ReturnType<typeof setInterval> };

/** Polls the outbox every `intervalMs` in the background; one timer per process, never keeping it alive. */
export function startOutboxWorker(db: Db, intervalMs: number): void {
  if (worker.__meshOutbox || intervalMs <= 0) return;
  let running = false;
  worker.__meshOutbox = setInterval(() => {
    if (running) return;
    running = true;
    drainOutbox(db)
      .catch(() => {}) // a database that is briefly unreachable: the next tick tries again
      .finally(() => (running = false));
  }, intervalMs);
  worker.__meshOutbox.unref();
}
