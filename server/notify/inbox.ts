// The signed-in user's inbox, preferences, and (platform admins) the organisation's webhooks with
// their delivery log. Exceptions about to expire are derived when read, not stored: they depend
// on the day, not on a write.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { assertCan, type Actor } from "../../lib/auth/permissions";
import { NOTIFICATION_KIND_NAMES as KIND_NAMES, NOTIFICATION_KINDS } from "../../lib/notify/kinds";
import { appendAudit } from "../audit/append";
import { auditActor } from "../services/commit-version";
import type { Db } from "../services/db";
import { NotFoundError } from "../services/errors";
import { EXPIRING_DAYS, stateOf } from "../services/exceptions";
import { serverToday } from "../services/org-evaluation";

export const MarkReadInput = z.strictObject({ ids: z.array(z.uuid()).max(500).optional(), all: z.literal(true).optional() });
export const PreferencesInput = z.strictObject({
  preferences: z.array(z.strictObject({ kind: z.enum(KIND_NAMES), inApp: z.boolean(), email: z.boolean() })).max(KIND_NAMES.length),
});
/** http(s) only: the console posts JSON there, nothing else. */
export const WebhookInput = z.strictObject({
  url: z
    .url({ protocol: /^https?$/, error: "an http:// or https:// URL" })
    .max(2000)
    .refine((u) => !new URL(u).username && !new URL(u).password, "no credentials in the URL: the payload is signed instead"),
});

/** Exceptions that concern the user (requested them, or own the domain) and expire within EXPIRING_DAYS. */
async function expiringFor(db: Db, actor: Actor, today: string) {
  const owned = actor.memberships.filter((m) => m.role === "domain_owner" && m.domainId).map((m) => m.domainId!);
  const domains = owned.length ? (await db.manifest.findMany({ where: { id: { in: owned } }, select: { name: true } })).map((d) => d.name) : [];
  const rows = await db.policyException.findMany({ where: { status: "granted", OR: [{ requestedById: actor.userId }, { domain: { in: domains } }] }, take: 200 });
  return rows
    .filter((r) => stateOf(r, today) === "expiring")
    .map((r) => ({ id: r.id, domain: r.domain, policyType: r.policyType, expires: r.expires, title: `Exception ${r.policyType} for ${r.domain} expires on ${r.expires}`, link: "/exceptions" }));
}

export async function inbox(db: Db, actor: Actor | null) {
  assertCan(actor, "read");
  const today = serverToday();
  const [items, unread, expiring] = await Promise.all([
    db.notification.findMany({ where: { userId: actor.userId }, orderBy: { createdAt: "desc" }, take: 100 }),
    db.notification.count({ where: { userId: actor.userId, readAt: null } }),
    expiringFor(db, actor, today),
  ]);
  return {
    unread,
    expiring,
    /** The badge: unread notifications plus exceptions about to expire. */
    badge: unread + expiring.length,
    expiringWithinDays: EXPIRING_DAYS,
    items: items.map((n) => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, createdAt: n.createdAt.toISOString(), read: n.readAt !== null })),
  };
}

export async function markRead(db: Db, actor: Actor | null, input: z.infer<typeof MarkReadInput>) {
  assertCan(actor, "read");
  const where = input.all ? { userId: actor.userId, readAt: null } : { userId: actor.userId, readAt: null, id: { in: input.ids ?? [] } };
  const { count } = await db.notification.updateMany({ where, data: { readAt: new Date() } });
  return { marked: count };
}

export async function preferences(db: Db, actor: Actor | null) {
  assertCan(actor, "read");
  const rows = await db.notificationPreference.findMany({ where: { userId: actor.userId } });
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  return {
    preferences: KIND_NAMES.map((kind) => ({ kind, label: NOTIFICATION_KINDS[kind], inApp: byKind.get(kind)?.inApp ?? true, email: byKind.get(kind)?.email ?? true })),
  };
}

export async function savePreferences(db: Db, actor: Actor | null, input: z.infer<typeof PreferencesInput>) {
  assertCan(actor, "read");
  await db.$transaction(
    input.preferences.map((p) =>
      db.notificationPreference.upsert({ where: { userId_kind: { userId: actor.userId, kind: p.kind } }, create: { userId: actor.userId, ...p }, update: { inApp: p.inApp, email: p.email } }),
    ),
  );
  return preferences(db, actor);
}

/** Webhooks belong to the organisation: platform admins manage them. */
function assertAdmin(actor: Actor | null): asserts actor is Actor {
  assertCan(actor, "manifest.publish", { tier: "enterprise" });
}

/** The signing secret is not listed (not even read): the answer that added the endpoint carried it, once. */
export async function listWebhooks(db: Db, actor: Actor | null) {
  assertAdmin(actor);
  const endpoints = await db.webhookEndpoint.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, url: true, enabled: true, createdAt: true } });
  const deliveries = await db.webhookDelivery.findMany({ orderBy: { at: "desc" }, take: 100 });
  const outbox = await db.notificationOutbox.findMany({ where: { id: { in: [...new Set(deliveries.map((d) => d.outboxId))] } }, select: { id: true, payload: true, status: true, attempts: true, nextAttemptAt: true } });
  const byId = new Map(outbox.map((o) => [o.id, o]));
  return {
    endpoints: endpoints.map((e) => ({ id: e.id, url: e.url, enabled: e.enabled, createdAt: e.createdAt.toISOString() })),
    deliveries: deliveries.map((d) => {
      const o = byId.get(d.outboxId);
      const title = o ? ((JSON.parse(o.payload) as { title?: string }).title ?? "") : "";
      return { id: d.id, endpointId: d.endpointId, attempt: d.attempt, status: d.status, error: d.error, at: d.at.toISOString(), title, outcome: o?.status ?? "pending", nextAttemptAt: o?.status === "pending" ? o.nextAttemptAt.toISOString() : null };
    }),
  };
}

export async function addWebhook(db: Db, actor: Actor | null, input: z.infer<typeof WebhookInput>) {
  assertAdmin(actor);
  const org = await db.organisation.findFirst({ orderBy: { slug: "asc" }, select: { id: true } });
  if (!org) throw new NotFoundError("organisation");
  const secret = randomBytes(32).toString("hex");
  return db.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.create({ data: { orgId: org.id, url: input.url, secret } });
    await appendAudit(tx, { actor: auditActor(actor), action: "webhook.add", entityType: "WebhookEndpoint", entityId: endpoint.id, data: { url: input.url } });
    return { id: endpoint.id, url: endpoint.url, secret };
  });
}

export async function removeWebhook(db: Db, actor: Actor | null, id: string) {
  assertAdmin(actor);
  await db.$transaction(async (tx) => {
    const { count } = await tx.webhookEndpoint.updateMany({ where: { id, enabled: true }, data: { enabled: false } });
    if (count === 0) throw new NotFoundError(`webhook ${id}`);
    await appendAudit(tx, { actor: auditActor(actor), action: "webhook.remove", entityType: "WebhookEndpoint", entityId: id });
  });
  return { removed: id };
}
