// Crash safety of the embedded default at the service layer: SIGKILL a worker process in the
// middle of a stream of publishes and approvals, reopen the database, and find every acknowledged
// write, no partial version, and an intact audit chain. Always SQLite (its own file), whatever
// MESH_TEST_DB says. Fast and independent of a build; crash-server.test.ts kills the real server.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { createDb } from "../../server/db/client";
import { parseDatabaseUrl } from "../../server/db/config";
import { migrate } from "../../server/db/migrate";
import { seedOrganisation } from "../../server/seed/seed-org";
import { seedUsers } from "../../server/seed/seed-users";
import { expectAcknowledgedAndWhole } from "./crash-checks";

const ACKS_BEFORE_KILL = 12;

/** Runs the worker until it has acknowledged `count` writes, then SIGKILLs it a random moment later. */
function runAndKill(url: string, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    // One process: the tsx CLI runs the script in a child of its own, which a SIGKILL of the CLI would leave writing.
    const child = spawn(process.execPath, ["--import", "tsx", "test/integration/crash-worker.ts", url], { stdio: ["ignore", "pipe", "pipe"] });
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
      await expectAcknowledgedAndWhole(db, acks);
    } finally {
      await db.$disconnect();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
