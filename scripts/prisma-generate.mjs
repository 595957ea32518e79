// Generates both Prisma clients offline (postinstall). `prisma generate` insists on a schema
// engine binary it never runs; pointing it at a dummy avoids a download from binaries.prisma.sh.
import { execFileSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, syncPostgresSchema } from "./prisma-schemas.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
syncPostgresSchema();

const prismaCli = resolve(root, "node_modules/prisma/build/index.js");
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: resolve(root, "scripts/no-schema-engine"), PRISMA_HIDE_UPDATE_MESSAGE: "1" };
for (const schema of [SQLITE_SCHEMA, POSTGRES_SCHEMA]) {
  execFileSync(process.execPath, [prismaCli, "generate", "--schema", schema], { env, stdio: "inherit" });
}
