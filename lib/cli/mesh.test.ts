import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runMesh } from "../../test/support/run-mesh";

const run = runMesh;
const tmp = mkdtempSync(join(tmpdir(), "mesh-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// Each case spawns the real CLI; allow for a busy machine.
describe("mesh CLI contract", { timeout: 60_000 }, () => {
  it("validate: exit 0 for valid files, 1 with FILE:LINE:COL: error CODE: message lines", async () => {
    const ok = await run("validate", "examples/acme/products/sales/customer-360/floe.yaml", "examples/acme/registry/registry.acme.example/floe/sales/1.0.0.yaml");
    expect(ok).toMatchObject({ code: 0, stdout: "" });
    const bad = await run("validate", "examples/broken/SCHEMA/registry/registry.acme.example/floe/acme-enterprise/1.0.0.yaml");
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^examples\/broken\/SCHEMA\/registry\/registry\.acme\.example\/floe\/acme-enterprise\/1\.0\.0\.yaml:18:3: error SCHEMA: .*did you mean 'pii_encryption'\?$/m);
  });

  it("validate: exit 2 on a missing file or unknown command", async () => {
    expect((await run("validate", "nope.yaml")).code).toBe(2);
    expect((await run("frobnicate")).code).toBe(2);
  });

  it("resolve --json prints the contract's object", async () => {
    const r = await run("resolve", "examples/acme/products/finance/cash-forecast/floe.yaml", "--registry", "examples/acme/registry", "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(["product", "mode", "chain", "resolved", "provenance", "violations"]);
    expect(out.product).toBe("cash-forecast");
    expect(out.mode).toBe("three-tier");
    expect(out.chain.map((c: { tier: string }) => c.tier)).toEqual(["enterprise", "domain", "product"]);
    expect(out.chain[0]).toMatchObject({ ref: "oci://registry.acme.example/floe/acme-enterprise:1.0.0", name: "acme-enterprise", version: "1.0.0" });
    expect(out.provenance["governance.pii_encryption"]).toMatchObject({ tier: "enterprise", ref: out.chain[0].ref, locked: true });
    expect(out.violations).toEqual([]);
  });

  it("resolve: exit 1 on a violation, 2 without --registry", async () => {
    const r = await run("resolve", "examples/broken/PRODUCT_NOT_APPROVED/products/sales/churn-signals/floe.yaml", "--registry", "examples/broken/PRODUCT_NOT_APPROVED/registry");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error PRODUCT_NOT_APPROVED/);
    expect((await run("resolve", "examples/acme/products/sales/customer-360/floe.yaml")).code).toBe(2);
  });

  it("check: summary per domain; generate: deterministic per seed, with planted violations", async () => {
    const clean = await run("check", "examples/acme");
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/^sales\s+3\s+0\s+0$/m);
    const a = join(tmp, "a");
    const b = join(tmp, "b");
    expect((await run("generate", a, "--domains", "12", "--products-per-domain", "20", "--seed", "7")).code).toBe(0);
    await run("generate", b, "--domains", "12", "--products-per-domain", "20", "--seed", "7");
    const files = (d: string) => readdirSync(join(d, "products"), { recursive: true }).map(String).sort();
    expect(files(a)).toEqual(files(b));
    expect(readFileSync(join(a, "registry/registry.acme.example/floe/sales/1.0.0.yaml"), "utf8")).toBe(readFileSync(join(b, "registry/registry.acme.example/floe/sales/1.0.0.yaml"), "utf8"));
    const checked = await run("check", a, "--json");
    expect(checked.code).toBe(1);
    const result = JSON.parse(checked.stdout);
    expect(result.products).toBe(240);
    const codes = new Set(result.violations.map((v: { code: string }) => v.code));
    for (const code of ["PLUGIN_NOT_APPROVED", "SECURITY_POLICY_OVERRIDE", "POLICY_WEAKENED", "RETENTION_OUT_OF_BOUNDS", "IMMUTABLE_OVERRIDE"]) expect(codes).toContain(code);
  });

  it("pull refuses references that would write outside --out, before fetching anything", async () => {
    const out = join(tmp, "pull-out");
    for (const ref of ["oci://registry.acme.example/../../escape:1.0.0", "oci://registry.acme.example/floe/%2e%2e/x:1.0.0", "oci://registry.acme.example/floe//x:1.0.0", "oci://registry.acme.example/floe/x:.."]) {
      const r = await run("pull", ref, "--registry", "http://127.0.0.1:9", "--out", out);
      expect([ref, r.code, r.stderr]).toEqual([ref, 2, expect.stringContaining("not a valid oci:// reference")]);
    }
    expect(readdirSync(tmp)).not.toContain("escape");
    expect(readdirSync(tmp)).not.toContain("pull-out");
  });

  it("schema prints JSON Schema for manifests and products", async () => {
    const m = await run("schema", "manifest");
    expect(JSON.parse(m.stdout).$schema).toMatch(/json-schema/);
    expect((await run("schema", "nope")).code).toBe(2);
  });
});
