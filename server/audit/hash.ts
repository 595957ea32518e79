// The audit chain's hash: sha256(prevHash + canonical JSON of the event's fields).
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

export const GENESIS_HASH = "0".repeat(64);

/** Every stored column except the chain links themselves; `at` as an ISO string. */
export interface AuditFields {
  seq: number;
  at: string;
  actorId: string | null;
  actorEmail: string;
  action: string;
  entityType: string;
  entityId: string;
  beforeDigest: string | null;
  afterDigest: string | null;
  reason: string | null;
  data: string;
}

export function auditHash(prevHash: string, fields: AuditFields): string {
  return createHash("sha256").update(prevHash + canonicalize(fields)).digest("hex");
}
