// Export an organisation, import it into an empty database, export again: every YAML byte-identical.
// And the import report: what it found, every skipped file with its reason, blockers, all-or-nothing.
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/auth/permissions";
import { readArchive } from "../../lib/node/archive";
import { readImportFolder } from "../../lib/node/import-folder";
import { MAX_IMPORT_FILE_BYTES } from "../../lib/org/import-plan";
import { verifyAuditChain } from "../../server/audit/verify";
import { createDb, type Db } from "../../server/db/client";
import { ConfirmationRequiredError, ConflictError, ValidationFailedError } from "../../server/services/errors";
import { exportArchive, exportOrg } from "../../server/services/export-org";
import { importOrg, planOrgImport, type ImportSource } from "../../server/services/import-org";
import { freshDatabase, type FreshDatabase } from "./fresh-database";
import { CTO, seededOrg, VIEWER, type SeededOrg } from "./services-setup";

const run = promisify(execFile);

/** An empty, migrated database with one platform admin. */
async function emptyConsole(): Promise<{ fresh: FreshDatabase; db: Db; admin: Actor; close(): Promise<void> }> {
  const fresh = await freshDatabase();
  const db = createDb(fresh.url);
  const user = await db.user.create({ data: { email: "importer@example.test", name: "Importer" } });
  await db.roleMembership.create({ data: { userId: user.id, role: "platform_admin" } });
  const admin: Actor = { userId: user.id, email: user.email, name: user.name, memberships: [{ role: "platform_admin", domainId: null, team: null }] };
  return { fresh, db, admin, close: async () => (await db.$disconnect(), await fresh.drop()) };
}

const tableRows = async (db: Db) => ({
  versions: (await db.manifestVersion.findMany({ include: { manifest: true, parentVersion: true }, orderBy: { ref: "asc" } })).map((v) => ({
    ref: v.ref, name: v.manifest.name, tier: v.manifest.tier, version: v.version, seq: v.seq, yaml: v.yaml, digest: v.digest, parent: v.parentVersion?.ref ?? null,
  })),
  drafts: (await db.manifest.findMany({ orderBy: { name: "asc" } })).map((m) => ({ name: m.name, draftYaml: m.draftYaml })),
  products: (await db.product.findMany({ include: { domain: true, domainVersion: true, requests: true }, orderBy: { name: "asc" } })).map((p) => ({
    name: p.name, status: p.status, team: p.team, description: p.description, floeYaml: p.floeYaml, domain: p.domain.name, domainVersion: p.domainVersion?.ref ?? null, requests: p.requests.map((r) => r.status),
  })),
});

let source: SeededOrg;
let target: Awaited<ReturnType<typeof emptyConsole>>;
let tmp: string;
beforeEach(async () => {
  source = await seededOrg();
  target = await emptyConsole();
  tmp = await mkdtemp(join(tmpdir(), "mesh-import-"));
});
afterEach(async () => {
  await source.close();
  await target.close();
  await rm(tmp, { recursive: true, force: true });
});

const archiveSource = async (bytes: Uint8Array, label: string): Promise<ImportSource> => ({ ...(await readArchive(bytes)), label });

// Each test seeds one database and migrates another: slow on PostgreSQL with 2 busy cores.
describe("export → import round trip", { timeout: 120_000 }, () => {
  it("reproduces every published version, draft and product byte for byte on a fresh database", async () => {
    // A viewer's export has the published state only: pending floe.yaml files go to their teams, owners and the admin.
    const forViewer = (await exportOrg(source.db, await source.actor(VIEWER))).files.map((f) => f.path);
    expect(forViewer).toContain("products/sales/customer-360/floe.yaml");
    expect(forViewer.filter((p) => p.startsWith("pending/"))).toEqual([]);
    const exported = await exportOrg(source.db, await source.actor(CTO));
    expect(exported.files.map((f) => f.path)).toContain("registry/registry.acme.example/floe/sales/1.0.0.yaml");
    expect(exported.files.map((f) => f.path)).toContain("products/sales/customer-360/floe.yaml");
    expect(exported.files.map((f) => f.path)).toContain("pending/sales/churn-signals/floe.yaml");
    const archive = await exportArchive(exported.files, exported.slug);

    // The archive is a real tar.gz, and the export is exactly the example org directory it was seeded from.
    await writeFile(join(tmp, "org.tar.gz"), archive);
    await run("tar", ["-xzf", join(tmp, "org.tar.gz"), "-C", tmp]);
    for (const f of exported.files) {
      expect(await readFile(join(tmp, exported.slug, f.path), "utf8")).toBe(f.text);
      expect(await readFile(join("examples/acme", f.path), "utf8")).toBe(f.text);
    }

    const plan = await planOrgImport(target.db, target.admin, await archiveSource(archive, "acme.tar.gz"));
    expect(plan.blockers).toEqual([]);
    expect(plan.skipped).toEqual([]);
    expect(plan.manifests).toHaveLength(4);
    expect(plan.products.find((p) => p.name === "customer-360")).toMatchObject({ domainName: "sales", status: "approved", team: "sales-data" });
    const result = await importOrg(target.db, target.admin, await archiveSource(archive, "acme.tar.gz"), plan.fingerprint);
    expect(result).toMatchObject({ manifests: 4, versions: 4, products: exported.files.filter((f) => f.path.endsWith("floe.yaml")).length, skipped: 0 });

    expect(await tableRows(target.db)).toEqual(await tableRows(source.db));
    const again = await exportOrg(target.db, target.admin);
    expect(again.files).toEqual(exported.files);
    expect(Buffer.from(await exportArchive(again.files, exported.slug)).equals(Buffer.from(archive))).toBe(true); // reproducible archive
    expect(await verifyAuditChain(target.db)).toMatchObject({ ok: true });
  });

  it("exports one domain as a complete organisation that mesh check accepts", async () => {
    const exported = await exportOrg(source.db, await source.actor(CTO), { domain: "finance" });
    const paths = exported.files.map((f) => f.path);
    expect(paths.filter((p) => p.startsWith("registry/"))).toEqual([
      "registry/registry.acme.example/floe/acme-enterprise/1.0.0.yaml",
      "registry/registry.acme.example/floe/finance/1.0.0.yaml",
    ]);
    expect(paths.every((p) => p.startsWith("registry/") || p.includes("/finance/"))).toBe(true);
    for (const f of exported.files) {
      await mkdir(join(tmp, f.path, ".."), { recursive: true });
      await writeFile(join(tmp, f.path), f.text);
    }
    const check = await run("node", ["bin/mesh.mjs", "check", tmp, "--json"]);
    expect(JSON.parse(check.stdout)).toMatchObject({ errors: 0, domains: [{ name: "finance" }] });
  });
});

