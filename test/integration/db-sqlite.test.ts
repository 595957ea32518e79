// SQLite-specific guarantees of the embedded default. Runs in both suite modes: it makes its
// own SQLite file, whatever MESH_TEST_DB says.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { createDb } from "../../server/db/client";

const dir = mkdtempSync(join(tmpdir(), "mesh-sqlite-"));
const db = createDb(`file:${join(dir, "nested", "mesh.db")}`);
afterAll(async () => {
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

it("opens the database file in WAL mode with synchronous=FULL, creating its directory", async () => {
  const [journal] = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
  const [sync] = await db.$queryRawUnsafe<{ synchronous: bigint }[]>("PRAGMA synchronous");
  expect(journal.journal_mode).toBe("wal");
  expect(Number(sync.synchronous)).toBe(2); // FULL
});
