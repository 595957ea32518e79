// Applies the committed SQL migrations (prisma/migrations/<dialect>/NNNN_name.sql) in order.
// Each migration runs in its own transaction together with its row in _mesh_migrations, so a
// failure leaves no half-applied migration. An applied file whose checksum changed is refused:
// history is fixed once deployed; write a new migration instead.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";
import { ensureSqliteDir, SQLITE_PRAGMAS, type DatabaseTarget } from "./config";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));
const TRACKING_TABLE = "_mesh_migrations";
const CREATE_TRACKING_TABLE = `CREATE TABLE IF NOT EXISTS "${TRACKING_TABLE}" (
  "name" TEXT NOT NULL PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TEXT NOT NULL)`;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function loadMigrations(dialect: DatabaseTarget["dialect"], dir = MIGRATIONS_DIR): Migration[] {
  const dialectDir = join(dir, dialect);
  return readdirSync(dialectDir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const sql = readFileSync(join(dialectDir, file), "utf8");
      return { name: file.slice(0, -4), sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/**
 * The few statements the runner needs, per dialect; `inTransaction` holds the migration lock.
 * `run` takes `?` placeholders (translated to $n for PostgreSQL); without params it runs a script.
 */
interface MigrationConnection {
  applied(): Promise<Map<string, string>>;
  inTransaction(work: (run: (sql: string, params?: unknown[]) => Promise<unknown[]>) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

function sqliteConnection(file: string): MigrationConnection {
  ensureSqliteDir(file);
  const db = new Database(file);
  for (const pragma of SQLITE_PRAGMAS) db.exec(pragma);
  db.exec(CREATE_TRACKING_TABLE);
  const run = async (sql: string, params: unknown[] = []) => {
    if (params.length === 0) return void db.exec(sql), [];
    const statement = db.prepare(sql);
    return statement.reader ? statement.all(...params) : (statement.run(...params), []);
  };
  return {
    async applied() {
      const rows = db.prepare(`SELECT "name", "checksum" FROM "${TRACKING_TABLE}"`).all() as { name: string; checksum: string }[];
      return new Map(rows.map((r) => [r.name, r.checksum]));
    },
    async inTransaction(work) {
      db.exec("BEGIN IMMEDIATE"); // takes the write lock now: concurrent migrators serialise
      try {
        await work(run);
        db.exec("COMMIT");
      } catch (error) {
        db.exec("ROLLBACK");
        throw error;
      }
    },
    async close() {
      db.close();
    },
  };
}

async function postgresConnection(url: string): Promise<MigrationConnection> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(CREATE_TRACKING_TABLE);
  const run = async (sql: string, params: unknown[] = []) => {
    if (params.length === 0) return void (await client.query(sql)), [];
    let n = 0;
    return (await client.query(sql.replace(/\?/g, () => `$${++n}`), params)).rows;
  };
  return {
    async applied() {
      const { rows } = await client.query<{ name: string; checksum: string }>(`SELECT "name", "checksum" FROM "${TRACKING_TABLE}"`);
      return new Map(rows.map((r) => [r.name, r.checksum]));
    },
    async inTransaction(work) {
      await client.query("BEGIN");
      try {
        await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [TRACKING_TABLE]); // concurrent migrators serialise
        await work(run);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    },
    async close() {
      await client.end();
    },
  };
}

export class MigrationChecksumError extends Error {}

function refuseChangedMigrations(migrations: Migration[], applied: Map<string, string>): void {
  for (const m of migrations) {
    const recorded = applied.get(m.name);
    if (recorded !== undefined && recorded !== m.checksum) {
      throw new MigrationChecksumError(`migration ${m.name} was changed after it was applied (checksum ${recorded} → ${m.checksum})`);
    }
  }
}

/** Applies pending migrations; returns the names applied by this call. */
export async function migrate(target: DatabaseTarget, dir = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = loadMigrations(target.dialect, dir);
  const connection = target.dialect === "sqlite" ? sqliteConnection(target.file) : await postgresConnection(target.url);
  const appliedNow: string[] = [];
  try {
    refuseChangedMigrations(migrations, await connection.applied());
    for (const migration of migrations) {
      await connection.inTransaction(async (run) => {
        // Re-read under the lock: another process may have applied it meanwhile.
        const rows = await run(`SELECT "checksum" FROM "${TRACKING_TABLE}" WHERE "name" = ?`, [migration.name]);
        if (rows.length > 0) return refuseChangedMigrations([migration], new Map([[migration.name, (rows[0] as { checksum: string }).checksum]]));
        await run(migration.sql);
        await run(
          `INSERT INTO "${TRACKING_TABLE}" ("name", "checksum", "appliedAt") VALUES (?, ?, ?)`,
          [migration.name, migration.checksum, new Date().toISOString()],
        );
        appliedNow.push(migration.name);
      });
    }
  } finally {
    await connection.close();
  }
  return appliedNow;
}
