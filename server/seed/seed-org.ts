// Loads the example organisation (examples/acme) into an empty database: the enterprise and the
// domains published as their files' versions (drafts equal to them, comments kept), approved
// products, and the pending products as registration requests. Idempotent: skips what exists.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseManifest, parseProduct } from "../../lib/manifest/parse";
import { registryRefs } from "../../lib/node/org-dir";
import { parseOciRef, refToRelativePath } from "../../lib/refs";
import { appendAudit, SYSTEM_ACTOR } from "../audit/append";
import type { Db, Tx } from "../services/db";
import { digestOf } from "../services/publication";

export const EXAMPLE_ORG_DIR = join(process.cwd(), "examples", "acme");

const ORG = { slug: "acme", name: "Acme Corp", registryHost: "registry.acme.example", registryPrefix: "floe" };
const REQUESTER = "analyst@acme.example";
const publisherOf = (tier: string, name: string) => (tier === "domain" ? `${name}-owner@acme.example` : "cto@acme.example");

/** The user with this email; a placeholder row if the demo users are not seeded yet (seedUsers fills it in). */
async function userId(tx: Tx, email: string): Promise<string> {
  const user = await tx.user.upsert({ where: { email }, create: { email, name: email.split("@")[0] }, update: {} });
  return user.id;
}

function floeFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith("floe.yaml"))
    .sort()
    .map((f) => join(dir, f));
}

function readOrg(dir: string) {
  const manifests = registryRefs(dir).map((ref) => {
    const text = readFileSync(join(dir, "registry", refToRelativePath(parseOciRef(ref)!)), "utf8");
    const parsed = parseManifest(text, ref, { ref });
    if (!parsed.manifest) throw new Error(`example manifest ${ref} does not parse`);
    return { ref, text, tier: parsed.tier as string, manifest: parsed.manifest };
  });
  // Enterprise first: domains point at it.
  manifests.sort((a, b) => Number(b.tier === "enterprise") - Number(a.tier === "enterprise"));
  const products = (sub: string) =>
    floeFilesUnder(join(dir, sub)).map((file) => {
      const text = readFileSync(file, "utf8");
      const product = parseProduct(text, file).product;
      if (!product) throw new Error(`example product ${file} does not parse`);
      return { text, product };
    });
  return { manifests, approved: products("products"), pending: products("pending") };
}

export async function seedOrganisation(db: Db, dir = EXAMPLE_ORG_DIR): Promise<void> {
  if (await db.organisation.findUnique({ where: { slug: ORG.slug } })) return;
  const example = readOrg(dir);
  await db.$transaction(
    async (tx) => {
      const org = await tx.organisation.create({ data: ORG });
      const byRef = new Map<string, { manifestId: string; versionId: string }>();
      for (const m of example.manifests) {
        const { name, version, description } = m.manifest.metadata;
        const parent = m.manifest.parent_manifest ? byRef.get(m.manifest.parent_manifest) : undefined;
        const publisher = await userId(tx, publisherOf(m.tier, name));
        const manifest = await tx.manifest.create({
          data: { orgId: org.id, name, tier: m.tier, title: description ?? null, parentId: parent?.manifestId ?? null, draftYaml: m.text, draftUpdatedById: publisher, parentVersionId: parent?.versionId ?? null },
        });
        const row = await tx.manifestVersion.create({
          data: { manifestId: manifest.id, version, seq: 1, yaml: m.text, digest: digestOf(m.text), ref: m.ref, parentVersionId: parent?.versionId ?? null, message: "Initial version (seeded from examples/acme)", publishedById: publisher },
        });
        byRef.set(m.ref, { manifestId: manifest.id, versionId: row.id });
        await appendAudit(tx, { actor: SYSTEM_ACTOR, action: "seed.manifest", entityType: "Manifest", entityId: manifest.id, afterDigest: row.digest, data: { name, version, ref: m.ref } });
      }
      const requester = await userId(tx, REQUESTER);
      for (const [list, status] of [[example.approved, "approved"], [example.pending, "pending"]] as const) {
        for (const { text, product } of list) {
          const domain = byRef.get(product.platform?.manifest ?? "");
          if (!domain) throw new Error(`example product ${product.metadata.name} points at an unknown manifest`);
          const row = await tx.product.create({
            data: {
              orgId: org.id,
              name: product.metadata.name,
              domainId: domain.manifestId,
              team: product.metadata.labels?.team ?? product.metadata.owner?.split("@")[0] ?? "unknown",
              description: product.metadata.description ?? "",
              floeYaml: text,
              status,
              domainVersionId: status === "approved" ? domain.versionId : null,
              createdById: requester,
            },
          });
          if (status === "pending") await tx.registrationRequest.create({ data: { productId: row.id, requestedById: requester, status } });
          await appendAudit(tx, { actor: SYSTEM_ACTOR, action: `seed.product.${status}`, entityType: "Product", entityId: row.id, afterDigest: digestOf(text), data: { name: product.metadata.name } });
        }
      }
    },
    { timeout: 60_000 },
  );
}
