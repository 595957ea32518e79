// Child process of crash.test.ts: an endless stream of publishes, submissions and approvals on
// one SQLite database, printing "ACK <kind> <key>" after each write has committed.
import type { Actor } from "../../lib/auth/permissions";
import { createDb } from "../../server/db/client";
import { publishManifest } from "../../server/services/publish-manifest";
import { approveRequest, submitRequest } from "../../server/services/requests";
import { saveDraft } from "../../server/services/save-draft";

const db = createDb(process.argv[2]);

async function actor(email: string): Promise<Actor> {
  const u = await db.user.findUniqueOrThrow({ where: { email }, include: { roles: true } });
  return { userId: u.id, email: u.email, name: u.name, memberships: u.roles };
}

const owner = await actor("sales-owner@acme.example");
const analyst = await actor("analyst@acme.example");
const template = (await db.product.findFirstOrThrow({ where: { name: "churn-signals" } })).floeYaml;
const ack = (line: string) => process.stdout.write(`ACK ${line}\n`);

for (let i = 0; ; i++) {
  const m = await db.manifest.findFirstOrThrow({ where: { name: "sales" } });
  const saved = await saveDraft({ db, actor: owner, input: { name: "sales", yaml: m.draftYaml.replace(/data_retention_days: \d+/, `data_retention_days: ${100 + i}`), baseRevision: m.draftRevision } });
  const v = await publishManifest({ db, actor: owner, input: { name: "sales", baseRevision: saved.revision, message: `crash ${i}` } });
  ack(`version ${v.ref}`);
  const name = `crash-${i}`;
  const request = await submitRequest({ db, actor: analyst, input: { name, team: "growth-analytics", description: "crash", domain: "sales", floeYaml: template.replace("name: churn-signals", `name: ${name}`) } });
  ack(`request ${request.id}`);
  const { revision } = await db.product.findUniqueOrThrow({ where: { id: request.productId } });
  const approved = await approveRequest({ db, actor: owner, input: { id: request.id, revision } });
  ack(`approved ${name} ${approved.ref}`);
}
