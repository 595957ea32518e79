import { describe, expect, it } from "vitest";
import { evaluateOrg, preparseProducts } from "./evaluate";

const manifests = [
  {
    ref: "oci://r.example/floe/acme-enterprise:1.0.0",
    text: `apiVersion: floe.dev/v1
kind: Manifest
metadata: { name: acme-enterprise, version: 1.0.0, owner: cto@acme.example }
scope: enterprise
approved_plugins: { compute: [duckdb, snowflake] }
plugins: { compute: { type: duckdb } }
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
    await preparseProducts([{ id: "memo-a", text: product("spark") }], async () => {});
    const first = await violationsOf("memo-a", product("spark"));
    const again = await violationsOf("memo-a", product("spark"));
    const fresh = await violationsOf("memo-fresh", product("spark"));
    expect(first.length).toBeGreaterThan(0);
    expect(first.find((v) => v.severity === "error")?.line).toBe(8);
    expect(again).toEqual(first);
    expect(first.map(({ file, ...v }) => v)).toEqual(fresh.map(({ file, ...v }) => v));
  });

  it("parses again when a product's text changes", async () => {
    expect((await violationsOf("memo-b", product("spark"))).some((v) => v.severity === "error")).toBe(true);
    expect((await violationsOf("memo-b", product("snowflake"))).filter((v) => v.severity === "error")).toEqual([]);
  });
});
