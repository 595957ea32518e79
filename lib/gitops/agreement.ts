// Does git agree with the console (and the console with its OCI registry)? Pure: both sides come in
// as texts. Git files are `mesh check` layout paths; anything in git the console has not published
// is an incoming change, validated with the same rules, that only a console publish can adopt.
import { parseOciRef, refToRelativePath } from "../refs";
import type { Violation } from "../violations";

export type GitSide = "same" | "differs" | "not-in-git" | "pending-push";
export type RegistrySide = "pushed" | "not-pushed" | "no-registry";

export interface VersionAgreement {
  version: string;
  ref: string;
  path: string;
  git: GitSide;
  registry: RegistrySide;
}

export interface IncomingChange {
  path: string;
  /** The `oci://` reference a registry file stands for (manifests), or the product's `domain/name`. */
  key: string;
  kind: "new" | "changed";
  text: string;
  violations: Violation[];
}

export interface ManifestAgreement {
  name: string;
  versions: VersionAgreement[];
  incoming: IncomingChange[];
  /** Every published version is in git with the same content and in the registry (when there is one), and nothing is incoming. */
  agree: boolean;
}

export interface ProductAgreement {
  domain: string;
  name: string;
  git: GitSide;
  incoming: IncomingChange | null;
}

export interface AgreementInput {
  /** Files at the remote's head, by path relative to the configured folder. */
  gitFiles: ReadonlyMap<string, string>;
  versions: readonly { name: string; version: string; ref: string; yaml: string; registryDigest: string | null; pendingPush: boolean }[];
  products: readonly { domain: string; name: string; floeYaml: string }[];
  registryConfigured: boolean;
  /** Violations of the git tree (checked as `mesh check` would), by file path. */
  violationsByPath: ReadonlyMap<string, Violation[]>;
}

/** Files end with one newline either way; git and the console differ in nothing else that matters. */
const same = (a: string, b: string) => a.replace(/\s+$/, "") === b.replace(/\s+$/, "");

/** The reference a registry file of the git tree stands for (`registry/HOST/PATH/TAG.yaml`). */
export function refOfRegistryPath(path: string): string | null {
  const m = /^registry\/([^/]+)\/(.+)\/([^/]+)\.ya?ml$/.exec(path);
  if (!m) return null;
  const ref = `oci://${m[1]}/${m[2]}:${m[3]}`;
  return parseOciRef(ref) ? ref : null;
}

export function agreement(input: AgreementInput): { manifests: ManifestAgreement[]; products: ProductAgreement[] } {
  const manifests = new Map<string, ManifestAgreement>();
  const entry = (name: string) => {
    let m = manifests.get(name);
    if (!m) manifests.set(name, (m = { name, versions: [], incoming: [], agree: true }));
    return m;
  };
  const known = new Set<string>();
  for (const v of input.versions) {
    const parsed = parseOciRef(v.ref);
    const path = parsed ? `registry/${refToRelativePath(parsed)}` : v.ref;
    known.add(path);
    const inGit = input.gitFiles.get(path);
    const git: GitSide = inGit === undefined ? (v.pendingPush ? "pending-push" : "not-in-git") : same(inGit, v.yaml) ? "same" : "differs";
    const registry: RegistrySide = !input.registryConfigured ? "no-registry" : v.registryDigest ? "pushed" : "not-pushed";
    const m = entry(v.name);
    m.versions.push({ version: v.version, ref: v.ref, path, git, registry });
    if (git !== "same" || registry === "not-pushed") m.agree = false;
    if (git === "differs") m.incoming.push({ path, key: v.ref, kind: "changed", text: inGit!, violations: input.violationsByPath.get(path) ?? [] });
  }
  // Manifest files only git has: versions pushed by others. The manifest is the repository's last segment.
  for (const [path, text] of input.gitFiles) {
    const ref = refOfRegistryPath(path);
    if (!ref || known.has(path)) continue;
    const name = parseOciRef(ref)!.repository.split("/").pop()!;
    const m = entry(name);
    m.incoming.push({ path, key: ref, kind: "new", text, violations: input.violationsByPath.get(path) ?? [] });
    m.agree = false;
  }
  const products: ProductAgreement[] = [];
  const productPaths = new Set<string>();
  for (const p of input.products) {
    const path = `products/${p.domain}/${p.name}/floe.yaml`;
    productPaths.add(path);
    const inGit = input.gitFiles.get(path);
    const git: GitSide = inGit === undefined ? "not-in-git" : same(inGit, p.floeYaml) ? "same" : "differs";
    products.push({ domain: p.domain, name: p.name, git, incoming: git === "differs" ? { path, key: `${p.domain}/${p.name}`, kind: "changed", text: inGit!, violations: input.violationsByPath.get(path) ?? [] } : null });
  }
  for (const [path, text] of input.gitFiles) {
    const m = /^products\/([^/]+)\/([^/]+)\/floe\.yaml$/.exec(path);
    if (!m || productPaths.has(path)) continue;
    products.push({ domain: m[1], name: m[2], git: "differs", incoming: { path, key: `${m[1]}/${m[2]}`, kind: "new", text, violations: input.violationsByPath.get(path) ?? [] } });
  }
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  return { manifests: [...manifests.values()].sort(byName), products: products.sort((a, b) => a.domain.localeCompare(b.domain) || byName(a, b)) };
}
