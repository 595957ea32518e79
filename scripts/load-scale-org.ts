// npm run scale:load -- --domains 50 --products 500 [--seed 1] [--replace]
// Generates a synthetic organisation (lib/org/generate.ts, as `mesh generate` does) and loads it
// into the configured database (DATABASE_URL, else SQLite in ${MESH_DATA_DIR:-./data}) as the
// console would hold it after publishing every manifest once and approving every product:
// each Manifest with its draft equal to a published ManifestVersion 1.0.0, each Product
// 'approved' against its domain's version. One transaction, batched inserts.
import { createHash, randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { parse } from "yaml";
import { generateOrganisation } from "../lib/org/generate";
import { createDb, type Db } from "../server/db/client";
import { configuredDatabase } from "../server/db/config";
import { migrate } from "../server/db/migrate";
import { seedUsers } from "../server/seed/seed-users";

const BATCH = 500;

const { values } = parseArgs({
  options: {
    domains: { type: "string", default: "50" },
    products: { type: "string", default: "500" },
    seed: { type: "string", default: "1" },
    replace: { type: "boolean", default: false },
  },
});
const domains = Number(values.domains);
const productsPerDomain = Number(values.products);
if (!Number.isInteger(domains) || !Number.isInteger(productsPerDomain) || domains < 1 || productsPerDomain < 0) {
  console.error("usage: npm run scale:load -- --domains N --products M [--seed S] [--replace]");
  process.exit(2);
}

const digestOf = (yaml: string) => `sha256:${createHash("sha256").update(yaml).digest("hex")}`;

async function ensureOrganisation(db: Db) {
  return (
    (await db.organisation.findFirst({ orderBy: { slug: "asc" } })) ??
    db.organisation.create({ data: { slug: "acme", name: "Acme", registryHost: "registry.acme.example", registryPrefix: "floe" } })
  );
}

/** Removes the organisation's manifests and products (the audit log is append-only and stays). */
async function clearOrganisation(db: Db, orgId: string) {
  await db.$transaction([
    db.registrationRequest.deleteMany({ where: { product: { orgId } } }),
    db.product.deleteMany({ where: { orgId } }),
    db.roleMembership.deleteMany({ where: { role: "domain_owner" } }),
    db.manifest.updateMany({ where: { orgId }, data: { parentVersionId: null, parentId: null } }),
    db.manifestVersion.updateMany({ where: { manifest: { orgId } }, data: { parentVersionId: null } }),
    db.manifestVersion.deleteMany({ where: { manifest: { orgId } } }),
    db.manifest.deleteMany({ where: { orgId } }),
  ]);
}

async function createInBatches<T>(rows: T[], create: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await create(rows.slice(i, i + BATCH));
}

const target = configuredDatabase();
await migrate(target);
const db = createDb(target.dialect === "sqlite" ? `file:${target.file}` : target.url);
try {
  const started = performance.now();
  const org = await ensureOrganisation(db);
  if (await db.manifest.count({ where: { orgId: org.id } })) {
    if (!values.replace) throw new Error(`organisation '${org.slug}' already has manifests; pass --replace to load over it`);
    await clearOrganisation(db, org.id);
  }
  await seedUsers(db);
  const publisher = await db.user.findUniqueOrThrow({ where: { email: "cto@acme.example" } });

  const manifests: { id: string; name: string; tier: string; parentId: string | null; yaml: string; parentVersionId: string | null }[] = [];
  const versions: { id: string; manifestId: string; yaml: string; ref: string; parentVersionId: string | null }[] = [];
  const products: { name: string; domain: string; yaml: string; description: string }[] = [];
  let enterprise: { manifestId: string; versionId: string } | null = null;
  const domainIds = new Map<string, { manifestId: string; versionId: string }>();

  for (const file of generateOrganisation({ domains, productsPerDomain, seed: Number(values.seed), host: org.registryHost, prefix: org.registryPrefix })) {
    if (file.path.startsWith("registry/")) {
      const doc = parse(file.text) as { metadata: { name: string; version: string }; scope?: string };
      const ids = { manifestId: randomUUID(), versionId: randomUUID() };
      const tier = doc.scope === "enterprise" ? "enterprise" : doc.scope === "domain" ? "domain" : "platform";
      // The generator yields the enterprise first, so domains can point at it.
      if (tier === "enterprise") enterprise = ids;
      else domainIds.set(doc.metadata.name, ids);
      const parent = tier === "domain" ? enterprise : null;
      manifests.push({ id: ids.manifestId, name: doc.metadata.name, tier, parentId: parent?.manifestId ?? null, yaml: file.text, parentVersionId: parent?.versionId ?? null });
      versions.push({ id: ids.versionId, manifestId: ids.manifestId, yaml: file.text, ref: `oci://${org.registryHost}/${org.registryPrefix}/${doc.metadata.name}:${doc.metadata.version}`, parentVersionId: parent?.versionId ?? null });
    } else {
      // products/DOMAIN/NAME/floe.yaml; 25,000 YAML parses would dominate the load.
      const [, domain, name] = file.path.split("/");
      products.push({ name, domain, yaml: file.text, description: /^ {2}description: (.*)$/m.exec(file.text)?.[1] ?? "" });
    }
  }

  await db.$transaction(
    async (tx) => {
      await createInBatches(manifests, (batch) =>
        tx.manifest.createMany({ data: batch.map((m) => ({ id: m.id, orgId: org.id, name: m.name, tier: m.tier, parentId: m.parentId, draftYaml: m.yaml })) }),
      );
      await createInBatches(versions, (batch) =>
        tx.manifestVersion.createMany({
          data: batch.map((v) => ({ id: v.id, manifestId: v.manifestId, version: "1.0.0", seq: 1, yaml: v.yaml, digest: digestOf(v.yaml), ref: v.ref, parentVersionId: v.parentVersionId, message: "Loaded by scale:load", publishedById: publisher.id })),
        }),
      );
      // Domain drafts build on the enterprise version they were published against.
      await createInBatches(manifests.filter((m) => m.parentVersionId), (batch) =>
        Promise.all(batch.map((m) => tx.manifest.update({ where: { id: m.id }, data: { parentVersionId: m.parentVersionId } }))),
      );
      await createInBatches(products, (batch) =>
        tx.product.createMany({
          data: batch.map((p) => {
            const domain = domainIds.get(p.domain)!;
            return { orgId: org.id, name: p.name, domainId: domain.manifestId, team: `${p.domain}-data`, description: p.description, floeYaml: p.yaml, status: "approved", domainVersionId: domain.versionId, createdById: publisher.id };
          }),
        }),
      );
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
  // This load appends no audit event, so the change fingerprint does not move: drop the stored tree.
  await db.treeCache.deleteMany();
  await seedUsers(db); // domain-owner memberships of the demo users, for domains that exist now
  console.log(`loaded ${domains} domains × ${productsPerDomain} products (${products.length} products) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await db.$disconnect();
}
