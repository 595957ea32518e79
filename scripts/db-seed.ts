// npm run db:seed — migrates the configured database (DATABASE_URL, else SQLite in
// ${MESH_DATA_DIR:-./data}). With MESH_DEMO=1 (what `npm start` sets on the embedded default) it
// also seeds the demo organisation and users; otherwise it seeds nothing: a real deployment gets
// its first platform admin from `mesh admin bootstrap` or its IdP. Safe to re-run.
import { readAuthSettings } from "../server/auth/env";
import { createDb } from "../server/db/client";
import { configuredDatabase } from "../server/db/config";
import { migrate } from "../server/db/migrate";
import { seedDemo } from "../server/seed";

const target = configuredDatabase();
const where = target.dialect === "sqlite" ? target.file : "PostgreSQL";
await migrate(target);
const db = createDb(target.dialect === "sqlite" ? `file:${target.file}` : target.url);
try {
  if (readAuthSettings().demo) {
    await seedDemo(db);
    console.log(`seeded demo data into ${where}`);
  } else {
    console.log(`migrated ${where}; no demo data (MESH_DEMO is not 1)`);
    if ((await db.roleMembership.count({ where: { role: "platform_admin" } })) === 0) {
      console.log("no platform admin yet: create the first with `npx mesh admin bootstrap --email YOU@EXAMPLE` (or sign in through SSO with the mesh:platform-admin group)");
    }
  }
} finally {
  await db.$disconnect();
}
