// The organisation tree for the tree view: one batched load of the current tree, evaluated once
// (lib resolves each manifest chain once, however many products share it), encoded compactly.
// Evaluating 25,000 products takes seconds, so the encoded tree is kept until the database's change
// fingerprint moves (any write, by any instance: see dataFingerprint): in this process, and in the
// database for the next start and the other instances (./tree-store.ts).
import { buildTree, type TreeSource } from "../../lib/tree/model";
import { encodeTree } from "../../lib/tree/wire";
import type { Db } from "./db";
import { dataFingerprint, evaluateCurrentOrg, type OrgSnapshot } from "./org-evaluation";
import { readStoredTree, storedTreeFingerprint, storeTree } from "./tree-store";

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

// Per process; concurrent cold requests share one lookup (and evaluation).
const cache = globalThis as typeof globalThis & { __meshTree?: { fingerprint: string; json: Promise<string> } };

/** The current tree as JSON (`WireTree`, decoded by lib/tree/wire.ts's decodeTree). */
export async function currentTreeJson(db: Db): Promise<string> {
  const print = await dataFingerprint(db);
  const hit = cache.__meshTree;
  if (hit?.fingerprint === print) return hit.json;
  const json = storedOrEvaluated(db, storedTreeFingerprint(print));
  cache.__meshTree = { fingerprint: print, json };
  json.catch(() => {
    if (cache.__meshTree?.json === json) cache.__meshTree = undefined;
  });
  return json;
}

/** The tree stored at this fingerprint, else a new evaluation (stored for the next start and the other instances). */
async function storedOrEvaluated(db: Db, fingerprint: string): Promise<string> {
  const stored = await readStoredTree(db, fingerprint);
  if (stored !== null) return stored;
  const { snapshot, evaluation } = await evaluateCurrentOrg(db);
  const json = JSON.stringify(encodeTree(buildTree(treeSource(snapshot), evaluation)));
  // Not awaited: the answer does not wait for the write, and a failed write only costs a later evaluation.
  void storeTree(db, fingerprint, json);
  return json;
}
