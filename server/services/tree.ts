// The organisation tree for the tree view: one batched load of the current tree, evaluated once
// (lib resolves each manifest chain once, however many products share it), encoded compactly.
// Evaluating 25,000 products takes seconds, so the encoded tree is kept until a cheap fingerprint
// of the data changes (a publish, an approval, an edit).
import { buildTree, type TreeSource } from "../../lib/tree/model";
import { encodeTree } from "../../lib/tree/wire";
import type { Db } from "./db";
import { evaluateCurrentOrg, type OrgSnapshot } from "./org-evaluation";

/** Products shown: live ones and those waiting for approval (rejected, withdrawn and removed are gone). */
const SHOWN_STATUSES = new Set(["approved", "pending"]);

export function treeSource(snapshot: OrgSnapshot): TreeSource {
  return {
    manifests: snapshot.manifests.map((m) => ({ name: m.name, tier: m.tier, ref: m.latest?.ref ?? null, version: m.latest?.version ?? null })),
    products: snapshot.products
      .filter((p) => SHOWN_STATUSES.has(p.status))
      .map((p) => ({ key: p.id, name: p.name, domain: p.domain.name, status: p.status as "approved" | "pending" })),
  };
}

/** Changes whenever anything the tree shows changes: every write bumps a count or an updatedAt. */
async function fingerprint(db: Db): Promise<string> {
  const [manifests, versions, products] = await Promise.all([
    db.manifest.count(),
    db.manifestVersion.aggregate({ _count: { _all: true }, _max: { publishedAt: true } }),
    db.product.aggregate({ _count: { _all: true }, _max: { updatedAt: true } }),
  ]);
  return JSON.stringify([manifests, versions._count._all, versions._max.publishedAt, products._count._all, products._max.updatedAt]);
}

// Per process; concurrent cold requests share one evaluation.
const cache = globalThis as typeof globalThis & { __meshTree?: { fingerprint: string; json: Promise<string> } };

/** The current tree as JSON (`WireTree`, decoded by lib/tree/wire.ts's decodeTree). */
export async function currentTreeJson(db: Db): Promise<string> {
  const print = await fingerprint(db);
  const hit = cache.__meshTree;
  if (hit?.fingerprint === print) return hit.json;
  const json = evaluateCurrentOrg(db).then(({ snapshot, evaluation }) => JSON.stringify(encodeTree(buildTree(treeSource(snapshot), evaluation))));
  cache.__meshTree = { fingerprint: print, json };
  json.catch(() => {
    if (cache.__meshTree?.json === json) cache.__meshTree = undefined;
  });
  return json;
}
