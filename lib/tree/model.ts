import type { PlatformResolution } from "../resolve/chain";
import type { Resolution } from "../resolve/resolve";
import { errorCount } from "../violations";

export type NodeKind = "enterprise" | "domain" | "platform" | "product";
export type NodeStatus = "valid" | "violations" | "pending";

export interface Rollup {
  products: number;
  broken: number;
  pending: number;
}

/** One node of the organisation tree: enterprise → domains (or 2-tier platforms) → products. */
export interface TreeNode {
  id: string;
  kind: NodeKind;
  name: string;
  ref?: string;
  version?: string;
  status: NodeStatus;
  /** Errors only: warnings (e.g. FLOE_COMPAT) do not make a node broken. */
  violationCount: number;
  compute?: string;
  retention?: number;
  /** A product waiting for its domain owner's approval. */
  pending: boolean;
  parent?: string;
  children: string[];
  /** Domains (and the enterprise) roll their products' statuses up. */
  rollup?: Rollup;
}

export interface TreeModel {
  root: string;
  nodes: Map<string, TreeNode>;
}

/** What the database knows that the evaluation does not: which manifests and products exist, and where they hang. */
export interface TreeSource {
  manifests: { name: string; tier: string; ref: string | null; version: string | null }[];
  /** `key` is the product's key in `OrgEvaluation.products`. */
  products: { key: string; name: string; domain: string; status: "approved" | "pending" }[];
}

/** The part of lib/org/evaluate.ts's OrgEvaluation the tree reads. */
export interface TreeEvaluation {
  platforms: Map<string, PlatformResolution>;
  products: Map<string, Resolution>;
}

/** The root's name when no enterprise manifest exists yet (2-tier platforms only). */
export const ORGANISATION = "Organisation";

export const nodeId = (kind: NodeKind, name: string) => `${kind[0]}:${name}`;


function get(obj: unknown, path: string[]): unknown {
  let cur = obj;
  for (const key of path) {
    if (cur == null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Default compute and retention of a resolved platform: what the canvas colours by. */
function platformTraits(resolved: Record<string, unknown> | null | undefined) {
  const compute = get(resolved, ["plugins", "compute", "type"]);
  const retention = get(resolved, ["governance", "data_retention_days"]);
  return { compute: typeof compute === "string" ? compute : undefined, retention: typeof retention === "number" ? retention : undefined };
}

/** A product runs on its platform's compute unless one of its transforms picks another. */
function productCompute(resolution: Resolution | undefined, fallback: string | undefined): string | undefined {
  const override = resolution?.parsed.product?.transforms.find((t) => t.compute && t.compute !== fallback)?.compute;
  return override ?? fallback;
}

/**
 * Builds the tree from the database listing and one organisation evaluation. Reads only
 * platform-level resolutions and each product's violations, so it never triggers the per-product
 * merge (Resolution builds its merged configuration lazily).
 */
export function buildTree(source: TreeSource, evaluation: TreeEvaluation): TreeModel {
  const nodes = new Map<string, TreeNode>();
  const enterprise = source.manifests.find((m) => m.tier === "enterprise");
  const root: TreeNode = enterprise
    ? manifestNode("enterprise", enterprise, evaluation)
    : { id: nodeId("enterprise", ORGANISATION), kind: "enterprise", name: ORGANISATION, status: "valid", violationCount: 0, pending: false, children: [] };
  root.rollup = { products: 0, broken: 0, pending: 0 };
  nodes.set(root.id, root);

  for (const m of source.manifests) {
    if (m.tier !== "domain" && m.tier !== "platform") continue;
    const node = manifestNode(m.tier, m, evaluation);
    node.parent = root.id;
    node.rollup = { products: 0, broken: 0, pending: 0 };
    root.children.push(node.id);
    nodes.set(node.id, node);
  }

  for (const p of source.products) {
    const domain = nodes.get(nodeId("domain", p.domain)) ?? nodes.get(nodeId("platform", p.domain));
    if (!domain) continue;
    const resolution = evaluation.products.get(p.key);
    const violationCount = resolution ? errorCount(resolution.violations) : 0;
    const pending = p.status === "pending";
    const node: TreeNode = {
      id: nodeId("product", p.name),
      kind: "product",
      name: p.name,
      version: resolution?.parsed.product?.metadata.version,
      status: pending ? "pending" : violationCount > 0 ? "violations" : "valid",
      violationCount,
      compute: productCompute(resolution, domain.compute),
      retention: domain.retention,
      pending,
      parent: domain.id,
      children: [],
    };
    nodes.set(node.id, node);
    domain.children.push(node.id);
    for (const r of [domain.rollup!, root.rollup]) {
      r.products++;
      if (pending) r.pending++;
      else if (violationCount > 0) r.broken++;
    }
  }
  // Natural order, as people number things: sales-2 before sales-10, orders-16 before orders-112.
  const byName = (a: string, b: string) => NATURAL.compare(nodes.get(a)!.name, nodes.get(b)!.name);
  root.children.sort(byName);
  for (const id of root.children) nodes.get(id)!.children.sort(byName);
  return { root: root.id, nodes };
}

const NATURAL = new Intl.Collator("en", { numeric: true });

function manifestNode(kind: NodeKind, m: TreeSource["manifests"][number], evaluation: TreeEvaluation): TreeNode {
  const platform = m.ref ? evaluation.platforms.get(m.ref) : undefined;
  const violationCount = platform ? errorCount(platform.violations) : 0;
  return {
    id: nodeId(kind, m.name),
    kind,
    name: m.name,
    ref: m.ref ?? undefined,
    version: m.version ?? undefined,
    // A manifest with no published version has nothing to resolve yet.
    status: !m.ref ? "pending" : violationCount > 0 ? "violations" : "valid",
    violationCount,
    ...platformTraits(platform?.resolved),
    pending: !m.ref,
    children: [],
  };
}
