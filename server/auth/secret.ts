// The key that signs session cookies. Explicit BETTER_AUTH_SECRET wins. The demo on the embedded
// default (MESH_DEMO=1, one process, SQLite in a data directory) generates one on first start and
// keeps it beside the database, so a fresh clone works without configuration and no secret is
// shared between installs. Everything else must set it: there is no built-in fallback.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { configuredDatabase, ensureSqliteDir } from "../db/config";
import { ConfigurationError } from "./env";

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

export function resolveSecret(explicit: string | undefined, demo: boolean): string {
  if (explicit) return explicit;
  const database = configuredDatabase();
  if (demo && database.dialect === "sqlite") return embeddedSecret(database.file);
  throw new ConfigurationError(
    demo
      ? "BETTER_AUTH_SECRET must be set (at least 32 random characters, e.g. `openssl rand -base64 32`): a demo on PostgreSQL may run several instances, which must share it"
      : "BETTER_AUTH_SECRET must be set (at least 32 random characters, e.g. `openssl rand -base64 32`): it signs the session cookies of this deployment",
  );
}
