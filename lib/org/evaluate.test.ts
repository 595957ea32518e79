import { describe, expect, it } from "vitest";
import { evaluateOrg, impactOf } from "./evaluate";
import { generateOrganisation } from "./generate";

const manifests = [
  {
    ref: "oci://r.example/floe/acme-enterprise:1.0.0",
    text: `apiVersion: floe.dev/v1
kind: Manifest
metadata: { name: acme-enterprise, version: 1.0.0, owner: cto@acme.example }
scope: enterprise
approved_plugins: { compute: [duckdb, snowflake] }
plugins: { compute: { type: duckdb }, orchestrator: { type: dagster } }
`,
  },
  {
    ref: "oci://r.example/floe/sales:1.0.0",
    text: `apiVersion: floe.dev/v1
kind: Manifest
metadata: { name: sales, version: 1.0.0, owner: sales@acme.example }
scope: domain
parent_manifest: oci://r.example/floe/acme-enterprise:1.0.0
approved_products: [orders]
`,
  },
];
const product = (compute: string) => `apiVersion: floe.dev/v1
kind: FloeSpec
metadata: { name: orders, version: 1.0.0, owner: sales@acme.example }
platform: { manifest: "oci://r.example/floe/sales:1.0.0" }
transforms:
  - name: stg_orders
    tier: bronze
    compute: ${compute}
`;
const violationsOf = async (id: string, text: string) => (await evaluateOrg({ manifests, products: [{ id, text }] })).products.get(id)!.violations;

describe("evaluateOrg's parsed-product memo", () => {
  it("gives a re-evaluated product the same violations, positions included, as a fresh parse", async () => {
    const first = await violationsOf("memo-a", product("spark"));
    const again = await violationsOf("memo-a", product("spark"));
    const fresh = await violationsOf("memo-fresh", product("spark"));
    expect(first.length).toBeGreaterThan(0);
    expect(first.find((v) => v.severity === "error")?.line).toBe(8);
    expect(again).toEqual(first);
    expect(first.map(({ file: _file, ...v }) => v)).toEqual(fresh.map(({ file: _file, ...v }) => v));
  });

  it("parses again when a product's text changes", async () => {
    expect((await violationsOf("memo-b", product("spark"))).some((v) => v.severity === "error")).toBe(true);
    // sales selects no compute of its own, so its products inherit the enterprise's duckdb.
    expect((await violationsOf("memo-b", product("duckdb"))).filter((v) => v.severity === "error")).toEqual([]);
  });
});

describe("evaluateOrg's pause", () => {
  it("is awaited every 100 products and leaves the result unchanged", async () => {
    const products = Array.from({ length: 250 }, (_, i) => ({ id: `pause-${i}`, text: product(i % 2 ? "spark" : "snowflake") }));
    let pauses = 0;
    const paused = await evaluateOrg({ manifests, products }, { pause: async () => void pauses++ });
    const straight = await evaluateOrg({ manifests, products });
    expect(pauses).toBe(2);
    expect([...paused.products.values()].map((r) => r.violations)).toEqual([...straight.products.values()].map((r) => r.violations));
  });
});

/** A generated organisation as evaluateOrg reads it: manifests by reference, products by path. */
function generatedInput(domains: number, productsPerDomain: number, seed: number) {
  const manifests: { ref: string; text: string }[] = [];
  const products: { id: string; text: string }[] = [];
  for (const f of generateOrganisation({ domains, productsPerDomain, seed })) {
    const m = /^registry\/(.+)\/([^/]+)\/([^/]+)\.yaml$/.exec(f.path);
    if (m) manifests.push({ ref: `oci://${m[1]}/${m[2]}:${m[3]}`, text: f.text });
    else products.push({ id: f.path, text: f.text });
  }
  return { manifests, products };
}

describe("impactOf", () => {
  it("lists exactly the changed domain's products when one domain changes, and nothing when nothing does", async () => {
    const { manifests, products } = generatedInput(6, 15, 3);
    const before = await evaluateOrg({ manifests, products }, { followLatest: true });
    expect(impactOf(before, await evaluateOrg({ manifests, products }, { followLatest: true }))).toEqual({ changed: [], broken: [], fixed: [] });

    const sales = manifests.find((m) => m.ref.includes("/sales:"))!;
    const compute = /compute:\n\s+type: (\w+)/.exec(sales.text)![1];
    const switched = { ref: sales.ref.replace(/:[^:]+$/, ":9.0.0"), text: sales.text.replace(`type: ${compute}`, `type: ${compute === "duckdb" ? "snowflake" : "duckdb"}`) };
    const impact = impactOf(before, await evaluateOrg({ manifests: [...manifests, switched], products }, { followLatest: true }));
    const changedProducts = impact.changed.filter((e) => e.kind === "product");
    const salesProducts = products.filter((p) => p.id.startsWith("products/sales/")).map((p) => p.id);
    expect(changedProducts.map((e) => e.key).sort()).toEqual(salesProducts.sort());
    expect(changedProducts.every((e) => e.changedPaths.includes("plugins.compute.type"))).toBe(true);
  });

  it("gives every product the changes a full comparison of its merged configuration finds", async () => {
    const { manifests, products } = generatedInput(5, 12, 5);
    const enterprise = manifests.find((m) => /^scope: enterprise$/m.test(m.text))!;
    const narrowed = { ref: enterprise.ref.replace(/:[^:]+$/, ":2.0.0"), text: enterprise.text.replace(/data_retention_days: \d+/, "data_retention_days: 45").replace("- databricks\n", "") };
    expect(narrowed.text).not.toBe(enterprise.text);
    const before = await evaluateOrg({ manifests, products }, { followLatest: true });
    const after = await evaluateOrg({ manifests: [...manifests, narrowed], products }, { followLatest: true });
    const impact = impactOf(before, after);

    // The oracle: every product merged, and every resolved path compared.
    const at = (root: unknown, path: string) => path.split(".").reduce<unknown>((n, k) => (n && typeof n === "object" ? (n as Record<string, unknown>)[k] : undefined), root);
    const expected = new Map<string, string[]>();
    for (const [id, r] of after.products) {
      const was = before.products.get(id)!;
      const paths = [...new Set([...Object.keys(was.provenance), ...Object.keys(r.provenance)])].filter((k) => JSON.stringify(at(was.resolved, k)) !== JSON.stringify(at(r.resolved, k)));
      if (paths.length) expected.set(id, paths.sort());
    }
    const actual = new Map(impact.changed.filter((e) => e.kind === "product").map((e) => [e.key, e.changedPaths]));
    expect(expected.size).toBeGreaterThan(0);
    expect(actual).toEqual(expected);
  });
});
