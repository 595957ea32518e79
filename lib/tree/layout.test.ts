import { describe, expect, it } from "vitest";
import { generatedTree } from "./generated";
import { buildTree } from "./model";
import { capExpanded, clusterId, layoutTree, MAX_CANVAS_NODES, ROW_HEIGHT } from "./layout";

describe("layoutTree", async () => {
  const model = await generatedTree(12, 60);
  const domains = model.nodes.get(model.root)!.children;

  it("shows collapsed domains as one cluster each, laid out left to right", () => {
    const layout = layoutTree(model, { expanded: [] });
    expect(layout.nodes).toHaveLength(1 + 12 + 12);
    const cluster = layout.nodes.find((n) => n.id === clusterId(domains[0]))!;
    expect(cluster).toMatchObject({ type: "cluster", hidden: 60 });
    const root = layout.nodes.find((n) => n.type === "enterprise")!;
    const domain = layout.nodes.find((n) => n.id === domains[0])!;
    expect(domain.x).toBeGreaterThan(root.x);
    expect(cluster.x).toBeGreaterThan(domain.x);
    expect(layout.edges).toHaveLength(layout.nodes.length - 1);
  });

  it("replaces a cluster by the domain's products when expanded, without overlaps", () => {
    const layout = layoutTree(model, { expanded: [domains[3]] });
    const products = layout.nodes.filter((n) => n.type === "product");
    expect(products).toHaveLength(60);
    expect(layout.nodes.some((n) => n.id === clusterId(domains[3]))).toBe(false);
    const ys = products.map((p) => p.y).sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++) expect(ys[i] - ys[i - 1]).toBeGreaterThanOrEqual(ROW_HEIGHT);
  });

  it("never mounts more than the cap: older expansions close, the newest stays open", () => {
    const expanded = domains.slice(0, 8);
    const kept = capExpanded(model, expanded, 150);
    expect(kept.at(-1)).toBe(domains[7]);
    expect(kept.length).toBeLessThan(8);
    const layout = layoutTree(model, { expanded, max: 150 });
    expect(layout.nodes.length).toBeLessThanOrEqual(150);
    expect(layout.expanded).toEqual(kept);
  });

  it("truncates a single domain larger than the canvas with a '+N more' cluster", () => {
    const layout = layoutTree(model, { expanded: [domains[0]], max: 40 });
    expect(layout.nodes.length).toBeLessThanOrEqual(40);
    const rest = layout.nodes.find((n) => n.id === clusterId(domains[0]))!;
    const shown = layout.nodes.filter((n) => n.type === "product").length;
    expect(rest.hidden! + shown).toBe(60);
  });

  it("fits a 500-product domain beside 49 collapsed ones", () => {
    // Layout needs only the shape: an unevaluated listing is enough (and fast).
    const big = buildTree(
      {
        manifests: Array.from({ length: 50 }, (_, d) => ({ name: `d${d}`, tier: "domain", ref: null, version: null })),
        products: Array.from({ length: 50 * 500 }, (_, i) => ({ key: `p${i}`, name: `p${i}`, domain: `d${i % 50}`, status: "approved" as const })),
      },
      { platforms: new Map(), products: new Map() },
    );
    const largest = big.nodes.get(big.root)!.children[0];
    const layout = layoutTree(big, { expanded: [largest] });
    expect(layout.nodes.length).toBeLessThanOrEqual(MAX_CANVAS_NODES);
    expect(layout.nodes.filter((n) => n.type === "product" && n.node.parent === largest)).toHaveLength(500);
  });
});
