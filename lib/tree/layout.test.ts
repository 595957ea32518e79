import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generatedTree } from "./generated";
import { buildTree, type TreeModel } from "./model";
import { capExpanded, clusterId, layoutTree, MAX_CANVAS_NODES, type TreeLayout } from "./layout";

/** A tree of the given domain sizes, unevaluated (layout needs only the shape). */
function shaped(sizes: number[]): TreeModel {
  return buildTree(
    {
      manifests: sizes.map((_, d) => ({ name: `d${d}`, tier: "domain", ref: null, version: null })),
      products: sizes.flatMap((n, d) => Array.from({ length: n }, (_, i) => ({ key: `d${d}-p${i}`, name: `d${d}-p${i}`, domain: `d${d}`, status: "approved" as const }))),
    },
    { platforms: new Map(), products: new Map() },
  );
}

/** Nodes of one column never overlap: cells are 240 × 40 at most (components/tree/tree-nodes.tsx). */
function expectNoOverlaps(layout: TreeLayout) {
  const cells = layout.nodes.filter((n) => n.type !== "enterprise").sort((a, b) => a.x - b.x || a.y - b.y);
  for (let i = 1; i < cells.length; i++) {
    const a = cells[i - 1], b = cells[i];
    if (Math.abs(a.x - b.x) < 264) expect(Math.abs(a.y - b.y), `${a.id} and ${b.id}`).toBeGreaterThanOrEqual(52);
  }
}

/** Every product of an open domain is drawn once: as its own node or inside one tile. */
function drawnProducts(layout: TreeLayout, domain: string): string[] {
  return layout.nodes.flatMap((n) => (n.type === "product" && n.node.parent === domain ? [n.id] : n.type === "tile" && n.node.id === domain ? n.products!.map((p) => p.id) : []));
}

describe("layoutTree", async () => {
  const model = await generatedTree(12, 60);
  const domains = model.nodes.get(model.root)!.children;

  it("shows collapsed domains as one cluster each, laid out left to right, the enterprise beside the first domain", () => {
    const layout = layoutTree(model, { expanded: [] });
    expect(layout.nodes).toHaveLength(1 + 12 + 12);
    const cluster = layout.nodes.find((n) => n.id === clusterId(domains[0]))!;
    expect(cluster).toMatchObject({ type: "cluster", hidden: 60 });
    const root = layout.nodes.find((n) => n.type === "enterprise")!;
    const domain = layout.nodes.find((n) => n.id === domains[0])!;
    expect(domain.x).toBeGreaterThan(root.x);
    expect(cluster.x).toBeGreaterThan(domain.x);
    expect(root.y).toBe(domain.y);
    expect(layout.edges).toHaveLength(layout.nodes.length - 1);
    expect(layout.aggregated).toEqual([]);
  });

  it("replaces a cluster by the domain's products when expanded, a grid without overlaps", () => {
    const layout = layoutTree(model, { expanded: [domains[3]] });
    const products = layout.nodes.filter((n) => n.type === "product");
    expect(products).toHaveLength(60);
    expect(new Set(products.map((p) => p.x)).size).toBeGreaterThan(1);
    expect(layout.nodes.some((n) => n.id === clusterId(domains[3]))).toBe(false);
    expectNoOverlaps(layout);
  });

  it("never holds more than the cap: older expansions close, the newest stays open", () => {
    const expanded = domains.slice(0, 8);
    const kept = capExpanded(model, expanded, 150);
    expect(kept.at(-1)).toBe(domains[7]);
    expect(kept.length).toBeLessThan(8);
    const layout = layoutTree(model, { expanded, max: 150 });
    expect(layout.nodes.length).toBeLessThanOrEqual(150);
    expect(layout.expanded).toEqual(kept);
  });

  it("draws a domain larger than the budget as tiles that hold every product, and says so", () => {
    const layout = layoutTree(model, { expanded: [domains[0]], max: 40 });
    expect(layout.nodes.length).toBeLessThanOrEqual(40);
    expect(drawnProducts(layout, domains[0]).sort()).toEqual([...model.nodes.get(domains[0])!.children].sort());
    expect(layout.aggregated).toMatchObject([{ domain: { id: domains[0] }, products: 60 }]);
  });

  it("keeps two 500-product domains open beside 48 collapsed ones: the newest in full, the other as tiles", () => {
    const big = shaped(Array.from({ length: 50 }, () => 500));
    const [first, second] = big.nodes.get(big.root)!.children;
    const layout = layoutTree(big, { expanded: [first, second] });
    expect(layout.expanded).toEqual([first, second]);
    expect(layout.nodes.length).toBeLessThanOrEqual(MAX_CANVAS_NODES);
    expect(layout.nodes.filter((n) => n.type === "product" && n.node.parent === second)).toHaveLength(500);
    expect(drawnProducts(layout, first)).toHaveLength(500);
    const [agg] = layout.aggregated;
    expect(agg).toMatchObject({ domain: { id: first }, products: 500 });
    expect(agg.tiles * agg.perTile).toBeGreaterThanOrEqual(500);
    expectNoOverlaps(layout);
  });

  it("for any shape and any open list: within budget, every open product drawn once, unique ids, no overlaps", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 700 }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.oneof(fc.nat({ max: 40 }).map((i) => `d:d${i}`), fc.constantFrom("d:__proto__", "", "p:x", "c:d0")), { maxLength: 12 }),
        fc.integer({ min: 150, max: 900 }),
        (sizes, expanded, max) => {
          const m = shaped(sizes);
          const layout = layoutTree(m, { expanded, max });
          expect(layout.nodes.length).toBeLessThanOrEqual(max);
          expect(new Set(layout.nodes.map((n) => n.id)).size).toBe(layout.nodes.length);
          for (const d of layout.expanded) expect(drawnProducts(layout, d)).toHaveLength(m.nodes.get(d)!.children.length);
          expectNoOverlaps(layout);
        },
      ),
      { numRuns: 300 },
    );
  });
});
