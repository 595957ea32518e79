import type { ParsedManifest } from "../manifest/parse";
import type { Tier, Violation, ViolationCode } from "../violations";
import type { ResolveOptions } from "./exceptions";
import { mergeChain, type Provenance } from "./merge";
import { REQUIRED_PLUGINS } from "./rules";

export interface ChainLink {
  tier: Tier;
  ref: string | null;
  name: string;
  version: string;
}

/** A platform manifest resolved with its ancestors: what every product under it inherits. */
export interface PlatformResolution {
  ref: string | null;
  mode: "two-tier" | "three-tier";
  /** Top of the hierarchy first: enterprise, domain (or the single platform manifest). */
  chain: ChainLink[];
  /** Null when the chain could not be built (missing parent, cycle, broken schema). */
  resolved: Record<string, unknown> | null;
  provenance: Record<string, Provenance>;
  /** The manifests' own problems and the inheritance rules' findings. */
  violations: Violation[];
  top: ParsedManifest;
  enterprise: ParsedManifest | null;
}

export type ManifestLookup = (ref: string) => Promise<ParsedManifest | null>;

function linkOf(p: ParsedManifest): ChainLink {
  return { tier: p.tier, ref: p.ref, name: p.manifest?.metadata.name ?? p.file, version: p.manifest?.metadata.version ?? "" };
}

function at(p: ParsedManifest, code: ViolationCode, path: string, message: string): Violation {
  const pos = p.locate(path);
  return { code, severity: "error", path, tier: p.tier, ref: p.ref, file: p.file, message, line: pos.line, column: pos.column };
}

/**
 * Resolves a manifest with its parents, following ADR-0038's algorithm: a domain loads its
 * enterprise parent and merges enterprise ← domain; a manifest without scope stands alone
 * (2-tier). Parents are followed until they end or repeat, so cycles are named, not looped.
 */
export async function resolveChain(top: ParsedManifest, lookup: ManifestLookup, options: ResolveOptions = {}): Promise<PlatformResolution> {
  const violations = [...top.violations];
  const result = (resolved: PlatformResolution["resolved"], provenance: PlatformResolution["provenance"], chain: ChainLink[], enterprise: ParsedManifest | null): PlatformResolution => ({
    ref: top.ref,
    mode: top.tier === "domain" || top.tier === "enterprise" ? "three-tier" : "two-tier",
    chain,
    resolved,
    provenance,
    violations,
    top,
    enterprise,
  });
  const m = top.manifest;
  if (!m) return result(null, {}, [linkOf(top)], null);
  if (top.tier !== "domain") {
    const merged = mergeChain({ tier: top.tier, ref: top.ref, parsed: top, manifest: m }, null);
    violations.push(...merged.violations);
    if (top.tier === "platform") violations.push(...missingPlugins(top, merged.resolved, null));
    return result(merged.resolved, merged.provenance, [linkOf(top)], top.tier === "enterprise" ? top : null);
  }
  const parentRef = m.parent_manifest;
  if (!parentRef) return result(null, {}, [linkOf(top)], null);

  const parent = await lookup(parentRef);
  if (!parent) {
    violations.push(at(top, "REF_UNRESOLVED", "parent_manifest", `parent manifest ${parentRef} could not be found`));
    return result(null, {}, [linkOf(top)], null);
  }
  if (!parent.manifest && parent.tier !== "enterprise") {
    // An unreadable parent has no scope to mismatch: say it could not be read, and where.
    const first = parent.violations.find((v) => v.severity === "error");
    const why = first ? `: ${first.file}:${first.line}:${first.column}: ${first.code}: ${first.message}` : "";
    violations.push(at(top, "REF_UNRESOLVED", "parent_manifest", `parent manifest ${parentRef} could not be read${why}`));
    return result(null, {}, [linkOf(parent), linkOf(top)], null);
  }
  if (parent.tier !== "enterprise") {
    const cycle = await findCycle(top, lookup);
    if (cycle) violations.push(at(top, "INHERITANCE_CYCLE", "parent_manifest", `Circular inheritance detected: ${cycle.join(" → ")}`));
    else violations.push(at(top, "SCOPE_MISMATCH", "parent_manifest", `a domain's parent_manifest must be an enterprise manifest (scope: enterprise); ${parentRef} has ${parent.manifest?.scope ? `scope: ${parent.manifest.scope}` : "no scope (2-tier platform)"}`));
    return result(null, {}, [linkOf(parent), linkOf(top)], null);
  }
  violations.push(...parent.violations);
  if (!parent.manifest) return result(null, {}, [linkOf(parent), linkOf(top)], parent);
  const merged = mergeChain(
    { tier: "enterprise", ref: parent.ref, parsed: parent, manifest: parent.manifest },
    { tier: "domain", ref: top.ref, parsed: top, manifest: m },
    options,
  );
  violations.push(...merged.violations, ...missingPlugins(top, merged.resolved, parent));
  return result(merged.resolved, merged.provenance, [linkOf(parent), linkOf(top)], parent);
}

/** floe compile refuses a platform without the plugins it needs (E201): say so on the manifest that would run. */
function missingPlugins(top: ParsedManifest, resolved: Record<string, unknown>, parent: ParsedManifest | null): Violation[] {
  const plugins = resolved.plugins as Record<string, unknown> | undefined;
  const where = parent ? `neither domain '${top.manifest?.metadata.name}' nor enterprise '${parent.manifest?.metadata.name}' selects one` : "the platform manifest selects none";
  const missing = REQUIRED_PLUGINS.categories.filter((category) => !plugins || !Object.hasOwn(plugins, category));
  if (missing.length === 0) return []; // no position asked for: the bulk readers compute positions only on demand
  // Reported at the `plugins` key: the missing selection belongs beneath it.
  const pos = top.yaml.locateKey([], "plugins");
  return missing.map((category) => ({ ...at(top, REQUIRED_PLUGINS.code, `plugins.${category}`, `floe compile needs plugin '${category}' (E201: Required plugin '${category}' not found in platform manifest): ${where}`), line: pos.line, column: pos.column }));
}

/** Follows parent_manifest links from a manifest; returns the loop if one closes. */
async function findCycle(start: ParsedManifest, lookup: ManifestLookup): Promise<string[] | null> {
  const seen: string[] = [];
  let current: ParsedManifest | null = start;
  while (current?.ref && current.manifest?.parent_manifest) {
    if (seen.includes(current.ref)) return [...seen.slice(seen.indexOf(current.ref)), current.ref];
    seen.push(current.ref);
    current = await lookup(current.manifest.parent_manifest);
  }
  return current?.ref && seen.includes(current.ref) ? [...seen.slice(seen.indexOf(current.ref)), current.ref] : null;
}
