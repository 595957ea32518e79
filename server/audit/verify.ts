// Walks the audit chain in seq order and recomputes every hash: an edited, inserted or
// deleted row breaks the link at (or right after) the row that was touched.
import type { Db } from "../services/db";
import { auditHash, GENESIS_HASH } from "./hash";

export type ChainCheck = { ok: true; events: number } | { ok: false; events: number; brokenSeq: number; problem: string };

const PAGE = 1000;

export async function verifyAuditChain(db: Db): Promise<ChainCheck> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let events = 0;
  for (;;) {
    const rows = await db.auditEvent.findMany({ where: { seq: { gte: expectedSeq } }, orderBy: { seq: "asc" }, take: PAGE });
    for (const row of rows) {
      const fail = (problem: string): ChainCheck => ({ ok: false, events, brokenSeq: row.seq, problem });
      if (row.seq !== expectedSeq) return { ok: false, events, brokenSeq: expectedSeq, problem: `event ${expectedSeq} is missing` };
      if (row.prevHash !== prevHash) return fail("prevHash does not match the previous event's hash");
      const { seq, actorId, actorEmail, action, entityType, entityId, beforeDigest, afterDigest, reason, data, hash } = row;
      const fields = { seq, at: row.at.toISOString(), actorId, actorEmail, action, entityType, entityId, beforeDigest, afterDigest, reason, data };
      if (auditHash(prevHash, fields) !== hash) return fail("hash does not match the event's content");
      prevHash = hash;
      expectedSeq++;
      events++;
    }
    if (rows.length < PAGE) return { ok: true, events };
  }
}
