import { describe, expect, it } from "vitest";
import { evaluateOrg } from "../org/evaluate";
import { generatedTree } from "./generated";
import { buildTree, nodeId } from "./model";
import { decodeTree, encodeTree } from "./wire";

const ENTERPRISE = `apiVersion: floe.dev/v1
kind: Manifest
metadata: { name: acme-enterprise, version: 1.0.0, owner: cto@acme.example }
scope: enterprise
approved_plugins: { compute: [duckdb, snowflake] }
plugins: { compute: { type: duckdb }, orchestrator: { type: dagster } }
governance: { pii_encryption: required, data_retention_days: 30 }
`;
const SALES = `apiVersion: floe.dev/v1
kind: Manifest
metadata: { name: sales, version: 1.0.0, owner: sales@acme.example }
scope: domain
parent_manifest: oci://r.example/floe/acme-enterprise:1.0.0
plugins: { compute: { type: snowflake } }
governance: { data_retention_days: 90 }
approved_products: [orders]
`;
const product = (name: string) => `apiVersion: floe.dev/v1
kind: FloeSpec
metadata: { name: ${name}, version: 2.1.0, owner: sales@acme.example }
platform: { manifest: "oci://r.example/floe/sales:1.0.0" }
transforms:
  - name: stg_orders
    tier: bronze
`;

describe("buildTree", () => {
  it("places products under their domains with status, compute, retention and roll-ups", async () => {
    const evaluation = await evaluateOrg(
      {
        manifests: [
          { ref: "oci://r.example/floe/acme-enterprise:1.0.0", text: ENTERPRISE },
          { ref: "oci://r.example/floe/sales:1.0.0", text: SALES },
        ],
        products: [
          { id: "p1", text: product("orders") },
          { id: "p2", text: product("refunds") },
          { id: "p3", text: product("leads") },
        ],
      },
      { followLatest: true },
    );
    const model = buildTree(
      {
        manifests: [
          { name: "acme-enterprise", tier: "enterprise", ref: "oci://r.example/floe/acme-enterprise:1.0.0", version: "1.0.0" },
          { name: "sales", tier: "domain", ref: "oci://r.example/floe/sales:1.0.0", version: "1.0.0" },
        ],
        products: [
          { key: "p1", name: "orders", domain: "sales", status: "approved" },
          { key: "p2", name: "refunds", domain: "sales", status: "approved" },
          { key: "p3", name: "leads", domain: "sales", status: "pending" },
        ],
      },
      evaluation,
    );
    const sales = model.nodes.get(nodeId("domain", "sales"))!;
    expect(sales).toMatchObject({ status: "valid", compute: "snowflake", retention: 90, rollup: { products: 3, broken: 1, pending: 1 } });
    expect(model.nodes.get(nodeId("product", "orders"))).toMatchObject({ status: "valid", violationCount: 0, compute: "snowflake", version: "2.1.0", parent: sales.id });
    // Not in approved_products: PRODUCT_NOT_APPROVED.
    expect(model.nodes.get(nodeId("product", "refunds"))).toMatchObject({ status: "violations", violationCount: 1 });
    expect(model.nodes.get(nodeId("product", "leads"))).toMatchObject({ status: "pending", pending: true });
    expect(model.nodes.get(model.root)!.rollup).toEqual({ products: 3, broken: 1, pending: 1 });
  });

  it("marks the planted domain faults of a generated organisation and rolls them up", async () => {
    const model = await generatedTree(10, 20);
    const domains = model.nodes.get(model.root)!.children.map((id) => model.nodes.get(id)!);
    expect(domains).toHaveLength(10);
    const broken = domains.filter((d) => d.status === "violations");
    expect(broken.length).toBe(5);
    // Every product of a broken domain inherits its errors.
    for (const d of broken) expect(d.rollup!.broken).toBe(d.rollup!.products);
  });

  it("orders domains and products naturally (2 before 10), whatever order they come in", () => {
    const domains = ["sales-10", "sales", "sales-2"];
    const products = ["orders-10", "orders-112", "orders-2", "orders-16"];
    const model = buildTree(
      {
        manifests: domains.map((name) => ({ name, tier: "domain", ref: null, version: null })),
        products: products.map((name) => ({ key: name, name, domain: "sales", status: "approved" as const })),
      },
      { platforms: new Map(), products: new Map() },
    );
    const names = (ids: string[]) => ids.map((id) => model.nodes.get(id)!.name);
    expect(names(model.nodes.get(model.root)!.children)).toEqual(["sales", "sales-2", "sales-10"]);
    expect(names(model.nodes.get(nodeId("domain", "sales"))!.children)).toEqual(["orders-2", "orders-10", "orders-16", "orders-112"]);
  });

  it("survives the compact wire form unchanged", async () => {
    const model = await generatedTree(4, 30);
    const wire = JSON.parse(JSON.stringify(encodeTree(model)));
    expect(decodeTree(wire)).toEqual(model);
  });
});
