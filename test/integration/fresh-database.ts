// Every integration test that touches the database gets its own, migrated, empty one:
// a new SQLite file, or a new database on the throwaway PostgreSQL server.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, inject } from "vitest";
import { createDb, type Db } from "../../server/db/client";
import { parseDatabaseUrl } from "../../server/db/config";
import { migrate } from "../../server/db/migrate";

import type { TestDialect } from "./global-setup";

export interface FreshDatabase {
  dialect: TestDialect;
  /** file:… or postgresql://… — pass to createDb(url) or parseDatabaseUrl(url). */
  url: string;
  /** Removes the file / drops the database. Disconnect clients first. */
  drop(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject("pgAdminUrl") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** An empty database of the suite's dialect (MESH_TEST_DB); migrated unless `migrated: false`. */
export async function freshDatabase({ migrated = true } = {}): Promise<FreshDatabase> {
  const dialect = inject("meshTestDb");
  let db: FreshDatabase;
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "mesh-test-db-"));
    db = { dialect, url: `file:${join(dir, "mesh.db")}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  } else {
    const name = `mesh_test_${randomUUID().replaceAll("-", "")}`;
    await adminQuery(`CREATE DATABASE "${name}"`);
    const url = new URL(inject("pgAdminUrl")!);
    url.pathname = `/${name}`;
    db = { dialect, url: url.href, drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
  }
  if (migrated) await migrate(parseDatabaseUrl(db.url));
  return db;
}

/**
 * Gives a test file a fresh database and a client on it, handed to `use` before its tests (or
 * before each test, with `each`), disconnected and dropped after.
 */
export function useFreshDb(use: (db: Db) => void, { each = false } = {}): void {
  let fresh: FreshDatabase | undefined;
  let db: Db | undefined;
  (each ? beforeEach : beforeAll)(async () => {
    fresh = await freshDatabase();
    db = createDb(fresh.url);
    use(db);
  });
  (each ? afterEach : afterAll)(async () => {
    await db?.$disconnect();
    await fresh?.drop();
  });
}
