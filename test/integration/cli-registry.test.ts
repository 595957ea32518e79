// `mesh push` / `mesh pull` / `mesh resolve|check --registry URL` against a real distribution registry,
// run as CI would: the real bin/mesh.mjs in a child process, judged by exit code and output.
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startRegistry, type TestRegistry } from "../support/registry";

const ACME = "examples/acme";
const PRODUCT = `${ACME}/products/sales/customer-360/floe.yaml`;
const REFS = ["acme-enterprise", "finance", "marketing", "sales"].map((n) => `oci://registry.acme.example/floe/${n}:1.0.0`);
const fileOf = (root: string, ref: string) => join(root, ref.replace(/^oci:\/\//, "").replace(/:([^:/]+)$/, "/$1.yaml"));

let tmp: string;

async function mesh(args: string[], env: Record<string, string> = {}) {
  const result = await promisify(execFile)("node", ["bin/mesh.mjs", ...args], {
    env: { ...process.env, XDG_CACHE_HOME: join(tmp, "cache"), MESH_REGISTRY_USERNAME: "", MESH_REGISTRY_PASSWORD: "", ...env },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
  return result;
}

// Each run starts node + tsx (~2 s on 2 cores), hence the generous per-test timeout.
describe("mesh CLI against a real registry", { timeout: 120_000 }, () => {
  let registry: TestRegistry;

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), "mesh-cli-registry-"));
    registry = await startRegistry();
  });
  afterAll(async () => {
    await registry?.stop();
    await rm(tmp, { recursive: true, force: true });
  });

  it("pushes an organisation, pulls it back byte-identical, and resolves from the registry like from the directory", async () => {
    const push = await mesh(["push", ACME, "--registry", registry.url]);
    expect(push.stderr).toBe("");
    expect(push.code).toBe(0);
    for (const ref of REFS) expect(push.stdout).toMatch(new RegExp(`^pushed ${ref} sha256:[a-f0-9]{64}$`, "m"));

    const again = await mesh(["push", ACME, "--registry", registry.url]);
    expect(again.code).toBe(0);
    expect(again.stdout.match(/^unchanged /gm)).toHaveLength(REFS.length);

    const out = join(tmp, "pulled");
    const pull = await mesh(["pull", ...REFS, "--registry", registry.url, "--out", out]);
    expect(pull.code).toBe(0);
    for (const ref of REFS) expect(await readFile(fileOf(out, ref), "utf8")).toBe(await readFile(fileOf(`${ACME}/registry`, ref), "utf8"));

    const fromDir = await mesh(["resolve", PRODUCT, "--registry", `${ACME}/registry`, "--json"]);
    const fromRegistry = await mesh(["resolve", PRODUCT, "--registry", registry.url, "--json"]);
    const fromPulled = await mesh(["resolve", PRODUCT, "--registry", out, "--json"]);
    expect(fromRegistry.code).toBe(0);
    expect(JSON.parse(fromRegistry.stdout).chain.map((c: { name: string }) => c.name)).toEqual(["acme-enterprise", "sales", "customer-360"]);
    expect(fromRegistry.stdout).toBe(fromDir.stdout);
    expect(fromPulled.stdout).toBe(fromDir.stdout);

    // Second resolve is served from the digest-keyed cache (content-addressed entries on disk).
    const cached = await mesh(["resolve", PRODUCT, "--registry", registry.url, "--json"]);
    expect(cached.stdout).toBe(fromDir.stdout);
  });

  it("checks an organisation's products against the registry", async () => {
    await mesh(["push", ACME, "--registry", registry.url]);
    const productsOnly = join(tmp, "products-only");
    await cp(`${ACME}/products`, join(productsOnly, "products"), { recursive: true });
    const viaRegistry = await mesh(["check", productsOnly, "--registry", registry.url, "--json"]);
    const viaDir = await mesh(["check", ACME, "--json"]);
    expect(viaRegistry.code).toBe(0);
    expect(JSON.parse(viaRegistry.stdout)).toMatchObject({ products: JSON.parse(viaDir.stdout).products, invalidProducts: 0, errors: 0 });
    expect(JSON.parse(viaRegistry.stdout).domains).toEqual(JSON.parse(viaDir.stdout).domains);
  });

  it("refuses to re-push a semver tag with different content (exit 1, TAG_IMMUTABLE)", async () => {
    await mesh(["push", ACME, "--registry", registry.url]);
    const changed = join(tmp, "changed");
    await cp(ACME, changed, { recursive: true });
    const sales = fileOf(join(changed, "registry"), REFS[3]);
    await writeFile(sales, (await readFile(sales, "utf8")) + "# edited after publishing\n");

    const push = await mesh(["push", changed, "--registry", registry.url]);
    expect(push.code).toBe(1);
    expect(push.stdout).toMatch(new RegExp(`^refused ${REFS[3]}: TAG_IMMUTABLE: .*immutable`, "m"));
    expect(push.stdout).toMatch(new RegExp(`^unchanged ${REFS[0]} `, "m"));
    const pulled = await mesh(["pull", REFS[3], "--registry", registry.url, "--out", join(tmp, "after-refusal")]);
    expect(await readFile(fileOf(join(tmp, "after-refusal"), REFS[3]), "utf8")).toBe(await readFile(fileOf(`${ACME}/registry`, REFS[3]), "utf8"));
    expect(pulled.code).toBe(0);
  });

  it("does not push a manifest with a plaintext secret", async () => {
    const push = await mesh(["push", "examples/broken/PLAINTEXT_SECRET", "--registry", registry.url]);
    expect(push.code).toBe(1);
    expect(push.stdout).toContain("error PLAINTEXT_SECRET");
    expect(push.stdout).toMatch(/^refused oci:\/\/registry\.acme\.example\/floe\/sales:1\.0\.0: the manifest has errors$/m);
  });

  it("reports a missing tag on pull as exit 1", async () => {
    const pull = await mesh(["pull", "oci://registry.acme.example/floe/sales:9.9.9", "--registry", registry.url, "--out", join(tmp, "missing")]);
    expect(pull.code).toBe(1);
    expect(pull.stdout).toContain("TAG_NOT_FOUND");
  });

  it("exits 2 with a clear message when the registry is down", async () => {
    const down = `http://127.0.0.1:${await freePort()}`;
    for (const args of [["resolve", PRODUCT, "--registry", down], ["push", ACME, "--registry", down], ["check", ACME, "--registry", down]]) {
      const run = await mesh(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`Cannot reach registry ${down}`);
    }
  });

  it("authenticates with credentials from flags or MESH_REGISTRY_* and exits 2 without them", async () => {
    const secured = await startRegistry({ auth: { username: "ci", password: "s3cret" } });
    try {
      const anonymous = await mesh(["push", ACME, "--registry", secured.url]);
      expect(anonymous.code).toBe(2);
      expect(anonymous.stderr).toContain("needs credentials");
      const viaEnv = await mesh(["push", ACME, "--registry", secured.url], { MESH_REGISTRY_USERNAME: "ci", MESH_REGISTRY_PASSWORD: "s3cret" });
      expect(viaEnv.code).toBe(0);
      const viaFlags = await mesh(["resolve", PRODUCT, "--registry", secured.url, "--username", "ci", "--password", "s3cret"]);
      expect(viaFlags.code).toBe(0);
    } finally {
      await secured.stop();
    }
  });
});
