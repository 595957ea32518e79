// npm run audit:verify — checks the audit hash chain of the configured database
// (DATABASE_URL / MESH_DATA_DIR). Exit 1 names the first broken event.
import { getDb } from "../server/db/client";
import { verifyAuditChain } from "../server/audit/verify";

const db = getDb();
try {
  const result = await verifyAuditChain(db);
  if (result.ok) console.log(`audit chain intact: ${result.events} events`);
  else {
    console.error(`audit chain broken at seq ${result.brokenSeq}: ${result.problem} (${result.events} events verified before it)`);
    process.exitCode = 1;
  }
} finally {
  await db.$disconnect();
}
