// ADR-0038 phase 2 in the console: the 2-tier example imported, previewed, migrated; no floe.yaml changes.
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { ForbiddenError, type Actor } from "../../lib/auth/permissions";
import { readImportFolder } from "../../lib/node/import-folder";
import { verifyAuditChain } from "../../server/audit/verify";
import { createDb, type Db } from "../../server/db/client";
import { importOrg, planOrgImport } from "../../server/services/import-org";
import { getProduct } from "../../server/services/queries";
import { applyTierMigration, previewTierMigration } from "../../server/services/tier-migration";
import { freshDatabase, type FreshDatabase } from "./fresh-database";

let fresh: FreshDatabase;
let db: Db;
let admin: Actor;
beforeEach(async () => {
  fresh = await freshDatabase();
  db = createDb(fresh.url);
  const user = await db.user.create({ data: { email: "cto@example.test", name: "CTO" } });
  await db.roleMembership.create({ data: { userId: user.id, role: "platform_admin" } });
  admin = { userId: user.id, email: user.email, name: user.name, memberships: [{ role: "platform_admin", domainId: null, team: null }] };
  const source = { ...(await readImportFolder(join(__dirname, "../../examples/migration/phase1"))), label: "phase1" };
  await importOrg(db, admin, source, (await planOrgImport(db, admin, source)).fingerprint);
});
afterEach(async () => {
  await db.$disconnect();
  await fresh.drop();
});

it("turns the platform into a domain of a new enterprise; every product still resolves with its floe.yaml unchanged", async () => {
  const floeBefore = (await db.product.findFirstOrThrow({ where: { name: "orders" } })).floeYaml;
  const preview = await previewTierMigration(db, admin, { platform: "platform", enterprise: "acme-enterprise" });
  expect(preview).toMatchObject({
    valid: true,
    fromVersion: "1.0.0",
    domain: { version: "1.1.0", ref: "oci://registry.acme.example/floe/platform:1.1.0" },
    enterprise: { name: "acme-enterprise", created: true, ref: "oci://registry.acme.example/floe/acme-enterprise:1.0.0" },
    products: [{ name: "orders", before: { mode: "two-tier", errors: 0 }, after: { mode: "three-tier", errors: 0 }, resolves: true }],
    manifestProblems: [],
    broken: [],
  });
  expect(preview.domain.yaml).toMatch(/scope: domain\n# Added by the 2-tier → 3-tier migration.*\nparent_manifest: oci:\/\/registry\.acme\.example\/floe\/acme-enterprise:1\.0\.0\n/);
  // Preview writes nothing.
  expect(await db.manifestVersion.count()).toBe(1);

  const result = await applyTierMigration(db, admin, { platform: "platform", enterprise: "acme-enterprise" });
  expect(result).toMatchObject({ version: "1.1.0", enterpriseCreated: true, products: 1 });
  const manifests = await db.manifest.findMany({ orderBy: { name: "asc" }, select: { name: true, tier: true, parentId: true } });
  expect(manifests.map((m) => [m.name, m.tier])).toEqual([["acme-enterprise", "enterprise"], ["platform", "domain"]]);
  const product = await db.product.findFirstOrThrow({ where: { name: "orders" } });
  expect(product.floeYaml).toBe(floeBefore);
  const view = await getProduct(db, admin, "orders");
  expect(view.resolution!.mode).toBe("three-tier");
  expect(view.resolution!.violations.filter((v) => v.severity === "error")).toEqual([]);
  expect((view.resolution!.chain as { tier: string; name: string }[]).map((c) => `${c.tier}:${c.name}`)).toEqual(["enterprise:acme-enterprise", "domain:platform", "product:orders"]);
  const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "migration.two-to-three-tier" } });
  expect(JSON.parse(audit.data)).toMatchObject({ platform: "platform", enterprise: "acme-enterprise", enterpriseCreated: true, products: ["orders"] });
  expect((await verifyAuditChain(db)).ok).toBe(true);
  // Done once: the manifest is a domain now.
  await expect(applyTierMigration(db, admin, { platform: "platform", enterprise: "acme-enterprise" })).rejects.toMatchObject({ status: 409 });
});

it("is for platform admins only, and names what is missing", async () => {
  const viewer: Actor = { ...admin, memberships: [] };
  await expect(previewTierMigration(db, viewer, { platform: "platform", enterprise: "e" })).rejects.toBeInstanceOf(ForbiddenError);
  await expect(previewTierMigration(db, admin, { platform: "platform" })).rejects.toMatchObject({ status: 400 });
  await expect(previewTierMigration(db, admin, { platform: "nope", enterprise: "e" })).rejects.toMatchObject({ status: 404 });
  await expect(previewTierMigration(db, admin, { platform: "platform", enterprise: "platform" })).rejects.toMatchObject({ status: 409 });
  expect(await db.manifest.count()).toBe(1);
});
