// Publishing: validation in context, version immutability, optimistic concurrency, atomicity, impact.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../server/audit/verify";
import { ConfirmationRequiredError, InjectedFault, StaleRevisionError, ValidationFailedError } from "../../server/services/errors";
import { previewImpact, publishManifest, rollbackManifest } from "../../server/services/publish-manifest";
import { evaluateCurrentOrg, loadSnapshot, previewSnapshot } from "../../server/services/org-evaluation";
import { preparePublication } from "../../server/services/publication";
import { saveDraft } from "../../server/services/save-draft";
import { seedOrganisation } from "../../server/seed/seed-org";
import { parseManifest } from "../../lib/manifest/parse";
import { CTO, SALES_OWNER, seededOrg, type SeededOrg } from "./services-setup";

let org: SeededOrg;
beforeEach(async () => {
  org = await seededOrg();
});
afterEach(() => org.close());

async function draftOf(name: string) {
  return org.db.manifest.findFirstOrThrow({ where: { name } });
}

async function edit(email: string, name: string, change: (yaml: string) => string) {
  const m = await draftOf(name);
  return saveDraft({ db: org.db, actor: await org.actor(email), input: { name, yaml: change(m.draftYaml), baseRevision: m.draftRevision } });
}

async function publish(email: string, name: string, extra: Record<string, unknown> = {}) {
  const m = await draftOf(name);
  return publishManifest({ db: org.db, actor: await org.actor(email), input: { name, baseRevision: m.draftRevision, message: "test publish", ...extra } });
}

const snapshotRows = async () => ({
  versions: await org.db.manifestVersion.findMany({ orderBy: { id: "asc" } }),
  manifests: await org.db.manifest.findMany({ orderBy: { id: "asc" } }),
  audit: await org.db.auditEvent.count(),
});

