// Validation in the context of the current tree, for the editor and POST /api/validate.
import { assertCan, type Actor } from "../../lib/auth/permissions";
import { parseManifest, parseProduct } from "../../lib/manifest/parse";
import { resolve } from "../../lib/resolve/resolve";
import type { Violation } from "../../lib/violations";
import type { Db } from "./db";
import { parseInput, ValidateInput } from "./inputs";
import { currentStore, loadSnapshot, type OrgSnapshot, type SnapshotManifest } from "./org-evaluation";

/** A manifest text's violations: its own, and its chain's against the latest published parent. */
export async function validateManifestText(snapshot: OrgSnapshot, yaml: string, manifest?: SnapshotManifest): Promise<Violation[]> {
  const parsed = parseManifest(yaml, manifest ? `${manifest.name} (draft)` : "draft");
  if (!parsed.manifest) return parsed.violations;
  return (await currentStore(snapshot).resolveDraft(parsed)).violations;
}

/** A floe.yaml's violations against its domain's latest published version. */
export async function validateProductText(snapshot: OrgSnapshot, yaml: string, file = "floe.yaml"): Promise<Violation[]> {
  return (await resolve(parseProduct(yaml, file), currentStore(snapshot))).violations;
}

export async function validateYaml({ db, actor, input }: { db: Db; actor: Actor | null; input: unknown }) {
  const { kind, yaml, name } = parseInput(ValidateInput, input);
  assertCan(actor, "read");
  // Manifests only: validating one text resolves one chain, never the organisation's products.
  const snapshot = await loadSnapshot(db, { products: false });
  const violations =
    kind === "manifest" ? await validateManifestText(snapshot, yaml, snapshot.manifests.find((m) => m.name === name)) : await validateProductText(snapshot, yaml, name ? `${name}/floe.yaml` : "floe.yaml");
  return { violations };
}
