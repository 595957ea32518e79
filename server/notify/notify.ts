// Writes notifications inside the caller's transaction: inbox rows for the recipients, and outbox
// rows (email, webhooks) that the outbox worker sends after commit. Nothing here talks to the
// network, so a slow mail server or webhook never holds, or fails, the change that caused it.
import type { Tx } from "../services/db";
import type { NotificationKind } from "../../lib/notify/kinds";
import { readSmtpSettings } from "./config";

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

/** One message per recipient. */
export interface PersonalMessage {
  userId: string;
  title: string;
  body: string;
  link: string | null;
}

/** Writes personal messages of one kind in a fixed number of queries, however many recipients. */
export async function notifyEach(tx: Tx, kind: NotificationKind, messages: PersonalMessage[]): Promise<void> {
  const byUser = new Map<string, PersonalMessage>();
  for (const m of messages) if (!byUser.has(m.userId) && byUser.size < MAX_RECIPIENTS) byUser.set(m.userId, { ...m, title: m.title.slice(0, 300), body: m.body.slice(0, 2000) });
  if (byUser.size === 0) return;
  const userIds = [...byUser.keys()];
  const [prefs, users] = await Promise.all([
    tx.notificationPreference.findMany({ where: { userId: { in: userIds }, kind } }),
    tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }),
  ]);
  const pref = new Map(prefs.map((p) => [p.userId, p]));
  const inbox = users.filter((u) => pref.get(u.id)?.inApp !== false);
  if (inbox.length) await tx.notification.createMany({ data: inbox.map((u) => ({ userId: u.id, kind, ...pick(byUser.get(u.id)!) })) });
  if (!readSmtpSettings()) return;
  const mail = users.filter((u) => pref.get(u.id)?.email !== false);
  if (mail.length) await tx.notificationOutbox.createMany({ data: mail.map((u) => ({ channel: "email", target: u.email, payload: JSON.stringify({ kind, ...pick(byUser.get(u.id)!) }) })) });
}

const pick = (m: PersonalMessage) => ({ title: m.title, body: m.body, link: m.link });

/** The same message to several users, and (unless `webhook: false`) to the organisation's webhooks. */
export async function notify(tx: Tx, e: NotifyEvent): Promise<void> {
  const message = { title: e.title.slice(0, 300), body: e.body.slice(0, 2000), link: e.link ?? null };
  await notifyEach(tx, e.kind, e.userIds.map((userId) => ({ userId, ...message })));
  if (e.webhook === false) return;
  const endpoints = await tx.webhookEndpoint.findMany({ where: { orgId: e.orgId, enabled: true }, select: { id: true } });
  if (endpoints.length) await tx.notificationOutbox.createMany({ data: endpoints.map((w) => ({ channel: "webhook", target: w.id, payload: JSON.stringify({ kind: e.kind, ...message }) })) });
}
