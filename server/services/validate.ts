// Validation in the context of the current tree, for the editor and POST /api/validate.
import { assertCan, type Actor } from "../../lib/auth/permissions";
import { parseManifest, parseProduct } from "../../lib/manifest/parse";
import { approvedProductsOutsideDomain } from "../../lib/org/approved-products";
import { resolve } from "../../lib/resolve/resolve";
import type { Violation } from "../../lib/violations";
import type { Db } from "./db";
import type { Validate } from "./inputs";
import { currentStore, loadSnapshot, type OrgSnapshot, type SnapshotManifest } from "./org-evaluation";

/** Which domain (by name) each product is registered for. */
export type Registrations = (product: string) => string | undefined;

/** The registrations in a snapshot loaded with its products. */
export function registrationsIn(snapshot: OrgSnapshot): Registrations {
  const byName = new Map(snapshot.products.map((p) => [p.name, p.domain.name]));
  return (product) => byName.get(product);
}

/** The registrations read on their own (two columns), for reads that load the tree without products. */
export async function readRegistrations(db: Db, snapshot: OrgSnapshot): Promise<Registrations> {
  const domainName = new Map(snapshot.manifests.map((m) => [m.id, m.name]));
  const rows = await db.product.findMany({ select: { name: true, domainId: true } });
  const byName = new Map(rows.map((p) => [p.name, domainName.get(p.domainId)]));
  return (product) => byName.get(product);
}

/**
 * A manifest text's violations: its own, its chain's against the latest published parent, and for
 * a domain (given the registrations) approved products that are not registered for it.
 */
export async function validateManifestText(snapshot: OrgSnapshot, yaml: string, manifest?: SnapshotManifest, registrations?: Registrations): Promise<Violation[]> {
  const parsed = parseManifest(yaml, manifest ? `${manifest.name} (draft)` : "draft");
  if (!parsed.manifest) return parsed.violations;
  const { violations } = await currentStore(snapshot).resolveDraft(parsed);
  return registrations ? [...violations, ...approvedProductsOutsideDomain(parsed, registrations)] : violations;
}

/** A floe.yaml's violations against its domain's latest published version. */
export async function validateProductText(snapshot: OrgSnapshot, yaml: string, file = "floe.yaml"): Promise<Violation[]> {
  return (await resolve(parseProduct(yaml, file), currentStore(snapshot))).violations;
}

export async function validateYaml({ db, actor, input }: { db: Db; actor: Actor | null; input: Validate }) {
  const { kind, yaml, name } = input;
  assertCan(actor, "read");
  // Manifests only: validating one text resolves one chain, never the organisation's products.
  const snapshot = await loadSnapshot(db, { products: false });
  // The snapshot holds no products, so the registrations are read on their own (two columns).
  const violations =
    kind === "manifest"
      ? await validateManifestText(snapshot, yaml, snapshot.manifests.find((m) => m.name === name), await readRegistrations(db, snapshot))
      : await validateProductText(snapshot, yaml, name ? `${name}/floe.yaml` : "floe.yaml");
  return { violations };
}
