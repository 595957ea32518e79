import { describe, expect, it } from "vitest";
import { flattenVisible } from "./flatten";
import { generatedTree } from "./generated";

describe("flattenVisible", async () => {
  const model = await generatedTree(10, 20);
  const domains = model.nodes.get(model.root)!.children;

  it("lists the root, every domain, and the products of expanded domains", () => {
    expect(flattenVisible(model, new Set())).toHaveLength(11);
    const rows = flattenVisible(model, new Set([domains[2]]));
    expect(rows).toHaveLength(31);
    expect(rows[3]).toMatchObject({ depth: 1, expanded: true, node: { id: domains[2] } });
    expect(rows.slice(4, 24).every((r) => r.depth === 2 && r.node.parent === domains[2])).toBe(true);
  });

  it("numbers each row among its shown siblings, for a virtualised list's assistive technology", () => {
    const rows = flattenVisible(model, new Set([domains[2]]));
    expect(rows.filter((r) => r.depth === 1).map((r) => [r.position, r.siblings])).toEqual(domains.map((_, i) => [i + 1, 10]));
    expect(rows.filter((r) => r.depth === 2).map((r) => r.position)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const target = model.nodes.get(model.nodes.get(domains[5])!.children[7])!;
    const found = flattenVisible(model, new Set(), { q: target.name });
    expect(found.slice(1).map((r) => [r.position, r.siblings])).toEqual([[1, 1], [1, 1]]);
  });

  it("reveals name matches inside collapsed domains, with their domain as context", () => {
    const target = model.nodes.get(model.nodes.get(domains[5])!.children[7])!;
    const rows = flattenVisible(model, new Set(), { q: target.name.toUpperCase() });
    expect(rows.map((r) => r.node.id)).toEqual([model.root, domains[5], target.id]);
    expect(rows[1].match).toBe(false);
    expect(rows[2].match).toBe(true);
  });

  it("filters by compute and by status", () => {
    const compute = model.nodes.get(domains[0])!.compute!;
    const byCompute = flattenVisible(model, new Set(), { compute }).filter((r) => r.node.kind === "product");
    expect(byCompute.length).toBeGreaterThan(0);
    expect(byCompute.every((r) => r.node.compute === compute)).toBe(true);
    const broken = flattenVisible(model, new Set(), { status: "violations" }).filter((r) => r.node.kind === "product");
    expect(broken).toHaveLength(model.nodes.get(model.root)!.rollup!.broken);
  });
});