describe("publish", () => {
  it("publishes a new immutable version and never changes the old one", async () => {
    const before = await org.db.manifestVersion.findMany({ orderBy: { id: "asc" } });
    await edit(SALES_OWNER, "sales", (y) => y.replace("data_retention_days: 90", "data_retention_days: 120"));
    const v = await publish(SALES_OWNER, "sales");
    expect(v).toMatchObject({ version: "1.1.0", ref: "oci://registry.acme.example/floe/sales:1.1.0" });
    expect(v.digest).toMatch(/^sha256:[0-9a-f]{64}$/);

    const stored = await org.db.manifestVersion.findUniqueOrThrow({ where: { ref: v.ref } });
    expect(stored.yaml).toContain("version: 1.1.0");
    expect(stored.yaml).toContain("# Sales keeps opportunity history"); // comments survive
    expect(stored.yaml).toContain("data_retention_days: 120");
    const afterRows = await org.db.manifestVersion.findMany({ where: { id: { in: before.map((b) => b.id) } }, orderBy: { id: "asc" } });
    expect(afterRows).toEqual(before);

    await edit(SALES_OWNER, "sales", (y) => y.replace("data_retention_days: 120", "data_retention_days: 150"));
    expect((await publish(SALES_OWNER, "sales")).version).toBe("1.2.0");
    expect(await org.db.manifestVersion.findUniqueOrThrow({ where: { ref: v.ref } })).toEqual(stored);
    expect(await verifyAuditChain(org.db)).toMatchObject({ ok: true });
  });

  it("stores floe's canonical form: ADR shorthand expanded, header present, and says what it normalised", async () => {
    // The ADR's domain shape: no header, `compute: snowflake`, an unquoted-safe "off" that must stay quoted.
    await edit(SALES_OWNER, "sales", (y) =>
      y
        .replace(/^apiVersion: floe\.dev\/v1\nkind: Manifest\n/m, "")
        .replace(/compute:\n    type: snowflake\n    config:\n(      .*\n)+    connection_secret_ref: snowflake-sales\n/, "compute: snowflake  # CRM volumes\n")
        .replace("data_retention_days: 90", "data_retention_days: 90\n  naming:\n    enforcement: \"warn\"\n    pattern: medallion"),
    );
    expect((await draftOf("sales")).draftYaml).toContain("compute: snowflake");
    const preview = await previewImpact({ db: org.db, actor: await org.actor(SALES_OWNER), name: "sales" });
    expect(preview.violations.filter((v) => v.code === "FLOE_COMPAT").map((v) => v.path)).toEqual(expect.arrayContaining(["apiVersion", "kind", "plugins.compute.type"]));
    const v = await publish(SALES_OWNER, "sales");
    expect(v.normalised.join("\n")).toMatch(/apiVersion[\s\S]*compute: \{type: snowflake\}/);
    const stored = (await org.db.manifestVersion.findUniqueOrThrow({ where: { ref: v.ref } })).yaml;
    expect(stored).toMatch(/^(#.*\n)*apiVersion: floe\.dev\/v1\nkind: Manifest\n/);
    expect(stored).toContain("compute:\n    type: snowflake # CRM volumes");
    const reread = parseManifest(stored, "sales.yaml", { ref: v.ref });
    expect(reread.violations.filter((x) => x.severity === "error" || x.code === "FLOE_COMPAT")).toEqual([]);
    expect((await draftOf("sales")).draftYaml).toBe(stored);
  });

  it("refuses a domain draft whose compute is outside the enterprise whitelist (422), storing no version", async () => {
    await edit(SALES_OWNER, "sales", (y) => y.replace("type: snowflake", "type: spark"));
    const before = await snapshotRows();
    await expect(publish(SALES_OWNER, "sales")).rejects.toSatisfy((e) => e instanceof ValidationFailedError && JSON.stringify(e.extra).includes("PLUGIN_NOT_APPROVED"));
    expect(await snapshotRows()).toEqual(before);
  });

  it("answers a stale draft save with 409 and the current draft, overwriting nothing", async () => {
    const m = await draftOf("sales");
    const actor = await org.actor(SALES_OWNER);
    const first = await saveDraft({ db: org.db, actor, input: { name: "sales", yaml: m.draftYaml + "\n# first\n", baseRevision: m.draftRevision } });
    expect(first.revision).toBe(m.draftRevision + 1);
    const stale = saveDraft({ db: org.db, actor, input: { name: "sales", yaml: m.draftYaml + "\n# second\n", baseRevision: m.draftRevision } });
    await expect(stale).rejects.toBeInstanceOf(StaleRevisionError);
    await stale.catch((e: StaleRevisionError) => expect(e.extra.current).toEqual({ yaml: m.draftYaml + "\n# first\n", revision: first.revision }));
    expect((await draftOf("sales")).draftYaml).toContain("# first");
    await expect(publishManifest({ db: org.db, actor, input: { name: "sales", baseRevision: m.draftRevision, message: "stale" } })).rejects.toBeInstanceOf(StaleRevisionError);
  });

  it("leaves no partial rows when publishing fails after the version insert", async () => {
    await edit(SALES_OWNER, "sales", (y) => y.replace("data_retention_days: 90", "data_retention_days: 120"));
    const before = await snapshotRows();
    const m = await draftOf("sales");
    const call = publishManifest({ db: org.db, actor: await org.actor(SALES_OWNER), input: { name: "sales", baseRevision: m.draftRevision, message: "x" }, fault: "version-insert" });
    await expect(call).rejects.toBeInstanceOf(InjectedFault);
    expect(await snapshotRows()).toEqual(before);
    expect(await verifyAuditChain(org.db)).toMatchObject({ ok: true });
  });

  it("rewrites a domain's parent to the enterprise's latest version and records it", async () => {
    await edit(CTO, "acme-enterprise", (y) => y.replace("minimum_test_coverage: 70", "minimum_test_coverage: 75"));
    const ent = await publish(CTO, "acme-enterprise");
    expect(ent.version).toBe("1.1.0");
    const sales = await publish(SALES_OWNER, "sales");
    const row = await org.db.manifestVersion.findUniqueOrThrow({ where: { ref: sales.ref }, include: { parentVersion: true } });
    expect(row.yaml).toContain(`parent_manifest: ${ent.ref}`);
    expect(row.parentVersion?.ref).toBe(ent.ref);
  });

  it("previews the impact of narrowing approved_plugins.compute and needs confirmation to publish it", async () => {
    await edit(CTO, "acme-enterprise", (y) => y.replace("compute: [duckdb, snowflake]", "compute: [duckdb]"));
    const impact = await previewImpact({ db: org.db, actor: await org.actor(CTO), name: "acme-enterprise" });
    const broken = impact.broken.filter((e) => e.kind === "domain").map((e) => e.name).sort();
    expect(broken).toEqual(["finance", "sales"]);
    expect(impact.broken.find((e) => e.name === "sales")!.newErrors.map((v) => v.code)).toContain("PLUGIN_NOT_APPROVED");

    const before = await snapshotRows();
    await expect(publish(CTO, "acme-enterprise")).rejects.toBeInstanceOf(ConfirmationRequiredError);
    expect(await snapshotRows()).toEqual(before);
    const v = await publish(CTO, "acme-enterprise", { confirmBreaking: true });
    expect((await org.db.manifestVersion.findUniqueOrThrow({ where: { ref: v.ref } })).confirmedBreaking).toBe(true);
  });

  it("previews from the memoised current tree (product texts taken from it) exactly as from a full read", async () => {
    // A product that is not approved: its text is not in the evaluation and is read by id.
    const product = await org.db.product.findFirstOrThrow({ where: { status: "approved" } });
    await org.db.product.update({ where: { id: product.id }, data: { status: "pending", floeYaml: `${product.floeYaml}\n# edited` } });
    await edit(CTO, "acme-enterprise", (y) => y.replace("compute: [duckdb, snowflake]", "compute: [duckdb]"));
    await evaluateCurrentOrg(org.db); // the current tree memoised, as the tree view leaves it
    const { snapshot: memoised } = await previewSnapshot(org.db);
    const full = await loadSnapshot(org.db);
    expect(memoised).toEqual(full);
    const impact = await previewImpact({ db: org.db, actor: await org.actor(CTO), name: "acme-enterprise" });
    const { impact: fromFullRead } = await preparePublication(full, full.manifests.find((m) => m.name === "acme-enterprise")!, (await draftOf("acme-enterprise")).draftYaml);
    expect(impact.broken).toEqual(fromFullRead.broken);
    expect(impact.changed).toEqual(fromFullRead.changed);
    expect(impact.broken.length).toBeGreaterThan(0);
  });

  it("lets exactly one of two concurrent publishes of the same revision through; the other gets 409", async () => {
    await edit(SALES_OWNER, "sales", (y) => y.replace("data_retention_days: 90", "data_retention_days: 120"));
    const versions = await org.db.manifestVersion.count();
    const results = await Promise.allSettled([publish(SALES_OWNER, "sales"), publish(SALES_OWNER, "sales")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failure = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(failure.reason.status ?? failure.reason.code).toSatisfy((c: unknown) => c === 409 || c === "P2002");
    expect(await org.db.manifestVersion.count()).toBe(versions + 1);
    expect(await verifyAuditChain(org.db)).toMatchObject({ ok: true });
  });

  it("seeds idempotently: drafts equal the published YAML, comments kept", async () => {
    const before = await snapshotRows();
    await seedOrganisation(org.db);
    expect(await snapshotRows()).toEqual(before);
    for (const m of await org.db.manifest.findMany({ include: { versions: true } })) {
      expect(m.versions).toHaveLength(1);
      expect(m.draftYaml).toBe(m.versions[0].yaml);
      expect(m.draftYaml).toMatch(/^# /);
    }
    expect(await org.db.product.count({ where: { status: "approved" } })).toBe(9);
    expect(await org.db.registrationRequest.count({ where: { status: "pending", requestedBy: { email: "analyst@acme.example" } } })).toBe(3);
  });

  it("rolls back by publishing an earlier version's content as a new version", async () => {
    await edit(SALES_OWNER, "sales", (y) => y.replace("data_retention_days: 90", "data_retention_days: 120"));
    await publish(SALES_OWNER, "sales");
    const v = await rollbackManifest({ db: org.db, actor: await org.actor(SALES_OWNER), input: { name: "sales", version: "1.0.0", message: "back" } });
    expect(v.version).toBe("1.2.0");
    const row = await org.db.manifestVersion.findUniqueOrThrow({ where: { ref: v.ref } });
    expect(row.yaml).toContain("data_retention_days: 90");
  });
});
