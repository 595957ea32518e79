// What "crash-safe" means after a SIGKILL, checked on the reopened database (crash.test.ts and
// crash-server.test.ts): every acknowledged write is there, nothing is half-written, and the
// audit chain is intact.
import { expect } from "vitest";
import { verifyAuditChain } from "../../server/audit/verify";
import type { Db } from "../../server/db/client";

/**
 * Acknowledgements, one per committed write: `version <ref>`, `request <id>`,
 * `approved <product> <domain version ref>`, `draft <manifest> <revision>`.
 */
export async function expectAcknowledgedAndWhole(db: Db, acks: string[]): Promise<void> {
  const [integrity] = await db.$queryRawUnsafe<{ integrity_check: string }[]>("PRAGMA integrity_check");
  expect(integrity.integrity_check).toBe("ok");
  for (const ack of acks) {
    const [kind, key, value] = ack.split(" ");
    if (kind === "version") expect(await db.manifestVersion.count({ where: { ref: key } }), ack).toBe(1);
    if (kind === "request") expect(await db.registrationRequest.count({ where: { id: key } }), ack).toBe(1);
    if (kind === "approved") {
      const product = await db.product.findFirstOrThrow({ where: { name: key }, include: { domainVersion: true } });
      expect([product.status, product.domainVersion?.ref], ack).toEqual(["approved", value]);
    }
    if (kind === "draft") {
      // Later saves may have moved the draft on; the acknowledged one was written and audited.
      const manifest = await db.manifest.findFirstOrThrow({ where: { name: key } });
      expect(manifest.draftRevision, ack).toBeGreaterThanOrEqual(Number(value));
      const saves = await db.auditEvent.findMany({ where: { action: "manifest.draft.save", entityId: manifest.id } });
      expect(saves.some((e) => (JSON.parse(e.data) as { revision?: number }).revision === Number(value)), ack).toBe(true);
    }
  }
  // No partial state: every version has its audit event, every approved product its domain version.
  const versions = await db.manifestVersion.findMany();
  const published = await db.auditEvent.findMany({ where: { action: { in: ["manifest.publish", "seed.manifest"] } } });
  expect(new Set(published.map((e) => e.afterDigest))).toEqual(new Set(versions.map((v) => v.digest)));
  expect(published).toHaveLength(versions.length);
  expect(await db.product.count({ where: { status: "approved", domainVersionId: null } })).toBe(0);
  const approvedRequests = await db.registrationRequest.count({ where: { status: "approved" } });
  expect(await db.auditEvent.count({ where: { action: "request.approve" } })).toBe(approvedRequests);
  expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
}
