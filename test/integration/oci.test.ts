import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOciClient, isOciError, ociManifestSource, sha256Digest, type OciErrorCode } from "../../lib/oci";
import { fileDigestCache } from "../../lib/node/oci-cache";
import { freePort, startRegistry, startSilentServer, type TestRegistry } from "../support/registry";
import { startTokenServer, type TokenServer } from "../support/registry-token";

const enterpriseYaml = (retentionDays: number) => `apiVersion: floe.dev/v1
kind: Manifest
metadata:
  name: acme-enterprise
  version: 1.0.0
  owner: platform@acme.example
  description: Acme enterprise guardrails
scope: enterprise
plugins: {}
governance:
  data_retention_days: ${retentionDays}
`;

const productYaml = `apiVersion: floe.dev/v1
kind: FloeSpec
metadata:
  name: orders
  version: 2.1.0
platform:
  manifest: oci://registry.acme.example/floe/sales:1.0.0
transforms:
  - name: stg_orders
`;

async function expectOciError(promise: Promise<unknown>, code: OciErrorCode): Promise<Error> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isOciError(error) ? error.code : error).toBe(code);
  return error as Error;
}

/** Where distribution's filesystem driver keeps a blob's bytes. */
const blobPath = (storageDir: string, digest: string) => {
  const hex = digest.slice("sha256:".length);
  return join(storageDir, "docker/registry/v2/blobs/sha256", hex.slice(0, 2), hex, "data");
};

/** Flips one character in place: same length, so only the hash gives the corruption away. */
async function corrupt(file: string, from: string, to: string) {
  const text = await readFile(file, "utf8");
  expect(text).toContain(from);
  await writeFile(file, text.replace(from, to));
}

