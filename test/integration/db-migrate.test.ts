import { cpSync, mkdtempSync, appendFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../server/db/client";
import { parseDatabaseUrl } from "../../server/db/config";
import { migrate, MigrationChecksumError, MIGRATIONS_DIR } from "../../server/db/migrate";
import { freshDatabase, type FreshDatabase } from "./fresh-database";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function database(options?: { migrated: boolean }): Promise<FreshDatabase> {
  const db = await freshDatabase(options);
  cleanups.push(db.drop);
  return db;
}

function client(url: string): Db {
  const db = createDb(url);
  cleanups.push(() => db.$disconnect());
  return db;
}

/** Raw rows that chain like real ones (prevHash is unique), written without the audit service. */
async function auditEvent(db: Db, prevHash = "0") {
  return db.auditEvent.create({
    data: { actorEmail: "a@acme.example", action: "manifest.publish", entityType: "Manifest", entityId: "m1", data: "{}", prevHash, hash: `${prevHash}+1` },
  });
}

describe("SQL migrations", () => {
  it("apply to an empty database once, then are a no-op", async () => {
    const { url, dialect } = await database({ migrated: false });
    const committed = readdirSync(join(MIGRATIONS_DIR, dialect)).filter((f) => f.endsWith(".sql")).map((f) => f.replace(/\.sql$/, "")).sort();
    expect(committed[0]).toBe("0001_init");
    expect(await migrate(parseDatabaseUrl(url))).toEqual(committed);
    expect(await migrate(parseDatabaseUrl(url))).toEqual([]);
  });

  it("create a table for every model", async () => {
    const db = client((await database()).url);
    const counts = await Promise.all([
      db.organisation.count(), db.manifest.count(), db.manifestVersion.count(), db.product.count(),
      db.registrationRequest.count(), db.user.count(), db.session.count(), db.account.count(),
      db.verification.count(), db.roleMembership.count(), db.auditEvent.count(),
    ]);
    expect(counts).toEqual(new Array(11).fill(0));
  });

  it("make the audit log append-only", async () => {
    const db = client((await database()).url);
    const event = await auditEvent(db);
    await expect(db.auditEvent.update({ where: { seq: event.seq }, data: { reason: "tampered" } })).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
    expect(await db.auditEvent.findMany()).toEqual([event]);
    expect((await auditEvent(db, event.hash)).seq).toBeGreaterThan(event.seq);
  });

  it("enforce one role membership per scope, unscoped roles included", async () => {
    const db = client((await database()).url);
    const user = await db.user.create({ data: { email: "admin@acme.example", name: "Admin" } });
    await db.roleMembership.create({ data: { userId: user.id, role: "platform_admin" } });
    await expect(db.roleMembership.create({ data: { userId: user.id, role: "platform_admin" } })).rejects.toThrow();
    await db.roleMembership.create({ data: { userId: user.id, role: "product_team", team: "orders" } });
    await db.roleMembership.create({ data: { userId: user.id, role: "product_team", team: "billing" } });
    expect(await db.roleMembership.count()).toBe(3);
  });

  it("refuse to run when an applied migration was changed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mesh-migrations-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    const { url, dialect } = await database({ migrated: false });
    await migrate(parseDatabaseUrl(url), dir);
    appendFileSync(join(dir, dialect, "0001_init.sql"), "\n-- edited after deployment\n");
    await expect(migrate(parseDatabaseUrl(url), dir)).rejects.toThrow(MigrationChecksumError);
  });
});
