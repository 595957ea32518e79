// The key that signs session cookies. Explicit BETTER_AUTH_SECRET wins. The embedded default
// (one process, SQLite in a data directory) generates one on first start and keeps it beside the
// database, so a fresh clone works without configuration and no secret is shared between installs.
// PostgreSQL deployments (possibly several instances) must set it; development falls back to a
// constant so `next dev` needs nothing.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { configuredDatabase, ensureSqliteDir } from "../db/config";

const DEV_SECRET = "mesh-console-development-secret-not-for-production";

function embeddedSecret(databaseFile: string): string {
  const file = join(dirname(databaseFile), "auth-secret");
  if (!existsSync(file)) {
    ensureSqliteDir(databaseFile);
    // "wx": if another process created it meanwhile, keep theirs.
    try {
      writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return readFileSync(file, "utf8").trim();
}

export function resolveSecret(explicit: string | undefined, production: boolean): string {
  if (explicit) return explicit;
  const database = configuredDatabase();
  if (database.dialect === "sqlite") return embeddedSecret(database.file);
  if (!production) return DEV_SECRET;
  throw new Error("BETTER_AUTH_SECRET must be set (at least 32 characters) when the console runs on PostgreSQL in production");
}
