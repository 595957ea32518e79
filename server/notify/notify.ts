// Writes notifications inside the caller's transaction: inbox rows for the recipients, and outbox
// rows (email, webhooks) that the outbox worker sends after commit. Nothing here talks to the
// network, so a slow mail server or webhook never holds, or fails, the change that caused it.
import type { Tx } from "../services/db";
import { readSmtpSettings } from "./config";

/** What a user can switch on or off, per channel (Notification.kind and NotificationPreference.kind). */
export const NOTIFICATION_KINDS = {
  requests: "Requests and reviews waiting for me",
  decisions: "Decisions on my requests",
  breakage: "My domain or products broken by someone else's publish",
  expiring: "Exceptions about to expire",
} as const;
export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

export interface NotifyEvent {
  kind: NotificationKind;
  orgId: string;
  /** Recipients (User ids); duplicates and unknown ids are ignored. */
  userIds: string[];
  title: string;
  body: string;
  link?: string;
  /** Also post to the organisation's webhooks (default true). */
  webhook?: boolean;
}

const MAX_RECIPIENTS = 500;

export async function notify(tx: Tx, e: NotifyEvent): Promise<void> {
  const userIds = [...new Set(e.userIds)].slice(0, MAX_RECIPIENTS);
  const title = e.title.slice(0, 300);
  const body = e.body.slice(0, 2000);
  const link = e.link ?? null;
  if (userIds.length) {
    const [prefs, users] = await Promise.all([
      tx.notificationPreference.findMany({ where: { userId: { in: userIds }, kind: e.kind } }),
      tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }),
    ]);
    const pref = new Map(prefs.map((p) => [p.userId, p]));
    const inbox = users.filter((u) => pref.get(u.id)?.inApp !== false);
    if (inbox.length) await tx.notification.createMany({ data: inbox.map((u) => ({ userId: u.id, kind: e.kind, title, body, link })) });
    if (readSmtpSettings()) {
      const mail = users.filter((u) => pref.get(u.id)?.email !== false);
      if (mail.length) await tx.notificationOutbox.createMany({ data: mail.map((u) => ({ channel: "email", target: u.email, payload: JSON.stringify({ kind: e.kind, title, body, link }) })) });
    }
  }
  if (e.webhook === false) return;
  const endpoints = await tx.webhookEndpoint.findMany({ where: { orgId: e.orgId, enabled: true }, select: { id: true } });
  if (endpoints.length) await tx.notificationOutbox.createMany({ data: endpoints.map((w) => ({ channel: "webhook", target: w.id, payload: JSON.stringify({ kind: e.kind, title, body, link }) })) });
}
