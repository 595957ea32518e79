// The organisation tree for the tree view: one batched load of the current tree, evaluated once
// (lib resolves each manifest chain once, however many products share it), encoded compactly.
// Evaluating 25,000 products takes seconds, so the encoded tree is kept until the database's change
// fingerprint moves (any write, by any instance: see dataFingerprint).
import { buildTree, type TreeSource } from "../../lib/tree/model";
import { encodeTree } from "../../lib/tree/wire";
import type { Db } from "./db";
import { dataFingerprint, evaluateCurrentOrg, type OrgSnapshot } from "./org-evaluation";

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

// Per process; concurrent cold requests share one evaluation.
const cache = globalThis as typeof globalThis & { __meshTree?: { fingerprint: string; json: Promise<string> } };

/** The current tree as JSON (`WireTree`, decoded by lib/tree/wire.ts's decodeTree). */
export async function currentTreeJson(db: Db): Promise<string> {
  const print = await dataFingerprint(db);
  const hit = cache.__meshTree;
  if (hit?.fingerprint === print) return hit.json;
  const json = evaluateCurrentOrg(db).then(({ snapshot, evaluation }) => JSON.stringify(encodeTree(buildTree(treeSource(snapshot), evaluation))));
  cache.__meshTree = { fingerprint: print, json };
  json.catch(() => {
    if (cache.__meshTree?.json === json) cache.__meshTree = undefined;
  });
  return json;
}
