// The SQLite schema is the single source; the PostgreSQL variant is derived from it so the
// two can never drift. Only the datasource provider and the client output directory differ.
import { readFileSync, writeFileSync, existsSync } from "node:fs";

export const SQLITE_SCHEMA = "prisma/schema.prisma";
export const POSTGRES_SCHEMA = "prisma/schema.postgres.prisma";

const HEADER = `// GENERATED from ${SQLITE_SCHEMA} by scripts/prisma-generate.mjs. Do not edit.\n`;

export function postgresSchemaFrom(sqliteText) {
  const replace = (text, pattern, replacement) => {
    if (!pattern.test(text)) throw new Error(`${SQLITE_SCHEMA}: expected to match ${pattern}`);
    return text.replace(pattern, replacement);
  };
  let text = replace(sqliteText, /provider = "sqlite"/, 'provider = "postgresql"');
  text = replace(text, /output\s*=\s*"\.\.\/generated\/prisma-sqlite"/, 'output   = "../generated/prisma-pg"');
  return HEADER + text;
}

/** Rewrites prisma/schema.postgres.prisma if it is stale; returns both schema texts. */
export function syncPostgresSchema() {
  const sqlite = readFileSync(SQLITE_SCHEMA, "utf8");
  const postgres = postgresSchemaFrom(sqlite);
  if (!existsSync(POSTGRES_SCHEMA) || readFileSync(POSTGRES_SCHEMA, "utf8") !== postgres) {
    writeFileSync(POSTGRES_SCHEMA, postgres);
  }
  return { sqlite, postgres };
}
