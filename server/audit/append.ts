// Appends one event to the audit hash chain, inside the caller's transaction: the event
// commits or rolls back with the change it describes.
import { dialectOf, type Tx } from "../services/db";
import { auditHash, GENESIS_HASH } from "./hash";

export interface AuditActor {
  userId: string | null;
  email: string;
}
export const SYSTEM_ACTOR: AuditActor = { userId: null, email: "system" };

export interface AuditEventInput {
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId: string;
  beforeDigest?: string | null;
  afterDigest?: string | null;
  reason?: string | null;
  data?: Record<string, unknown>;
}

// Any constant works; it only has to be the same for every appender.
const CHAIN_LOCK_KEY = 0x6d657368; // "mesh"

export async function appendAudit(tx: Tx, event: AuditEventInput): Promise<{ seq: number; hash: string }> {
  // PostgreSQL: two transactions reading the same chain head would fork it, so appenders queue
  // on an advisory lock held until commit. SQLite transactions already hold the single write lock.
  // Either way the unique index on prevHash (and the seq primary key) makes a fork impossible.
  if (dialectOf(tx) === "postgresql") await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`);
  const head = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const prevHash = head?.hash ?? GENESIS_HASH;
  const at = new Date();
  const fields = {
    seq: (head?.seq ?? 0) + 1,
    at: at.toISOString(),
    actorId: event.actor.userId,
    actorEmail: event.actor.email,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    beforeDigest: event.beforeDigest ?? null,
    afterDigest: event.afterDigest ?? null,
    reason: event.reason ?? null,
    data: JSON.stringify(event.data ?? {}),
  };
  const hash = auditHash(prevHash, fields);
  await tx.auditEvent.create({ data: { ...fields, at, prevHash, hash } });
  return { seq: fields.seq, hash };
}
