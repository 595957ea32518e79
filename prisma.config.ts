// Prisma CLI config: only `prisma generate` is used (see scripts/prisma-generate.mjs).
// Migrations are plain SQL under prisma/migrations, applied by server/db/migrate.ts.
import { defineConfig } from "prisma/config";

export default defineConfig({ schema: "prisma/schema.prisma" });
