// The console and a real OCI registry: publishing pushes, the registry status compares the database
// with the registry's tags, and `mesh resolve` finds a console-published version by its oci:// reference.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createOciClient } from "../../lib/oci";
import { pushUnpushedVersions } from "../../server/registry/push";
import { registryStatus } from "../../server/registry/status";
import { publishManifest } from "../../server/services/publish-manifest";
import { saveDraft } from "../../server/services/save-draft";
import { freePort, startRegistry, type TestRegistry } from "../support/registry";
import { SALES_OWNER, seededOrg, type SeededOrg } from "./services-setup";

const ENV_KEYS = ["MESH_REGISTRY_URL", "MESH_REGISTRY_USERNAME", "MESH_REGISTRY_PASSWORD", "MESH_REGISTRY_PREFIX"] as const;

let org: SeededOrg;
let registry: TestRegistry;
let tmp: string;
const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));

beforeEach(async () => {
  [org, registry, tmp] = await Promise.all([seededOrg(), startRegistry(), mkdtemp(join(tmpdir(), "mesh-interop-"))]);
  process.env.MESH_REGISTRY_URL = registry.url;
});
afterEach(async () => {
  for (const k of ENV_KEYS) if (savedEnv[k] === undefined) delete process.env[k];
  else process.env[k] = savedEnv[k];
  await Promise.all([org.close(), registry.stop(), rm(tmp, { recursive: true, force: true })]);
});

async function publishSalesRetention(days: number) {
  const m = await org.db.manifest.findFirstOrThrow({ where: { name: "sales" } });
  const actor = await org.actor(SALES_OWNER);
  const saved = await saveDraft({ db: org.db, actor, input: { name: "sales", yaml: m.draftYaml.replace("data_retention_days: 90", `data_retention_days: ${days}`), baseRevision: m.draftRevision } });
  return publishManifest({ db: org.db, actor, input: { name: "sales", baseRevision: saved.revision, message: "longer retention" } });
}

describe("console ↔ registry", { timeout: 90_000 }, () => {
  it("publishing pushes the version; mesh resolves a product against it from the registry", async () => {
    const backfill = await pushUnpushedVersions(org.db);
    expect(backfill.map((r) => r.outcome.status)).toEqual(["pushed", "pushed", "pushed", "pushed"]);

    const published = await publishSalesRetention(120);
    expect(published).toMatchObject({ ref: "oci://registry.acme.example/floe/sales:1.1.0", registry: "pushed" });
    const row = await org.db.manifestVersion.findUniqueOrThrow({ where: { ref: published.ref } });
    expect(row.registryDigest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(row.registryPushedAt).toBeInstanceOf(Date);

    // floe tooling pulls it by the reference: the bytes are the published YAML.
    const pulled = await createOciClient({ baseUrl: registry.url }).pullManifestYaml({ repository: "floe/sales", reference: "1.1.0" });
    expect(pulled.yaml).toBe(row.yaml);
    expect(pulled.digest).toBe(row.registryDigest);
    expect(pulled.layerDigest).toBe(row.digest);

    const status = await registryStatus(org.db);
    expect(status).toMatchObject({ configured: true, reachable: true, counts: { "in-sync": 5, missing: 0, drifted: 0 }, unknownTags: [] });

    const product = await org.db.product.findFirstOrThrow({ where: { name: "customer-360" } });
    const floe = join(tmp, "floe.yaml");
    await writeFile(floe, product.floeYaml.replace("floe/sales:1.0.0", "floe/sales:1.1.0"));
    const { stdout } = await promisify(execFile)("node", ["bin/mesh.mjs", "resolve", floe, "--registry", registry.url, "--json"], { env: { ...process.env, XDG_CACHE_HOME: join(tmp, "cache") } });
    const resolution = JSON.parse(stdout);
    expect(resolution.chain.map((c: { name: string; version: string }) => `${c.name}@${c.version}`)).toEqual(["acme-enterprise@1.0.0", "sales@1.1.0", "customer-360@2.3.0"]);
    expect(resolution.resolved.governance.data_retention_days).toBe(120);
  });

  it("reports versions missing from the registry, drifted ones, and tags the console never published", async () => {
    await pushUnpushedVersions(org.db);
    const client = createOciClient({ baseUrl: registry.url });
    // Someone deletes finance:1.0.0, another pushes different marketing content after deleting its tag.
    for (const repository of ["floe/finance", "floe/marketing"]) {
      const res = await fetch(`${registry.url}/v2/${repository}/manifests/${await client.resolveDigest(repository, "1.0.0")}`, { method: "DELETE" });
      expect(res.status).toBe(202);
    }
    const marketing = await org.db.manifestVersion.findUniqueOrThrow({ where: { ref: "oci://registry.acme.example/floe/marketing:1.0.0" } });
    await client.pushManifestYaml({ repository: "floe/marketing", tag: "1.0.0", yaml: marketing.yaml + "# changed outside the console\n" });
    await client.pushManifestYaml({ repository: "floe/sales", tag: "9.9.9", yaml: marketing.yaml });

    const status = await registryStatus(org.db);
    if (!status.configured || !status.reachable) throw new Error(`unexpected ${JSON.stringify(status)}`);
    expect(Object.fromEntries(status.versions.map((v) => [v.name, v.state]))).toEqual({ "acme-enterprise": "in-sync", finance: "missing", marketing: "drifted", sales: "in-sync" });
    expect(status.unknownTags).toEqual([{ repository: "floe/sales", tags: ["9.9.9"] }]);
  });

  it("keeps publishing when the registry is down: the version commits, the failure is audited, the status says unreachable", async () => {
    process.env.MESH_REGISTRY_URL = `http://127.0.0.1:${await freePort()}`;
    const published = await publishSalesRetention(150);
    expect(published.registry).toBe("failed");
    const row = await org.db.manifestVersion.findUniqueOrThrow({ where: { ref: published.ref } });
    expect(row.registryDigest).toBeNull();
    const failure = await org.db.auditEvent.findFirstOrThrow({ where: { action: "registry.push.failed", entityId: row.id } });
    expect(JSON.parse(failure.data)).toMatchObject({ ref: published.ref, code: "UNREACHABLE" });
    expect(await registryStatus(org.db)).toMatchObject({ configured: true, reachable: false, error: expect.stringContaining("Cannot reach registry") });
  });

  it("says so when no registry is configured", async () => {
    delete process.env.MESH_REGISTRY_URL;
    expect(await registryStatus(org.db)).toEqual({ configured: false });
    expect((await publishSalesRetention(100)).registry).toBe("disabled");
  });
});
