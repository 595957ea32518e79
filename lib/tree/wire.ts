import { nodeId, type NodeKind, type NodeStatus, type TreeModel, type TreeNode } from "./model";

// The JSON the tree API sends: 25,000 products must stay well under a megabyte, so products are
// tuples and repeat neither their domain's compute/retention nor the parent link.
const STATUS: NodeStatus[] = ["valid", "violations", "pending"];
const KIND: Record<NodeKind, string> = { enterprise: "e", domain: "d", platform: "t", product: "p" };
const KIND_OF = Object.fromEntries(Object.entries(KIND).map(([k, v]) => [v, k])) as Record<string, NodeKind>;

interface WireManifest {
  k: string;
  n: string;
  r?: string;
  v?: string;
  s: number;
  c: number;
  cp?: string;
  rt?: number;
}
/** [name, status, errors, version, compute if not the domain's] */
type WireProduct = [string, number, number, string | null, string?];

export interface WireTree {
  e: WireManifest;
  d: (WireManifest & { p: WireProduct[] })[];
}

function manifestToWire(n: TreeNode): WireManifest {
  return { k: KIND[n.kind], n: n.name, r: n.ref, v: n.version, s: STATUS.indexOf(n.status), c: n.violationCount, cp: n.compute, rt: n.retention };
}

function manifestFromWire(w: WireManifest): TreeNode {
  const status = STATUS[w.s];
  const kind = KIND_OF[w.k];
  return {
    id: nodeId(kind, w.n),
    kind,
    name: w.n,
    ref: w.r,
    version: w.v,
    status,
    violationCount: w.c,
    compute: w.cp,
    retention: w.rt,
    pending: status === "pending",
    children: [],
    rollup: { products: 0, broken: 0, pending: 0 },
  };
}

export function encodeTree(model: TreeModel): WireTree {
  const root = model.nodes.get(model.root)!;
  return {
    e: manifestToWire(root),
    d: root.children.map((id) => {
      const d = model.nodes.get(id)!;
      const p = d.children.map((cid): WireProduct => {
        const c = model.nodes.get(cid)!;
        const tuple: WireProduct = [c.name, STATUS.indexOf(c.status), c.violationCount, c.version ?? null];
        if (c.compute !== d.compute && c.compute) tuple.push(c.compute);
        return tuple;
      });
      return { ...manifestToWire(d), p };
    }),
  };
}

/** Rebuilds the model (parent links, roll-ups) from the wire form. */
export function decodeTree(wire: WireTree): TreeModel {
  const nodes = new Map<string, TreeNode>();
  const root = manifestFromWire(wire.e);
  nodes.set(root.id, root);
  for (const wd of wire.d) {
    const d = manifestFromWire(wd);
    d.parent = root.id;
    root.children.push(d.id);
    nodes.set(d.id, d);
    for (const [name, s, c, version, compute] of wd.p) {
      const status = STATUS[s];
      const p: TreeNode = {
        id: nodeId("product", name),
        kind: "product",
        name,
        version: version ?? undefined,
        status,
        violationCount: c,
        compute: compute ?? d.compute,
        retention: d.retention,
        pending: status === "pending",
        parent: d.id,
        children: [],
      };
      nodes.set(p.id, p);
      d.children.push(p.id);
      for (const r of [d.rollup!, root.rollup!]) {
        r.products++;
        if (status === "pending") r.pending++;
        else if (status === "violations") r.broken++;
      }
    }
  }
  return { root: root.id, nodes };
}
