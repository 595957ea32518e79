// Which database the server talks to. Embedded SQLite by default; PostgreSQL in production.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { z } from "zod";

export type DatabaseTarget =
  | { dialect: "sqlite"; file: string }
  | { dialect: "postgres"; url: string };

const DatabaseEnv = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  MESH_DATA_DIR: z.string().min(1).optional(),
});

/** `postgres://…` / `postgresql://…` → PostgreSQL; `file:PATH` → SQLite at PATH. */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (/^postgres(ql)?:\/\//.test(url)) return { dialect: "postgres", url };
  if (url.startsWith("file:")) return { dialect: "sqlite", file: resolve(url.slice("file:".length)) };
  throw new Error(`DATABASE_URL must start with postgres:// , postgresql:// or file: (got ${url.split(":")[0]}:…)`);
}

/** DATABASE_URL if set, else SQLite at ${MESH_DATA_DIR:-./data}/mesh.db. */
export function configuredDatabase(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const { DATABASE_URL, MESH_DATA_DIR } = DatabaseEnv.parse(env);
  if (DATABASE_URL) return parseDatabaseUrl(DATABASE_URL);
  return { dialect: "sqlite", file: resolve(MESH_DATA_DIR ?? "./data", "mesh.db") };
}

/**
 * Per-connection SQLite settings. WAL lets readers run beside the writer; synchronous=FULL
 * fsyncs every commit so an acknowledged write survives SIGKILL and power loss.
 */
export const SQLITE_PRAGMAS = ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON"];

export function ensureSqliteDir(file: string): void {
  mkdirSync(dirname(file), { recursive: true });
}
