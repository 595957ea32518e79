// Outbound webhook bodies and signatures. A receiver recomputes
// HMAC-SHA256(secret, `${timestamp}.${body}`) and compares it with X-Mesh-Signature (`v1=<hex>`),
// and refuses old timestamps (replays): the same scheme as Slack's and Stripe's.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-mesh-signature";
export const TIMESTAMP_HEADER = "x-mesh-timestamp";

export interface WebhookMessage {
  kind: string;
  title: string;
  body: string;
  link: string | null;
}

/** Slack-compatible (an incoming webhook shows `text`; blocks render it richer); `mesh` carries the event for other receivers. */
export function webhookBody(m: WebhookMessage, baseUrl: string | null, id: string, at: Date): string {
  const url = m.link && baseUrl ? new URL(m.link, baseUrl).toString() : null;
  const text = `*${m.title}*\n${m.body}${url ? `\n<${url}|Open in Mesh Console>` : ""}`;
  return JSON.stringify({
    text,
    blocks: [{ type: "section", text: { type: "mrkdwn", text } }],
    mesh: { id, kind: m.kind, title: m.title, body: m.body, link: url ?? m.link, at: at.toISOString() },
  });
}

export const signatureOf = (secret: string, timestamp: string, body: string) => `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;

/** The receiver's check (used by tests and documented for integrators): signature matches and the timestamp is fresh. */
export function verifySignature(secret: string, timestamp: string, body: string, signature: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const ts = Number(timestamp);
  if (!Number.isInteger(ts) || Math.abs(nowSeconds - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(signatureOf(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
