// npm run db:seed — migrates the configured database (DATABASE_URL, else SQLite in
// ${MESH_DATA_DIR:-./data}) and seeds the demo organisation and users. Safe to re-run.
import { createDb } from "../server/db/client";
import { configuredDatabase } from "../server/db/config";
import { migrate } from "../server/db/migrate";
import { seedDemo } from "../server/seed";

const target = configuredDatabase();
await migrate(target);
const db = createDb(target.dialect === "sqlite" ? `file:${target.file}` : target.url);
try {
  await seedDemo(db);
  console.log(`seeded demo data into ${target.dialect === "sqlite" ? target.file : "PostgreSQL"}`);
} finally {
  await db.$disconnect();
}
