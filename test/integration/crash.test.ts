// Crash safety of the embedded default: SIGKILL a process in the middle of a stream of publishes
// and approvals, reopen the database, and find every acknowledged write, no partial version, and
// an intact audit chain. Always SQLite (its own file), whatever MESH_TEST_DB says.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { verifyAuditChain } from "../../server/audit/verify";
import { createDb } from "../../server/db/client";
import { parseDatabaseUrl } from "../../server/db/config";
import { migrate } from "../../server/db/migrate";
import { seedOrganisation } from "../../server/seed/seed-org";
import { seedUsers } from "../../server/seed/seed-users";

const ACKS_BEFORE_KILL = 12;

/** Runs the worker until it has acknowledged `count` writes, then SIGKILLs it a random moment later. */
function runAndKill(url: string, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn("node_modules/.bin/tsx", ["test/integration/crash-worker.ts", url], { stdio: ["ignore", "pipe", "pipe"] });
    const acks: string[] = [];
    let buffered = "";
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.stdout.on("data", (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop()!;
      for (const line of lines) if (line.startsWith("ACK ")) acks.push(line.slice(4));
      if (acks.length >= count && !child.killed) setTimeout(() => child.kill("SIGKILL"), Math.random() * 40);
    });
    child.on("exit", (code, signal) => (signal === "SIGKILL" ? resolve(acks) : reject(new Error(`worker exited ${code}: ${stderr}`))));
  });
}

it("keeps every acknowledged write and no partial one after SIGKILL", { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "mesh-crash-"));
  const url = `file:${join(dir, "mesh.db")}`;
  try {
    await migrate(parseDatabaseUrl(url));
    const setup = createDb(url);
    await seedOrganisation(setup);
    await seedUsers(setup);
    await setup.$disconnect();

    const acks = await runAndKill(url, ACKS_BEFORE_KILL);
    expect(acks.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);

    const db = createDb(url);
    try {
      const [integrity] = await db.$queryRawUnsafe<{ integrity_check: string }[]>("PRAGMA integrity_check");
      expect(integrity.integrity_check).toBe("ok");
      for (const ack of acks) {
        const [kind, key, ref] = ack.split(" ");
        if (kind === "version") expect(await db.manifestVersion.count({ where: { ref: key } }), ack).toBe(1);
        if (kind === "request") expect(await db.registrationRequest.count({ where: { id: key } }), ack).toBe(1);
        if (kind === "approved") {
          const product = await db.product.findFirstOrThrow({ where: { name: key }, include: { domainVersion: true } });
          expect([product.status, product.domainVersion?.ref]).toEqual(["approved", ref]);
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
    } finally {
      await db.$disconnect();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