describe("import report", { timeout: 120_000 }, () => {
  it("reads the same organisation from a folder, a tar.gz made by tar and a zip made by another tool", async () => {
    await run("tar", ["-czf", join(tmp, "acme.tar.gz"), "-C", "examples", "acme"]);
    await run("python3", ["-c", "import shutil, sys; shutil.make_archive(sys.argv[1], 'zip', 'examples', 'acme')", join(tmp, "acme")]);
    const fromFolder = await planOrgImport(target.db, target.admin, { ...(await readImportFolder("examples/acme")), label: "folder" });
    for (const file of ["acme.tar.gz", "acme.zip"]) {
      const plan = await planOrgImport(target.db, target.admin, await archiveSource(await readFile(join(tmp, file)), file));
      expect(plan).toEqual(fromFolder);
    }
    expect(fromFolder.manifests).toHaveLength(4);
  });

  it("lists every skipped file with its reason and imports nothing before confirmation", async () => {
    const dir = join(tmp, "acme");
    await cp("examples/acme", dir, { recursive: true });
    const sales = await readFile(join(dir, "registry/registry.acme.example/floe/sales/1.0.0.yaml"));
    await writeFile(join(dir, "registry/registry.acme.example/floe/sales/1.0.0.yml"), sales); // same ref twice
    await writeFile(join(dir, "notes.txt"), "not configuration");
    await writeFile(join(dir, "products/sales/broken.yaml"), "kind: [unclosed\n");
    await writeFile(join(dir, "products/sales/other.yaml"), "kind: Pipeline\nname: x\n");
    await writeFile(join(dir, "sales-copy.yaml"), sales); // a manifest outside registry/
    await mkdir(join(dir, "registry/registry.acme.example/floe/huge"));
    await writeFile(join(dir, "registry/registry.acme.example/floe/huge/1.0.0.yaml"), `# ${"x".repeat(MAX_IMPORT_FILE_BYTES)}\n`);
    await mkdir(join(dir, "products/sales/orphan"));
    await writeFile(join(dir, "products/sales/orphan/floe.yaml"), (await readFile("examples/acme/products/sales/customer-360/floe.yaml", "utf8")).replace("name: customer-360", "name: orphan").replace("floe/sales:1.0.0", "floe/nowhere:1.0.0"));
    await symlink("README.md", join(dir, "link.yaml"));

    const before = await tableRows(target.db);
    const plan = await planOrgImport(target.db, target.admin, { ...(await readImportFolder(dir)), label: dir });
    expect(plan.skipped.map((s) => [s.path, s.reason])).toEqual([
      ["README.md", "not-yaml"],
      ["link.yaml", "not-a-file"],
      ["notes.txt", "not-yaml"],
      ["products/sales/broken.yaml", "not-yaml"],
      ["products/sales/orphan/floe.yaml", "unknown-domain"],
      ["products/sales/other.yaml", "unknown-kind"],
      ["registry/registry.acme.example/floe/huge/1.0.0.yaml", "too-large"],
      ["registry/registry.acme.example/floe/sales/1.0.0.yml", "duplicate-ref"],
      ["sales-copy.yaml", "outside-layout"],
    ]);
    expect(plan.skipped.every((s) => s.detail.length > 0)).toBe(true);
    expect(plan.manifests.map((m) => `${m.name}:${m.tier}`).sort()).toEqual(["acme-enterprise:enterprise", "finance:domain", "marketing:domain", "sales:domain"]);
    expect(plan.products.filter((p) => p.status === "pending").map((p) => `${p.name}→${p.domainName}`).sort()).toEqual(["churn-signals→sales", "fx-exposure→finance", "web-sessions→marketing"]);
    expect(await tableRows(target.db)).toEqual(before);

    // Importing the same files again later: everything is now a duplicate, and nothing changes.
    await importOrg(target.db, target.admin, { ...(await readImportFolder(dir)), label: dir }, plan.fingerprint);
    const afterFirst = await tableRows(target.db);
    const second = await planOrgImport(target.db, target.admin, { ...(await readImportFolder(dir)), label: dir });
    expect(second.manifests).toEqual([]);
    expect(second.products).toEqual([]);
    expect(second.skipped.filter((s) => s.reason === "duplicate-ref").length).toBe(plan.manifests.length + plan.products.length + 1);
    expect(await tableRows(target.db)).toEqual(afterFirst);
  });

  it("refuses to import a plaintext secret, and changed files after the report; writes nothing", async () => {
    const secret = { ...(await readImportFolder("examples/broken/PLAINTEXT_SECRET")), label: "broken" };
    const plan = await planOrgImport(target.db, target.admin, secret);
    expect(plan.blockers.map((v) => v.code)).toEqual(["PLAINTEXT_SECRET"]);
    await expect(importOrg(target.db, target.admin, secret, plan.fingerprint)).rejects.toBeInstanceOf(ValidationFailedError);

    const acme = { ...(await readImportFolder("examples/acme")), label: "acme" };
    const stale = await planOrgImport(target.db, target.admin, { ...acme, files: acme.files.slice(1) });
    await expect(importOrg(target.db, target.admin, acme, stale.fingerprint)).rejects.toBeInstanceOf(ConflictError);
    expect(await target.db.manifestVersion.count()).toBe(0);
    expect(await target.db.organisation.count()).toBe(0);
  });

  it("is for platform admins only", async () => {
    const acme = { ...(await readImportFolder("examples/acme")), label: "acme" };
    await expect(planOrgImport(source.db, await source.actor(VIEWER), acme)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await planOrgImport(source.db, await source.actor(CTO), acme)).manifests).toEqual([]); // all already there
  });
  it("passes publishing's gates: errors block (422), nothing older than latest, breaking needs a confirmation (428)", async () => {
    const invalid = { ...(await readImportFolder("examples/broken/PLUGIN_NOT_APPROVED")), label: "broken" };
    const refused = await planOrgImport(target.db, target.admin, invalid);
    expect(refused.blockers.map((v) => v.code)).toContain("PLUGIN_NOT_APPROVED");
    await expect(importOrg(target.db, target.admin, invalid, refused.fingerprint)).rejects.toBeInstanceOf(ValidationFailedError);
    expect(await target.db.manifestVersion.count()).toBe(0);

    const cto = await source.actor(CTO);
    const enterprise = await readFile("examples/acme/registry/registry.acme.example/floe/acme-enterprise/1.0.0.yaml", "utf8");
    const dir = join(tmp, "next");
    const at = (version: string) => join(dir, `registry/registry.acme.example/floe/acme-enterprise/${version}.yaml`);
    await mkdir(join(at("x"), ".."), { recursive: true });
    await writeFile(at("0.9.0"), enterprise.replace("version: 1.0.0", "version: 0.9.0"));
    const older = await planOrgImport(source.db, cto, { ...(await readImportFolder(dir)), label: "older" });
    expect(older.manifests).toEqual([]);
    expect(older.skipped.map((s) => [s.path, s.reason])).toEqual([["registry/registry.acme.example/floe/acme-enterprise/0.9.0.yaml", "not-newer"]]);

    await rm(at("0.9.0"));
    await writeFile(at("2.0.0"), enterprise.replace("version: 1.0.0", "version: 2.0.0").replace("compute: [duckdb, snowflake]", "compute: [duckdb]"));
    const source2 = { ...(await readImportFolder(dir)), label: "narrower" };
    const breaking = await planOrgImport(source.db, cto, source2);
    expect(breaking.blockers).toEqual([]);
    expect(breaking.impact.broken.map((e) => e.name)).toEqual(expect.arrayContaining(["sales", "finance"]));
    const before = await tableRows(source.db);
    await expect(importOrg(source.db, cto, source2, breaking.fingerprint)).rejects.toBeInstanceOf(ConfirmationRequiredError);
    expect(await tableRows(source.db)).toEqual(before);
    await importOrg(source.db, cto, source2, breaking.fingerprint, { confirmBreaking: true });
    const latest = await source.db.manifestVersion.findFirstOrThrow({ where: { manifest: { name: "acme-enterprise" } }, orderBy: { seq: "desc" } });
    expect(latest.version).toBe("2.0.0");
    const event = await source.db.auditEvent.findFirstOrThrow({ where: { action: "org.import" }, orderBy: { seq: "desc" } });
    expect(JSON.parse(event.data)).toMatchObject({ confirmedBreaking: true, broken: expect.arrayContaining(["sales", "finance"]) });
  });
});
