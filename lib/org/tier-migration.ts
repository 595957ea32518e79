import { isMap, isScalar, parseDocument, stringify, type Scalar } from "yaml";
import type { Manifest } from "../manifest/schema/manifest";
import { YAML11, YAML11_OUTPUT } from "../yaml/yaml11";

/**
 * ADR-0038 phase 2: a 2-tier platform manifest becomes a domain under an enterprise manifest, and no
 * product's floe.yaml changes (they keep naming the platform's repository, whose next version is
 * the domain). Pure: texts in, texts out; the console previews and validates the result before
 * publishing it (server/services/tier-migration.ts).
 */
export interface TierMigrationInput {
  /** The platform manifest's latest published text and parsed form. */
  platformYaml: string;
  platform: Manifest;
  /** The domain's version (the platform's next). */
  domainVersion: string;
  /** The enterprise the domain will build on: its reference, and for a new one its name and owner. */
  enterprise: { ref: string; create?: { name: string; owner: string } };
  /** The products registered against the platform: the domain approves them all. */
  products: readonly string[];
}

export interface TierMigrationPlan {
  /** The new enterprise manifest (null when the domain joins an existing one). */
  enterpriseYaml: string | null;
  domainYaml: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A baseline that changes nothing the platform resolved to: its governance and observability, its
 * observability backends, and a whitelist of exactly the plugins it selects. Every value the domain
 * keeps is then equal to, or allowed under, the enterprise's.
 */
export function enterpriseFrom(platform: Manifest, name: string, owner: string): string {
  const plugins = isRecord(platform.plugins) ? platform.plugins : {};
  const approved: Record<string, string[]> = {};
  const backends: Record<string, unknown> = {};
  for (const [category, selection] of Object.entries(plugins)) {
    if (category === "telemetry_backend" || category === "lineage_backend") backends[category] = selection;
    else if (category === "quality" && isRecord(selection) && typeof selection.provider === "string") approved.quality = [selection.provider];
    else if (isRecord(selection) && typeof selection.type === "string") approved[category] = [selection.type];
  }
  if (typeof platform.defaults?.compute === "string" && !approved.compute?.includes(platform.defaults.compute)) approved.compute = [...(approved.compute ?? []), platform.defaults.compute];
  const doc: Record<string, unknown> = {
    apiVersion: "floe.dev/v1",
    kind: "Manifest",
    metadata: { name, version: "1.0.0", owner, description: `Enterprise baseline created from platform '${platform.metadata.name}' (ADR-0038 phase 2).` },
    scope: "enterprise",
    approved_plugins: approved,
    plugins: backends,
  };
  if (platform.observability) doc.observability = platform.observability;
  if (platform.governance) doc.governance = platform.governance;
  return `# Created by the console's 2-tier → 3-tier migration: the platform's own values, so nothing it resolved to changes.\n${stringify(doc, { ...YAML11, ...YAML11_OUTPUT })}`;
}

/** The platform's text as a domain: scope, parent and the approved products added; comments and layout kept. */
export function domainFrom(platformYaml: string, version: string, parentRef: string, products: readonly string[]): string {
  const doc = parseDocument(platformYaml, YAML11);
  if (doc.errors.length || !isMap(doc.contents)) throw new Error("the platform manifest is not an editable YAML mapping");
  doc.setIn(["metadata", "version"], version);
  const map = doc.contents;
  map.delete("scope");
  map.delete("parent_manifest");
  // Right after metadata, where floe's own examples put them.
  const at = map.items.findIndex((p) => isScalar(p.key) && p.key.value === "metadata") + 1;
  const scope = doc.createPair("scope", "domain");
  const parent = doc.createPair("parent_manifest", parentRef);
  (parent.key as Scalar).commentBefore = " Added by the 2-tier → 3-tier migration (ADR-0038 phase 2): products keep their floe.yaml.";
  map.items.splice(at, 0, scope as (typeof map.items)[number], parent as (typeof map.items)[number]);
  const names = [...new Set(products)].sort();
  if (names.length) doc.set("approved_products", names);
  return doc.toString(YAML11_OUTPUT);
}

export function planTierMigration(input: TierMigrationInput): TierMigrationPlan {
  const create = input.enterprise.create;
  return {
    enterpriseYaml: create ? enterpriseFrom(input.platform, create.name, create.owner) : null,
    domainYaml: domainFrom(input.platformYaml, input.domainVersion, input.enterprise.ref, input.products),
  };
}
