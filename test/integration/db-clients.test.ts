// server/db/client.ts types the PostgreSQL client as the SQLite one. That is sound only while
// the PostgreSQL client accepts everything the SQLite client does: check the generated code.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";

const SQLITE = "generated/prisma-sqlite";
const PG = "generated/prisma-pg";
// Lines that legitimately differ: the runtime's provider wiring and list filters, which the
// PostgreSQL client widens (`in?: string[]` → `in?: string[] | ListStringFieldRefInput`).
const EXPECTED_SQLITE_ONLY = [/^\s*(in|notIn)\?: /, /^\s*"activeProvider": "sqlite"/, /^\s*"inlineSchema": /, /query_compiler_fast_bg\.sqlite/];

function sourceFiles(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(dir, join(prefix, entry.name)) : [join(prefix, entry.name)],
  );
}

it("the PostgreSQL client's generated API is a superset of the SQLite client's", () => {
  const files = sourceFiles(SQLITE);
  expect(sourceFiles(PG).sort()).toEqual(files.sort());
  const sqliteOnly = files.flatMap((file) => {
    const pgLines = new Set(readFileSync(join(PG, file), "utf8").split("\n"));
    return readFileSync(join(SQLITE, file), "utf8")
      .split("\n")
      .filter((line) => !pgLines.has(line) && !EXPECTED_SQLITE_ONLY.some((pattern) => pattern.test(line)))
      .map((line) => `${file}: ${line.trim()}`);
  });
  expect(sqliteOnly).toEqual([]);
});
