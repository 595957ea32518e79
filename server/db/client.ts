// Prisma client for the configured database. Both generated clients come from the same
// logical model (prisma/schema.prisma); the PostgreSQL client's API is the SQLite one plus
// PostgreSQL-only options (mode: "insensitive", skipDuplicates, more isolation levels), so
// typing it as the SQLite client keeps callers to what both databases accept.
// test/integration/db-clients.test.ts checks that superset relation on the generated code.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { IsolationLevel, SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";
import { PrismaClient as PgPrismaClient } from "../../generated/prisma-pg/client";
import { PrismaClient } from "../../generated/prisma-sqlite/client";
import { configuredDatabase, ensureSqliteDir, parseDatabaseUrl, SQLITE_PRAGMAS, type DatabaseTarget } from "./config";

export type Db = PrismaClient;

/** A FIFO lock: `acquire` resolves with the function that releases it (calling it twice is harmless). */
export class WriterLock {
  #tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const granted = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => held);
    return granted;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

/** The transaction, releasing `release` once it is committed or rolled back. */
function releasingOnEnd(tx: Transaction, release: () => void): Transaction {
  const end = (finish: () => Promise<void>) => async () => {
    try {
      await finish();
    } finally {
      release();
    }
  };
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (query) => tx.queryRaw(query),
    executeRaw: (query) => tx.executeRaw(query),
    commit: end(() => tx.commit()),
    rollback: end(() => tx.rollback()),
    createSavepoint: tx.createSavepoint && ((name) => tx.createSavepoint!(name)),
    rollbackToSavepoint: tx.rollbackToSavepoint && ((name) => tx.rollbackToSavepoint!(name)),
    releaseSavepoint: tx.releaseSavepoint && ((name) => tx.releaseSavepoint!(name)),
  };
}

/**
 * Two SQLite connections behind one Prisma adapter, and one lock for every write.
 *
 * Statements outside a transaction that only read go to a second connection. better-sqlite3 gives
 * Prisma one connection, so without it a read issued while another request's interactive
 * transaction is open would see that transaction's uncommitted rows (and keep them if it rolled
 * back). Under WAL the reader sees committed data only and never waits for the writer.
 *
 * Everything else shares the writer connection, so it takes the writer lock: a transaction holds it
 * from BEGIN to COMMIT/ROLLBACK, and a write outside a transaction (a better-auth session created or
 * deleted, a registry push recorded) waits for it. Without the lock such a write ran inside whatever
 * transaction was open and was undone by that transaction's rollback, after being acknowledged.
 */
class SqliteConnections implements SqlDriverAdapter {
  readonly provider = "sqlite";
  readonly adapterName: string;

  readonly #lock = new WriterLock();

  constructor(
    private readonly writer: SqlDriverAdapter,
    private readonly reader: SqlDriverAdapter,
  ) {
    this.adapterName = writer.adapterName;
  }

  queryRaw(query: SqlQuery) {
    if (/^\s*SELECT\b/i.test(query.sql)) return this.reader.queryRaw(query);
    return this.#lock.run(() => this.writer.queryRaw(query)); // INSERT … RETURNING, UPDATE … RETURNING
  }
  executeRaw(query: SqlQuery) {
    return this.#lock.run(() => this.writer.executeRaw(query));
  }
  executeScript(script: string) {
    return this.#lock.run(() => this.writer.executeScript(script));
  }
  async startTransaction(isolationLevel?: IsolationLevel) {
    const release = await this.#lock.acquire();
    try {
      return releasingOnEnd(await this.writer.startTransaction(isolationLevel), release);
    } catch (error) {
      release();
      throw error;
    }
  }
  getConnectionInfo() {
    return this.writer.getConnectionInfo?.() ?? { supportsRelationJoins: false };
  }
  async dispose() {
    await Promise.all([this.writer.dispose(), this.reader.dispose()]);
  }
}

/** Opens SQLite connections (a writer and a reader) with SQLITE_PRAGMAS applied before Prisma sees them. */
class SqliteWithPragmas implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "sqlite";
  readonly adapterName: string;
  readonly #inner: PrismaBetterSqlite3;

  constructor(file: string) {
    this.#inner = new PrismaBetterSqlite3({ url: `file:${file}` });
    this.adapterName = this.#inner.adapterName;
  }

  async #open(): Promise<SqlDriverAdapter> {
    const connection = await this.#inner.connect();
    for (const sql of SQLITE_PRAGMAS) await connection.queryRaw({ sql, args: [], argTypes: [] });
    return connection;
  }

  async connect(): Promise<SqlDriverAdapter> {
    const writer = await this.#open();
    return new SqliteConnections(writer, await this.#open());
  }

  connectToShadowDb(): Promise<SqlDriverAdapter> {
    return this.#inner.connectToShadowDb();
  }
}

function pgClient(url: string): Db {
  // tsc cannot relate the two generated declaration trees structurally, hence the cast.
  return new PgPrismaClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
}

function openDb(target: DatabaseTarget): Db {
  if (target.dialect === "postgres") return pgClient(target.url);
  ensureSqliteDir(target.file);
  return new PrismaClient({ adapter: new SqliteWithPragmas(target.file) });
}

/** A new client for `url` (postgres://… or file:PATH). The caller owns it: `$disconnect()` when done. */
export function createDb(url: string): Db {
  return openDb(parseDatabaseUrl(url));
}

// Cached on globalThis so Next dev-mode module reloads reuse one connection (pool).
const cache = globalThis as typeof globalThis & { __meshDb?: Db };

/** The process-wide client for the configured database (DATABASE_URL / MESH_DATA_DIR). */
export function getDb(): Db {
  cache.__meshDb ??= openDb(configuredDatabase());
  return cache.__meshDb;
}
