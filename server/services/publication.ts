// What publishing a manifest text would produce, computed before any write: the next version,
// the rewritten YAML (floe's canonical form, version, and for a domain the parent it now builds
// on), its reference and digest, its violations in the context of the current tree, and its
// impact on everything else.
import { createHash } from "node:crypto";
import { inc, valid, gt } from "semver";
import { parseDocument } from "yaml";
import { YAML11 } from "../../lib/yaml/yaml11";
import { canonicalManifest } from "../../lib/manifest/canonical";
import { parseManifest } from "../../lib/manifest/parse";
import { approvedProductsOutsideDomain } from "../../lib/org/approved-products";
import { evaluateOrg, impactOf, type Impact } from "../../lib/org/evaluate";
import type { Violation } from "../../lib/violations";
import { ValidationFailedError } from "./errors";
import { currentEvaluation, currentStore, evaluateCurrent, orgInput, type OrgSnapshot, type SnapshotManifest } from "./org-evaluation";
import { registrationsIn } from "./validate";

export interface Publication {
  yaml: string;
  version: string;
  ref: string;
  digest: string;
  /** The enterprise version a domain builds on. */
  parent: SnapshotManifest["latest"];
  /** What was rewritten into floe's form (the ADR's shorthand), one line each; also FLOE_COMPAT warnings in `violations`. */
  normalised: string[];
  violations: Violation[];
  impact: Impact;
}

export const digestOf = (text: string) => `sha256:${createHash("sha256").update(text, "utf8").digest("hex")}`;

export const refOf = (org: OrgSnapshot["org"], name: string, version: string) => `oci://${org.registryHost}/${org.registryPrefix}/${name}:${version}`;

/** A minor bump of the latest version, unless the author asked for a higher one in metadata.version. */
export function nextVersion(latest: string | null, requested: string | undefined): string {
  const wanted = requested && valid(requested) ? requested : null;
  if (!latest) return wanted ?? "1.0.0";
  const bumped = inc(latest, "minor") ?? "1.0.0";
  return wanted && gt(wanted, bumped) ? wanted : bumped;
}

function problem(file: string, code: Violation["code"], path: string, message: string, tier: Violation["tier"]): Violation {
  return { code, severity: "error", path, tier, ref: null, file, message, line: 1, column: 1 };
}

/** Parses `source`; throws ValidationFailedError when it cannot become a version of `manifest`. */
function parseForPublication(manifest: SnapshotManifest, source: string) {
  const parsed = parseManifest(source, `${manifest.name} (draft)`);
  if (!parsed.manifest) throw new ValidationFailedError(parsed.violations);
  const tier = manifest.tier as Violation["tier"];
  if (parsed.manifest.metadata.name !== manifest.name)
    throw new ValidationFailedError([problem(parsed.file, "SCHEMA", "metadata.name", `metadata.name must stay '${manifest.name}'`, tier)]);
  if (parsed.tier !== manifest.tier)
    throw new ValidationFailedError([problem(parsed.file, "SCOPE_MISMATCH", "scope", `this manifest is a ${manifest.tier} manifest; its scope cannot change`, tier)]);
  return parsed;
}

export async function preparePublication(snapshot: OrgSnapshot, manifest: SnapshotManifest, draft: string): Promise<Publication> {
  // Stored as floe reads it: the ADR's shorthand expanded, the header present.
  const canonical = canonicalManifest(draft, { name: manifest.name, version: manifest.latest?.version ?? "1.0.0", owner: "unknown" });
  const source = canonical.yaml;
  const parsed = parseForPublication(manifest, source);
  const version = nextVersion(manifest.latest?.version ?? null, parsed.manifest!.metadata.version);
  const parent = manifest.tier === "domain" ? (snapshot.manifests.find((m) => m.id === manifest.parentId)?.latest ?? null) : null;
  if (manifest.tier === "domain" && !parent)
    throw new ValidationFailedError([problem(parsed.file, "REF_UNRESOLVED", "parent_manifest", "the enterprise manifest has no published version to build on", "domain")]);

  // The Document API keeps comments and key order; only these two values change.
  const doc = parseDocument(source, YAML11);
  doc.setIn(["metadata", "version"], version);
  if (parent) doc.set("parent_manifest", parent.ref);
  const yaml = doc.toString({ lineWidth: 0 });
  const ref = refOf(snapshot.org, manifest.name, version);

  const published = parseManifest(yaml, ref, { ref });
  const platform = await currentStore(snapshot).resolveDraft(published);
  // Reported against the source text, so line and column point into what the author wrote.
  const outside = approvedProductsOutsideDomain(parsed, registrationsIn(snapshot));
  const input = orgInput(snapshot);
  // The current tree's evaluation is shared (memoised by what it reads); the changed tree is evaluated
  // on top of it, so only what the edit can reach is resolved again and compared.
  const before = await currentEvaluation(snapshot);
  const after = await evaluateOrg({ ...input, manifests: [...input.manifests, { ref, text: yaml }] }, { ...evaluateCurrent, base: before });
  const notes: Violation[] = canonical.normalised.map((line) => ({
    ...problem(parsed.file, "FLOE_COMPAT", line.slice(0, line.indexOf(":")), `published in floe's form: ${line}`, parsed.tier),
    severity: "warning",
  }));
  return { yaml, version, ref, digest: digestOf(yaml), parent, normalised: canonical.normalised, violations: [...notes, ...platform.violations, ...outside], impact: impactOf(before, after) };
}
