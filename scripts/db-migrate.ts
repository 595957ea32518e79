// npm run db:migrate — applies pending SQL migrations to the configured database
// (DATABASE_URL, else SQLite at ${MESH_DATA_DIR:-./data}/mesh.db).
import { configuredDatabase } from "../server/db/config";
import { migrate } from "../server/db/migrate";

const target = configuredDatabase();
const applied = await migrate(target);
const where = target.dialect === "sqlite" ? target.file : new URL(target.url).host + new URL(target.url).pathname;
console.log(applied.length ? `applied ${applied.join(", ")} to ${target.dialect} ${where}` : `${target.dialect} ${where} is up to date`);
