import { nodeId, type NodeKind, type NodeStatus, type TreeModel, type TreeNode } from "./model";

// The JSON the tree API sends. 25,000 products must stay small and 100,000 quick on a 10 Mbit/s
// link, so a domain's products travel as columns: names front-coded (products of a domain share
// long prefixes), statuses as one digit each, versions as indexes into one shared list, and errors
// and compute overrides only where there are any. Retention and the parent link are the domain's.
// 50 × 500 generated: 932 kB as one tuple per product, 238 kB as columns (gzip: 104 kB → 49 kB).
const STATUS: NodeStatus[] = ["valid", "violations", "pending"];
const KIND: Record<NodeKind, string> = { enterprise: "e", domain: "d", platform: "t", product: "p" };
const KIND_OF = Object.fromEntries(Object.entries(KIND).map(([k, v]) => [v, k])) as Record<string, NodeKind>;
/** Front coding: a name's first character is `PREFIX_BASE + n`, n = characters shared with the previous name. */
const PREFIX_BASE = 48;
const MAX_SHARED = 78;
/** Versions as one base-36 digit per product while the shared list has at most 36 entries. */
const DIGITS = 36;

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

interface WireDomain extends WireManifest {
  /** Product names, front-coded, in the domain's order. */
  pn: string[];
  /** Statuses: one digit per product (index into STATUS). */
  ps: string;
  /** Versions: per product an index into `WireTree.V`, as base-36 digits or (more than 36 versions) numbers. */
  pv: string | number[];
  /** Products with errors: index, count, index, count… */
  pe?: number[];
  /** Products whose compute is not the domain's: index, compute, index, compute… */
  pc?: (number | string)[];
}

export interface WireTree {
  /** Format: 2 = columns per domain. */
  f: 2;
  /** Every product version in the tree (null: none). */
  V: (string | null)[];
  e: WireManifest;
  d: WireDomain[];
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

function frontCode(names: readonly string[]): string[] {
  let previous = "";
  return names.map((name) => {
    let shared = 0;
    const limit = Math.min(previous.length, name.length, MAX_SHARED);
    while (shared < limit && previous.charCodeAt(shared) === name.charCodeAt(shared)) shared++;
    previous = name;
    return String.fromCharCode(PREFIX_BASE + shared) + name.slice(shared);
  });
}

export function encodeTree(model: TreeModel): WireTree {
  const root = model.nodes.get(model.root)!;
  const versions = new Map<string | null, number>();
  const versionIndex = (v: string | undefined) => {
    const key = v ?? null;
    if (!versions.has(key)) versions.set(key, versions.size);
    return versions.get(key)!;
  };
  const domains = root.children.map((id) => {
    const d = model.nodes.get(id)!;
    const products = d.children.map((cid) => model.nodes.get(cid)!);
    const pe: number[] = [];
    const pc: (number | string)[] = [];
    products.forEach((p, i) => {
      if (p.violationCount) pe.push(i, p.violationCount);
      if (p.compute && p.compute !== d.compute) pc.push(i, p.compute);
    });
    const wire: WireDomain = { ...manifestToWire(d), pn: frontCode(products.map((p) => p.name)), ps: products.map((p) => STATUS.indexOf(p.status)).join(""), pv: products.map((p) => versionIndex(p.version)) };
    if (pe.length) wire.pe = pe;
    if (pc.length) wire.pc = pc;
    return wire;
  });
  if (versions.size <= DIGITS) for (const d of domains) d.pv = (d.pv as number[]).map((i) => i.toString(DIGITS)).join("");
  return { f: 2, V: [...versions.keys()], e: manifestToWire(root), d: domains };
}

/**
 * Rebuilds the model (parent links, roll-ups) from the wire form. The browser runs this for every
 * product on the tree page's first paint (100,000 at the largest size), so the loop allocates only
 * the node itself: names decoded in place, roll-ups counted per domain and added once.
 */
export function decodeTree(wire: WireTree): TreeModel {
  const nodes = new Map<string, TreeNode>();
  const root = manifestFromWire(wire.e);
  nodes.set(root.id, root);
  const total = root.rollup!;
  for (const wd of wire.d) {
    const d = manifestFromWire(wd);
    d.parent = root.id;
    root.children.push(d.id);
    nodes.set(d.id, d);
    const errors = new Map<number, number>();
    for (let i = 0; i + 1 < (wd.pe?.length ?? 0); i += 2) errors.set(wd.pe![i], wd.pe![i + 1]);
    const computes = new Map<number, string>();
    for (let i = 0; i + 1 < (wd.pc?.length ?? 0); i += 2) computes.set(wd.pc![i] as number, wd.pc![i + 1] as string);
    const digits = typeof wd.pv === "string" ? wd.pv : null;
    const numbers = typeof wd.pv === "string" ? null : wd.pv;
    let pending = 0;
    let broken = 0;
    let previous = "";
    for (let i = 0; i < wd.pn.length; i++) {
      const coded = wd.pn[i];
      const name = (previous = previous.slice(0, coded.charCodeAt(0) - PREFIX_BASE) + coded.slice(1));
      const status = STATUS[wd.ps.charCodeAt(i) - 48];
      if (status === "pending") pending++;
      else if (status === "violations") broken++;
      const p: TreeNode = {
        id: nodeId("product", name),
        kind: "product",
        name,
        version: wire.V[digits ? parseInt(digits[i], DIGITS) : numbers![i]] ?? undefined,
        status,
        violationCount: errors.get(i) ?? 0,
        compute: computes.get(i) ?? d.compute,
        retention: d.retention,
        pending: status === "pending",
        parent: d.id,
        children: [],
      };
      nodes.set(p.id, p);
      d.children.push(p.id);
    }
    const count = wd.pn.length;
    Object.assign(d.rollup!, { products: count, broken, pending });
    total.products += count;
    total.broken += broken;
    total.pending += pending;
  }
  return { root: root.id, nodes };
}
