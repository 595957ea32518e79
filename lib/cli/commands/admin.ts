// mesh admin …: one-time administration of a deployment's database (DATABASE_URL, else the
// embedded SQLite in ${MESH_DATA_DIR:-./data}). The server code is loaded only for these commands.
import { parse, UsageError, type Command } from "../io";

const USAGE = `mesh admin bootstrap --email EMAIL [--name NAME]   the first platform admin (password from MESH_ADMIN_PASSWORD or stdin)
mesh admin remove-demo-accounts                    take the demo users' passwords, sessions and roles`;

async function readPassword(): Promise<string> {
  const fromEnv = process.env.MESH_ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) process.stderr.write("password for the new platform admin (input is shown; prefer piping it or MESH_ADMIN_PASSWORD): ");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (Buffer.concat(chunks).includes(10)) break;
  }
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
}

async function withDatabase<T>(work: (db: import("../../../server/db/client").Db) => Promise<T>): Promise<T> {
  const [{ configuredDatabase }, { migrate }, { createDb }] = await Promise.all([
    import("../../../server/db/config"),
    import("../../../server/db/migrate"),
    import("../../../server/db/client"),
  ]);
  const target = configuredDatabase();
  await migrate(target);
  const db = createDb(target.dialect === "sqlite" ? `file:${target.file}` : target.url);
  try {
    return await work(db);
  } finally {
    await db.$disconnect();
  }
}

export const runAdmin: Command = async (args) => {
  const [sub, ...rest] = args;
  if (sub === "bootstrap") {
    const { values } = parse(rest, { email: { type: "string" }, name: { type: "string" } }, 0, USAGE);
    if (!values.email) throw new UsageError(`usage: ${USAGE}`);
    const password = await readPassword();
    const { bootstrapPlatformAdmin, BootstrapRefused } = await import("../../../server/admin/bootstrap");
    try {
      const admin = await withDatabase((db) => bootstrapPlatformAdmin(db, { email: values.email!, name: values.name, password }));
      process.stdout.write(`platform admin ${admin.email} created; sign in at /sign-in with this password\n`);
      return 0;
    } catch (error) {
      if (!(error instanceof BootstrapRefused)) throw error;
      process.stderr.write(`mesh admin bootstrap: refused: ${error.message}\n`);
      return 1;
    }
  }
  if (sub === "remove-demo-accounts") {
    const { removeDemoAccounts } = await import("../../../server/seed/demo-credentials");
    const removed = await withDatabase(removeDemoAccounts);
    process.stdout.write(removed.length ? `removed the demo access of ${removed.join(", ")}\n` : "no demo accounts with access\n");
    return 0;
  }
  throw new UsageError(`usage:\n${USAGE}`);
};
