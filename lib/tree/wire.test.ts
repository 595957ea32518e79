import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { NodeStatus, TreeModel, TreeNode } from "./model";
import { decodeTree, encodeTree } from "./wire";

const STATUSES: NodeStatus[] = ["valid", "violations", "pending"];
// Hostile names too: empty, `__proto__`, shared and non-shared prefixes, non-ASCII, quotes and backslashes.
const name = fc.oneof(fc.string({ maxLength: 120 }), fc.constantFrom("__proto__", "constructor", "", "a", "a-b", 'q"\\', "é-ü"), fc.string({ unit: "grapheme", maxLength: 20 }));
const product = fc.record({ name, status: fc.constantFrom(...STATUSES), errors: fc.nat({ max: 1000 }), version: fc.option(fc.oneof(fc.string({ maxLength: 8 }), fc.nat({ max: 60 }).map((n) => `1.${n}.0`)), { nil: undefined }), compute: fc.option(fc.constantFrom("duckdb", "spark", "snowflake"), { nil: undefined }) });
const domain = fc.record({ name, compute: fc.option(fc.constantFrom("duckdb", "databricks"), { nil: undefined }), retention: fc.option(fc.nat({ max: 3650 }), { nil: undefined }), products: fc.array(product, { maxLength: 40 }) });

/** A model as buildTree makes one: unique names, a product's compute its domain's unless it says otherwise, roll-ups counted. */
function modelOf(domains: { name: string; compute?: string; retention?: number; products: { name: string; status: NodeStatus; errors: number; version?: string; compute?: string }[] }[]): TreeModel {
  const rollup = () => ({ products: 0, broken: 0, pending: 0 });
  const root: TreeNode = { id: "e:acme", kind: "enterprise", name: "acme", status: "valid", violationCount: 0, pending: false, children: [], rollup: rollup(), ref: undefined, version: undefined, compute: undefined, retention: undefined };
  const nodes = new Map<string, TreeNode>([[root.id, root]]);
  for (const d of domains) {
    const id = `d:${d.name}`;
    if (nodes.has(id)) continue;
    const dn: TreeNode = { id, kind: "domain", name: d.name, status: "valid", violationCount: 0, pending: false, parent: root.id, children: [], rollup: rollup(), ref: undefined, version: undefined, compute: d.compute, retention: d.retention };
    nodes.set(id, dn);
    root.children.push(id);
    for (const p of d.products) {
      const pid = `p:${p.name}`;
      if (nodes.has(pid)) continue;
      nodes.set(pid, { id: pid, kind: "product", name: p.name, version: p.version, status: p.status, violationCount: p.errors, compute: p.compute ?? d.compute, retention: d.retention, pending: p.status === "pending", parent: id, children: [] });
      dn.children.push(pid);
      for (const r of [dn.rollup!, root.rollup!]) {
        r.products++;
        if (p.status === "pending") r.pending++;
        else if (p.status === "violations") r.broken++;
      }
    }
  }
  return { root: root.id, nodes };
}

describe("the tree's wire form", () => {
  it("round-trips any tree through JSON exactly", () => {
    fc.assert(
      fc.property(fc.array(domain, { maxLength: 8 }), (domains) => {
        const model = modelOf(domains);
        expect(decodeTree(JSON.parse(JSON.stringify(encodeTree(model))))).toEqual(model);
      }),
      { numRuns: 1000 },
    );
  });

  it("falls back from digits to numbers past 36 versions", () => {
    const model = modelOf([{ name: "d", products: Array.from({ length: 50 }, (_, i) => ({ name: `d-p-${i}`, status: "valid" as const, errors: 0, version: `1.${i}.0` })) }]);
    const wire = encodeTree(model);
    expect(Array.isArray(wire.d[0].pv)).toBe(true);
    expect(decodeTree(JSON.parse(JSON.stringify(wire)))).toEqual(model);
  });

  it("sends a product's shared name prefix once (the first character counts the shared characters)", () => {
    const model = modelOf([{ name: "sales", products: ["sales-orders-1", "sales-orders-2", "sales-orders-10"].map((n) => ({ name: n, status: "valid" as const, errors: 0 })) }]);
    expect(encodeTree(model).d[0].pn).toEqual(["0sales-orders-1", "=2", "=10"]);
  });
});
