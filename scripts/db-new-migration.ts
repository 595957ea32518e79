// Writes the next SQL migration for both dialects, offline, with Prisma's schema engine (wasm)
// diffing the schema as of the previous migration (prisma/migrations/schema/NNNN_name.prisma)
// against prisma/schema.prisma. Usage: npm run db:new-migration -- <name>
// Re-running with the latest migration's name regenerates it; anything below HAND_WRITTEN in
// an existing file is kept (triggers, expression indexes).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { DiffTarget } from "@prisma/schema-engine-wasm";
import { postgresSchemaFrom, syncPostgresSchema } from "./prisma-schemas.mjs";

const MIGRATIONS = "prisma/migrations";
const SNAPSHOTS = `${MIGRATIONS}/schema`; // the schema each migration leads to
export const HAND_WRITTEN = "-- Hand-written below this line (kept when the file is regenerated).";

async function loadEngineWasm(): Promise<void> {
  // The package is a wasm-bindgen "bundler" build: Node has to instantiate the module itself.
  const require = createRequire(import.meta.url);
  const wasmPath = require.resolve("@prisma/schema-engine-wasm").replace(/schema_engine\.js$/, "schema_engine_bg.wasm");
  const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), { "./schema_engine_bg.js": bg as never });
  (bg as unknown as { __wbg_set_wasm(e: unknown): void }).__wbg_set_wasm(instance.exports);
  (instance.exports as unknown as { __wbindgen_start(): void }).__wbindgen_start();
}

// Diffing two datamodels changes no database, but the PostgreSQL engine insists on connecting:
// it gets the throwaway server (its own database) unless MESH_PG_URL names one.
const pgUrl = () =>
  process.env.MESH_PG_URL ?? execFileSync("scripts/pg-test-server.sh", ["start", "mesh_migration_diff"], { encoding: "utf8" }).trim();

const dialects = [
  { dir: "sqlite", adapter: () => new PrismaBetterSqlite3({ url: ":memory:" }), schemaOf: (s: string) => s },
  { dir: "postgres", adapter: () => new PrismaPg({ connectionString: pgUrl() }), schemaOf: postgresSchemaFrom },
] as const;

async function diffSql(fromSchema: string | null, toSchema: string, dialect: (typeof dialects)[number]): Promise<string> {
  const files = (text: string) => [{ path: "schema.prisma", content: dialect.schemaOf(text) }];
  const target = (text: string | null): DiffTarget => (text === null ? { tag: "empty" } : { tag: "schemaDatamodel", files: files(text) });
  const engine = await bg.SchemaEngine.new(
    { datamodels: files(toSchema).map((f) => [f.path, f.content]) } as never,
    () => {},
    bindMigrationAwareSqlAdapterFactory(dialect.adapter() as never),
  );
  const result = await engine.diff({
    from: target(fromSchema), to: target(toSchema), script: true, exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  return result.stdout ?? "";
}

/** Base name (NNNN_name) of the migration to write and of the one before it, if any. */
function migrationNames(name: string): { base: string; previous: string | undefined } {
  const existing = existsSync(SNAPSHOTS) ? readdirSync(SNAPSHOTS).map((f) => f.replace(/\.prisma$/, "")).sort() : [];
  const latest = existing.at(-1);
  if (latest?.slice(5) === name) return { base: latest, previous: existing.at(-2) };
  const next = latest ? Number(latest.slice(0, 4)) + 1 : 1;
  return { base: `${String(next).padStart(4, "0")}_${name}`, previous: latest };
}

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("usage: db-new-migration <snake_case_name>");
  const { sqlite: schema } = syncPostgresSchema();
  const { base, previous } = migrationNames(name);
  const from = previous ? readFileSync(`${SNAPSHOTS}/${previous}.prisma`, "utf8") : null;
  await loadEngineWasm();
  for (const dialect of dialects) {
    const dir = `${MIGRATIONS}/${dialect.dir}`;
    mkdirSync(dir, { recursive: true });
    const file = `${dir}/${base}.sql`;
    const kept = existsSync(file) ? readFileSync(file, "utf8").split(HAND_WRITTEN)[1] ?? "\n" : "\n";
    writeFileSync(file, `${(await diffSql(from, schema, dialect)).trimEnd()}\n\n${HAND_WRITTEN}${kept}`);
    console.log(`wrote ${file}`);
  }
  mkdirSync(SNAPSHOTS, { recursive: true });
  writeFileSync(`${SNAPSHOTS}/${base}.prisma`, schema);
}

await main();
