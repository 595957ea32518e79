// The audit log is a hash chain: verify accepts it whole and names the first tampered event.
import { expect, it } from "vitest";
import { appendAudit, SYSTEM_ACTOR } from "../../server/audit/append";
import { verifyAuditChain } from "../../server/audit/verify";
import type { Db } from "../../server/db/client";
import { dialectOf } from "../../server/services/db";
import { useFreshDb } from "./fresh-database";

let db: Db;
useFreshDb((client) => (db = client), { each: true });

const append = (entityId: string) =>
  db.$transaction((tx) => appendAudit(tx, { actor: SYSTEM_ACTOR, action: "test.event", entityType: "Test", entityId, data: { entityId } }));

/** Rewrites a stored event behind the append-only triggers' back, as an attacker with DB access could. */
async function tamper(seq: number, reason: string) {
  if (dialectOf(db) === "postgresql") {
    await db.$transaction([
      db.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_no_update_delete"`),
      db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "reason" = '${reason}' WHERE "seq" = ${seq}`),
      db.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_no_update_delete"`),
    ]);
  } else {
    await db.$executeRawUnsafe(`DROP TRIGGER "AuditEvent_no_update"`);
    await db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "reason" = '${reason}' WHERE "seq" = ${seq}`);
  }
}

it("verifies an intact chain and names the first tampered event", async () => {
  for (const id of ["a", "b", "c", "d"]) await append(id);
  expect(await verifyAuditChain(db)).toEqual({ ok: true, events: 4 });
  await tamper(2, "edited");
  expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenSeq: 2, events: 1 });
});

it("refuses updates and deletes through the triggers", async () => {
  await append("a");
  await expect(db.auditEvent.updateMany({ data: { reason: "x" } })).rejects.toThrow();
  await expect(db.auditEvent.deleteMany({})).rejects.toThrow();
  expect(await verifyAuditChain(db)).toEqual({ ok: true, events: 1 });
});

it("never forks under concurrent appends", async () => {
  // Appends serialise (SQLite's writer lock, PostgreSQL's advisory lock): every one commits, in one chain.
  const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => append(`e${i}`)));
  expect(results.map((r) => (r.status === "rejected" ? String(r.reason) : r.status))).toEqual(Array(20).fill("fulfilled"));
  expect(await verifyAuditChain(db)).toEqual({ ok: true, events: 20 });
});

it("has a database-enforced single successor per event", async () => {
  await append("a");
  const head = await db.auditEvent.findFirstOrThrow();
  await expect(
    db.auditEvent.create({ data: { seq: 99, actorEmail: "x", action: "fork", entityType: "T", entityId: "x", data: "{}", prevHash: head.prevHash, hash: "f".repeat(64) } }),
  ).rejects.toMatchObject({ code: "P2002" });
});