describe("OCI client against a real registry", () => {
  let registry: TestRegistry;

  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(async () => {
    await registry?.stop();
  });

  it("pushes a manifest and pulls it back by tag and by digest, byte-identical", async () => {
    const client = createOciClient({ baseUrl: registry.url });
    const yaml = enterpriseYaml(365);
    const pushed = await client.pushManifestYaml({ repository: "floe/acme-enterprise", tag: "1.0.0", yaml });

    expect(pushed.layerDigest).toBe(await sha256Digest(new TextEncoder().encode(yaml)));
    expect(pushed.size).toBe(new TextEncoder().encode(yaml).length);
    expect(pushed.unchanged).toBe(false);
    expect(await client.resolveDigest("floe/acme-enterprise", "1.0.0")).toBe(pushed.digest);

    const byTag = await client.pullManifestYaml({ repository: "floe/acme-enterprise", reference: "1.0.0" });
    const byDigest = await client.pullManifestYaml({ repository: "floe/acme-enterprise", reference: pushed.digest });
    for (const pulled of [byTag, byDigest]) {
      expect(pulled.yaml).toBe(yaml);
      expect(pulled.digest).toBe(pushed.digest);
      expect(pulled.layerDigest).toBe(pushed.layerDigest);
      expect(pulled.artifactType).toBe("application/vnd.floe.manifest.v1+yaml");
    }
    expect(byTag.annotations).toMatchObject({
      "org.opencontainers.image.title": "acme-enterprise",
      "org.opencontainers.image.version": "1.0.0",
      "org.opencontainers.image.description": "Acme enterprise guardrails",
      "io.floe.manifest.name": "acme-enterprise",
      "io.floe.manifest.version": "1.0.0",
      "io.floe.manifest.scope": "enterprise",
      "io.floe.manifest.digest": pushed.layerDigest,
    });
  });

  it("stores the artifact in the agreed OCI layout (raw manifest as the registry serves it)", async () => {
    const client = createOciClient({ baseUrl: registry.url });
    const { digest } = await client.pushManifestYaml({ repository: "floe/layout", tag: "1.0.0", yaml: enterpriseYaml(30) });
    const res = await fetch(`${registry.url}/v2/floe/layout/manifests/${digest}`, {
      headers: { accept: "application/vnd.oci.image.manifest.v1+json" },
    });
    const manifest = await res.json();
    expect(manifest).toMatchObject({
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      artifactType: "application/vnd.floe.manifest.v1+yaml",
      config: {
        mediaType: "application/vnd.oci.empty.v1+json",
        digest: "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
        size: 2,
      },
      layers: [{ mediaType: "application/vnd.floe.manifest.v1+yaml", annotations: { "org.opencontainers.image.title": "manifest.yaml" } }],
    });
    expect(Date.parse(manifest.annotations["org.opencontainers.image.created"])).not.toBeNaN();
  });

  it("pushes a product floe.yaml as the product artifact variant", async () => {
    const client = createOciClient({ baseUrl: registry.url });
    const pushed = await client.pushProductYaml({ repository: "products/orders", tag: "2.1.0", yaml: productYaml });
    const pulled = await client.pullManifestYaml({ repository: "products/orders", reference: "2.1.0" });
    expect(pulled.yaml).toBe(productYaml);
    expect(pulled.digest).toBe(pushed.digest);
    expect(pulled.artifactType).toBe("application/vnd.floe.product.v1+yaml");
    expect(pulled.annotations).toMatchObject({ "io.floe.product.name": "orders", "io.floe.product.version": "2.1.0" });
  });

  it("refuses to publish YAML that is not the expected floe kind", async () => {
    const client = createOciClient({ baseUrl: registry.url });
    await expectOciError(client.pushManifestYaml({ repository: "floe/wrong", tag: "1.0.0", yaml: productYaml }), "INVALID_ARTIFACT");
  });

  it("lists tags; an unknown repository has none", async () => {
    const client = createOciClient({ baseUrl: registry.url });
    for (const tag of ["1.0.0", "1.1.0", "latest"]) {
      await client.pushManifestYaml({ repository: "floe/tags", tag, yaml: enterpriseYaml(Number(tag.split(".")[1] ?? 7) + 1) });
    }
    expect((await client.listTags("floe/tags")).sort()).toEqual(["1.0.0", "1.1.0", "latest"]);
    expect(await client.listTags("floe/never-pushed")).toEqual([]);
  });

  it("keeps semver tags immutable: same content is idempotent, different content is refused, latest may move", async () => {
    const client = createOciClient({ baseUrl: registry.url });
    const repository = "floe/immutable";
    const first = await client.pushManifestYaml({ repository, tag: "v1.2.3", yaml: enterpriseYaml(90) });

    const again = await client.pushManifestYaml({ repository, tag: "v1.2.3", yaml: enterpriseYaml(90) });
    expect(again).toEqual({ ...first, unchanged: true });

    const refused = await expectOciError(client.pushManifestYaml({ repository, tag: "v1.2.3", yaml: enterpriseYaml(91) }), "TAG_IMMUTABLE");
    expect(refused.message).toContain("floe/immutable:v1.2.3");
    expect(refused.message).toContain(registry.url);
    expect((await client.pullManifestYaml({ repository, reference: "v1.2.3" })).yaml).toBe(enterpriseYaml(90));

    await client.pushManifestYaml({ repository, tag: "latest", yaml: enterpriseYaml(90) });
    const moved = await client.pushManifestYaml({ repository, tag: "latest", yaml: enterpriseYaml(91) });
    expect(moved.unchanged).toBe(false);
    expect((await client.pullManifestYaml({ repository, reference: "latest" })).yaml).toBe(enterpriseYaml(91));
  });

  it("reports a missing tag as TAG_NOT_FOUND and a missing digest as MANIFEST_NOT_FOUND", async () => {
    const client = createOciClient({ baseUrl: registry.url });
    await client.pushManifestYaml({ repository: "floe/missing", tag: "1.0.0", yaml: enterpriseYaml(1) });
    const error = await expectOciError(client.pullManifestYaml({ repository: "floe/missing", reference: "9.9.9" }), "TAG_NOT_FOUND");
    expect(error.message).toContain("floe/missing");
    expect(error.message).toContain("9.9.9");
    await expectOciError(client.resolveDigest("floe/missing", "9.9.9"), "TAG_NOT_FOUND");
    await expectOciError(client.pullManifestYaml({ repository: "floe/no-such-repo", reference: "1.0.0" }), "TAG_NOT_FOUND");
    await expectOciError(client.pullManifestYaml({ repository: "floe/missing", reference: `sha256:${"0".repeat(64)}` }), "MANIFEST_NOT_FOUND");
  });

  it("detects a corrupted layer blob in registry storage (DIGEST_MISMATCH)", async () => {
    const client = createOciClient({ baseUrl: registry.url });
    // Blobs are shared across repositories, so corruption tests use content no other test pushes.
    const { layerDigest } = await client.pushManifestYaml({ repository: "floe/corrupt-layer", tag: "1.0.0", yaml: enterpriseYaml(4001) });
    await corrupt(blobPath(registry.storageDir, layerDigest), "days: 4001", "days: 9001");
    const error = await expectOciError(client.pullManifestYaml({ repository: "floe/corrupt-layer", reference: "1.0.0" }), "DIGEST_MISMATCH");
    expect(error.message).toMatch(/^Layer of floe\/corrupt-layer:1\.0\.0/);
    expect(error.message).toContain(layerDigest);
  });

  it("detects a corrupted manifest when pulling by digest (DIGEST_MISMATCH)", async () => {
    const client = createOciClient({ baseUrl: registry.url });
    const { digest } = await client.pushManifestYaml({ repository: "floe/corrupt-manifest", tag: "1.0.0", yaml: enterpriseYaml(4002) });
    await corrupt(blobPath(registry.storageDir, digest), "Acme enterprise guardrails", "Evil enterprise guardrails");
    const error = await expectOciError(client.pullManifestYaml({ repository: "floe/corrupt-manifest", reference: digest }), "DIGEST_MISMATCH");
    expect(error.message).toMatch(/^Manifest for floe\/corrupt-manifest@sha256:/);
    expect(error.message).toContain(digest);
  });

  it("serves as a ManifestSource: tags re-resolved per call, content cached by digest, missing → null", async () => {
    const client = createOciClient({ baseUrl: registry.url });
    const repository = "floe/source";
    const seen = new Map<string, string>();
    const source = ociManifestSource(client, { cache: { get: (d) => seen.get(d), set: (d, t) => void seen.set(d, t) } });
    const ref = "oci://registry.acme.example/floe/source:latest";

    const v1 = await client.pushManifestYaml({ repository, tag: "latest", yaml: enterpriseYaml(10) });
    expect(await source(ref)).toEqual({ text: enterpriseYaml(10), file: ref });
    expect([...seen.keys()]).toEqual([v1.digest]);

    const v2 = await client.pushManifestYaml({ repository, tag: "latest", yaml: enterpriseYaml(20) });
    expect((await source(ref))?.text).toBe(enterpriseYaml(20));
    expect([...seen.keys()]).toEqual([v1.digest, v2.digest]);

    const pinned = `oci://registry.acme.example/floe/source@${v1.digest}`;
    expect((await source(pinned))?.text).toBe(enterpriseYaml(10));
    expect(await source("oci://registry.acme.example/floe/source:0.0.1")).toBeNull();
  });

  it("persists pulled YAML in a digest-keyed directory cache that later sources reuse without pulling", async () => {
    const client = createOciClient({ baseUrl: registry.url });
    const dir = await mkdtemp(join(tmpdir(), "mesh-oci-cache-"));
    try {
      const ref = "oci://registry.acme.example/floe/disk-cached:1.0.0";
      const yaml = enterpriseYaml(4003);
      const { digest, layerDigest } = await client.pushManifestYaml({ repository: "floe/disk-cached", tag: "1.0.0", yaml });
      expect((await ociManifestSource(client, { cache: fileDigestCache(dir) })(ref))?.text).toBe(yaml);
      expect(await readFile(join(dir, "sha256", `${digest.slice(7)}.yaml`), "utf8")).toBe(yaml);

      // With the registry copy corrupted, only a source that does not pull again still succeeds.
      await corrupt(blobPath(registry.storageDir, layerDigest), "days: 4003", "days: 9003");
      expect((await ociManifestSource(client, { cache: fileDigestCache(dir) })(ref))?.text).toBe(yaml);
      await expectOciError(ociManifestSource(client)(ref), "DIGEST_MISMATCH");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("OCI client authentication (htpasswd registry)", () => {
  let registry: TestRegistry;
  const auth = { username: "publisher", password: "correct horse" };

  beforeAll(async () => {
    registry = await startRegistry({ auth });
  });
  afterAll(async () => {
    await registry?.stop();
  });

  it("pushes and pulls with correct basic credentials", async () => {
    const client = createOciClient({ baseUrl: registry.url, ...auth });
    const pushed = await client.pushManifestYaml({ repository: "floe/secured", tag: "1.0.0", yaml: enterpriseYaml(5) });
    const pulled = await client.pullManifestYaml({ repository: "floe/secured", reference: "1.0.0" });
    expect(pulled.digest).toBe(pushed.digest);
    expect(await client.listTags("floe/secured")).toEqual(["1.0.0"]);
  });

  it("reports a wrong password as UNAUTHORIZED, naming the registry", async () => {
    const client = createOciClient({ baseUrl: registry.url, username: auth.username, password: "wrong" });
    const error = await expectOciError(client.listTags("floe/secured"), "UNAUTHORIZED");
    expect(error.message).toContain(registry.url);
  });

  it("reports missing credentials as UNAUTHORIZED", async () => {
    const client = createOciClient({ baseUrl: registry.url });
    await expectOciError(client.pullManifestYaml({ repository: "floe/secured", reference: "1.0.0" }), "UNAUTHORIZED");
  });
});

describe("OCI client authentication (bearer tokens from a token service)", () => {
  let tokens: TokenServer;
  let registry: TestRegistry;

  beforeAll(async () => {
    tokens = await startTokenServer({
      publisher: { password: "pub-pass", actions: ["pull", "push"] },
      reader: { password: "read-pass", actions: ["pull"] },
    });
    registry = await startRegistry({ env: tokens.registryEnv });
  });
  afterAll(async () => {
    await registry?.stop();
    await tokens?.stop();
  });

  it("fetches a token per scope with basic credentials and reuses it across requests", async () => {
    const client = createOciClient({ baseUrl: registry.url, username: "publisher", password: "pub-pass" });
    const pushed = await client.pushManifestYaml({ repository: "floe/bearer", tag: "1.0.0", yaml: enterpriseYaml(6) });
    const pulled = await client.pullManifestYaml({ repository: "floe/bearer", reference: "1.0.0" });
    await client.pullManifestYaml({ repository: "floe/bearer", reference: pushed.digest });
    expect(pulled.yaml).toBe(enterpriseYaml(6));
    // One token for push (pull,push scope: immutability check, 2 blob uploads, manifest) and one for pulls.
    expect(tokens.requests.map((r) => r.scope)).toEqual([["repository:floe/bearer:pull,push"], ["repository:floe/bearer:pull"]]);
  });

  it("reports a push without push rights as DENIED", async () => {
    const client = createOciClient({ baseUrl: registry.url, username: "reader", password: "read-pass" });
    expect(await client.listTags("floe/bearer")).toEqual(["1.0.0"]);
    const error = await expectOciError(client.pushManifestYaml({ repository: "floe/bearer", tag: "latest", yaml: enterpriseYaml(6) }), "DENIED");
    expect(error.message).toContain("floe/bearer");
  });

  it("reports credentials the token service rejects as UNAUTHORIZED", async () => {
    const client = createOciClient({ baseUrl: registry.url, username: "publisher", password: "nope" });
    await expectOciError(client.listTags("floe/bearer"), "UNAUTHORIZED");
  });
});

describe("OCI client network failures", () => {
  it("reports a closed port as UNREACHABLE with the URL", async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const client = createOciClient({ baseUrl: url, timeoutMs: 5_000 });
    const error = await expectOciError(client.listTags("floe/anything"), "UNREACHABLE");
    expect(error.message).toContain(url);
  });

  it("gives up on a registry that accepts connections but never answers (TIMEOUT)", async () => {
    const silent = await startSilentServer();
    try {
      const client = createOciClient({ baseUrl: silent.url, timeoutMs: 300 });
      const error = await expectOciError(client.pullManifestYaml({ repository: "floe/slow", reference: "1.0.0" }), "TIMEOUT");
      expect(error.message).toContain("300 ms");
    } finally {
      await silent.stop();
    }
  });
});
