import { gt, valid } from "semver";
import { parseManifest } from "../manifest/parse";
import { sha256Digest } from "../oci/digest";
import { parseOciRef, relativePathToRef } from "../refs";
import type { Tier, Violation } from "../violations";
import { safeLoadYaml } from "../yaml/safe-load";
import { evaluateOrg } from "./evaluate";
import { byPath, PRODUCT_DIRS } from "./export";

/**
 * What importing an organisation directory (the `mesh check` / export layout) would do, computed
 * without touching anything: the report shown before the user confirms, and the exact input of the
 * import transaction. Every file ends up either planned or skipped with a reason: nothing is dropped silently.
 */

/** A manifest or floe.yaml bigger than this is not configuration (the largest examples are ~5 KB). */
export const MAX_IMPORT_FILE_BYTES = 256 * 1024;

export interface ImportFile {
  /** Relative to the organisation root (or to one wrapping folder, as archives often have), `/`-separated. */
  path: string;
  bytes: Uint8Array;
  /** The real size when `bytes` was not read because it is over the limit. */
  size?: number;
}

export type SkipReason = "not-a-file" | "not-yaml" | "unknown-kind" | "outside-layout" | "duplicate-ref" | "too-large" | "unknown-domain" | "not-newer";

export interface SkippedFile {
  path: string;
  reason: SkipReason;
  detail: string;
}

export interface PlannedManifest {
  path: string;
  ref: string;
  name: string;
  version: string;
  tier: Tier;
  parentRef: string | null;
  yaml: string;
}

export interface PlannedProduct {
  path: string;
  name: string;
  status: keyof typeof PRODUCT_DIRS;
  domainRef: string;
  domainName: string;
  team: string;
  description: string;
  yaml: string;
}

export interface ImportPlan {
  /** Host and repository prefix every imported reference shares (the organisation's registry identity). */
  registry: { host: string; prefix: string } | null;
  manifests: PlannedManifest[];
  products: PlannedProduct[];
  skipped: SkippedFile[];
  /** Everything the lib rules find in the imported files, in the context of what the console already has. */
  violations: Violation[];
  /**
   * Errors that forbid the import, the same gate publishing has: any error in an imported manifest
   * (its own or its chain's) or an imported approved product, and a plaintext secret anywhere.
   */
  blockers: Violation[];
  /** Identifies the input, so a confirmation applies to exactly the report that was shown. */
  fingerprint: string;
}

export interface ImportContext {
  /** The console organisation's registry identity, when it already exists. */
  registry?: { host: string; prefix: string } | null;
  /** Published manifests already in the console: imported domains and products may build on them. */
  existingManifests?: readonly { ref: string; yaml: string }[];
  existingProductNames?: ReadonlySet<string>;
  /** The latest published version of each manifest already in the console, by name: imports only add newer ones. */
  latestVersions?: ReadonlyMap<string, string>;
}

const LAYOUT = "expected registry/HOST/PATH/TAG.yaml, products/DOMAIN/NAME/floe.yaml or pending/DOMAIN/NAME/floe.yaml";
const TOP_DIRS = new Set(["registry", ...Object.values(PRODUCT_DIRS)]);

/** Archives usually wrap everything in one folder (`acme/registry/...`): the prefix to look through, or "". */
function wrapperOf(paths: readonly string[]): string {
  if (paths.some((p) => TOP_DIRS.has(p.split("/")[0]))) return "";
  const roots = new Set(paths.map((p) => (p.includes("/") ? p.split("/")[0] : "")));
  return roots.size === 1 && !roots.has("") ? `${[...roots][0]}/` : "";
}

const record = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const str = (v: unknown) => (typeof v === "string" ? v : undefined);
/** `registry/HOST/PATH/TAG.yaml` → its reference. */
const refFromPath = (segments: string[]) => relativePathToRef(segments.slice(1).join("/"));

/** `others`: entries that are not regular files (links, devices), reported as skipped. */
export async function planImport(input: { files: readonly ImportFile[]; others?: readonly string[] }, context: ImportContext = {}): Promise<ImportPlan> {
  const wrapper = wrapperOf(input.files.map((f) => f.path));
  const unwrap = (path: string) => (wrapper && path.startsWith(wrapper) ? path.slice(wrapper.length) : path);
  const files = input.files.map((f) => ({ ...f, path: unwrap(f.path) })).sort(byPath);
  const skipped: SkippedFile[] = [];
  const skip = (path: string, reason: SkipReason, detail: string) => void skipped.push({ path, reason, detail });
  for (const other of input.others ?? []) skip(unwrap(other), "not-a-file", "not a regular file (link, device or similar)");
  const existingRefs = new Set((context.existingManifests ?? []).map((m) => m.ref));
  const manifests: PlannedManifest[] = [];
  const manifestViolations: Violation[] = [];
  const productCandidates: { path: string; yaml: string; status: PlannedProduct["status"]; doc: Record<string, unknown> }[] = [];
  let registry = context.registry ?? null;

  for (const { path, bytes, size = bytes.length } of files) {
    const segments = path.split("/");
    if (size > MAX_IMPORT_FILE_BYTES) {
      skip(path, "too-large", `${size} bytes; the limit is ${MAX_IMPORT_FILE_BYTES}`);
      continue;
    }
    if (!/\.ya?ml$/.test(path)) {
      skip(path, "not-yaml", "not a .yaml or .yml file");
      continue;
    }
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      skip(path, "not-yaml", "not UTF-8 text");
      continue;
    }
    const loaded = safeLoadYaml(text);
    if (loaded.problems.length) {
      const p = loaded.problems[0];
      skip(path, "not-yaml", `cannot be read as YAML: ${p.message}`);
      continue;
    }
    const doc = record(loaded.value);
    const kind = doc.kind;
    if (kind !== "Manifest" && kind !== "FloeSpec") {
      skip(path, "unknown-kind", kind === undefined ? "no kind (expected Manifest or FloeSpec)" : `kind ${JSON.stringify(kind)} is neither Manifest nor FloeSpec`);
      continue;
    }
    const inRegistry = segments[0] === "registry" && segments.length >= 4;
    const productDir = (Object.keys(PRODUCT_DIRS) as PlannedProduct["status"][]).find((s) => PRODUCT_DIRS[s] === segments[0]);
    if (kind === "FloeSpec") {
      if (!productDir || segments[segments.length - 1] !== "floe.yaml") skip(path, "outside-layout", `a FloeSpec belongs at products/DOMAIN/NAME/floe.yaml or pending/DOMAIN/NAME/floe.yaml (${LAYOUT})`);
      else productCandidates.push({ path, yaml: text, status: productDir, doc });
      continue;
    }
    if (!inRegistry) {
      skip(path, "outside-layout", `a Manifest belongs at registry/HOST/PATH/TAG.yaml (${LAYOUT})`);
      continue;
    }
    const ref = refFromPath(segments);
    const parsedRef = parseOciRef(ref);
    if (!parsedRef?.tag) {
      skip(path, "outside-layout", `${ref} is not a valid oci:// reference`);
      continue;
    }
    const repo = parsedRef.repository.split("/");
    const name = repo.pop()!;
    const prefix = repo.join("/");
    registry ??= { host: parsedRef.host, prefix };
    if (registry.host !== parsedRef.host || registry.prefix !== prefix) {
      skip(path, "outside-layout", `${ref} is not under the organisation's oci://${registry.host}/${registry.prefix}/`);
      continue;
    }
    if (existingRefs.has(ref) || manifests.some((m) => m.ref === ref)) {
      skip(path, "duplicate-ref", existingRefs.has(ref) ? `${ref} is already published in the console` : `${ref} is also defined by another file`);
      continue;
    }
    const parsed = parseManifest(text, path, { ref });
    const metadata = parsed.manifest?.metadata;
    if (metadata && (metadata.name !== name || metadata.version !== parsedRef.tag)) {
      skip(path, "outside-layout", `metadata says ${metadata.name}:${metadata.version} but the path says ${name}:${parsedRef.tag}`);
      continue;
    }
    // Published versions only move forward: an import never adds a version below the console's latest
    // (it would become "latest" by order of arrival), and versions must be semantic to be ordered.
    const latest = context.latestVersions?.get(name);
    if (!valid(parsedRef.tag)) {
      skip(path, "not-newer", `version ${parsedRef.tag} is not a semantic version (MAJOR.MINOR.PATCH), so it cannot be ordered`);
      continue;
    }
    if (latest && !(valid(latest) && gt(parsedRef.tag, latest))) {
      skip(path, "not-newer", `${name} ${parsedRef.tag} is not newer than the console's latest version ${latest}; published versions only move forward`);
      continue;
    }
    manifestViolations.push(...parsed.violations);
    manifests.push({ path, ref, name, version: parsedRef.tag, tier: parsed.tier, parentRef: parsed.manifest?.parent_manifest ?? null, yaml: text });
  }

  const platformByRef = new Map<string, { name: string; tier: Tier }>();
  for (const m of context.existingManifests ?? []) {
    const parsed = parseManifest(m.yaml, m.ref, { ref: m.ref });
    platformByRef.set(m.ref, { name: parsed.manifest?.metadata.name ?? m.ref, tier: parsed.tier });
  }
  for (const m of manifests) platformByRef.set(m.ref, { name: m.name, tier: m.tier });

  const products: PlannedProduct[] = [];
  for (const c of productCandidates) {
    const metadata = record(c.doc.metadata);
    const name = str(metadata.name) ?? c.path.split("/").slice(-2)[0];
    const domainRef = str(record(c.doc.platform).manifest);
    const domain = domainRef ? platformByRef.get(domainRef) : undefined;
    if (!domainRef || !domain || domain.tier === "enterprise") {
      skip(c.path, "unknown-domain", domainRef ? `platform.manifest ${domainRef} is not a domain or platform manifest in the import or the console` : "no platform.manifest: the product belongs to no domain");
    } else if (context.existingProductNames?.has(name) || products.some((p) => p.name === name)) {
      skip(c.path, "duplicate-ref", context.existingProductNames?.has(name) ? `product ${name} already exists in the console` : `product ${name} is also defined by another file`);
    } else {
      const labels = record(metadata.labels);
      products.push({
        path: c.path,
        name,
        status: c.status,
        domainRef,
        domainName: domain.name,
        // Teams are named like the owner mailbox (growth-analytics@acme.example → growth-analytics) unless labelled.
        team: str(labels.team) ?? str(metadata.owner)?.split("@")[0] ?? "unassigned",
        description: str(metadata.description) ?? "",
        yaml: c.yaml,
      });
    }
  }

  const violations = await evaluate(manifests, products, context, manifestViolations);
  const gated = new Set([...manifests.map((m) => m.path), ...products.filter((p) => p.status === "approved").map((p) => p.path)]);
  const blockers = violations.filter((v) => v.severity === "error" && (gated.has(v.file) || v.code === "PLAINTEXT_SECRET"));
  const digests = await Promise.all(files.map(async (f) => `${f.path}\u0000${await sha256Digest(f.bytes)}`));
  const fingerprint = await sha256Digest(new TextEncoder().encode(digests.join("\n")));
  return { registry, manifests, products, skipped: skipped.sort(byPath), violations, blockers: dedupe(blockers), fingerprint };
}

const keyOf = (v: Violation) => `${v.file}:${v.line}:${v.column}:${v.code}:${v.path}:${v.message}`;
function dedupe(vs: Violation[]): Violation[] {
  const seen = new Set<string>();
  return vs.filter((v) => !seen.has(keyOf(v)) && (seen.add(keyOf(v)), true));
}

/** Resolves every imported manifest chain and product as stored (no "follow latest"), keeping the imported files' findings. */
async function evaluate(manifests: PlannedManifest[], products: PlannedProduct[], context: ImportContext, manifestViolations: Violation[]): Promise<Violation[]> {
  const evaluation = await evaluateOrg({
    manifests: [...(context.existingManifests ?? []).map((m) => ({ ref: m.ref, text: m.yaml })), ...manifests.map((m) => ({ ref: m.ref, text: m.yaml, file: m.path }))],
    products: products.map((p) => ({ id: p.path, text: p.yaml, file: p.path })),
  });
  const imported = new Set([...manifests.map((m) => m.path), ...products.map((p) => p.path)]);
  const found = [...manifestViolations];
  for (const ref of manifests.map((m) => m.ref)) found.push(...(evaluation.platforms.get(ref)?.violations ?? []));
  for (const r of evaluation.products.values()) found.push(...r.violations);
  return dedupe(found.filter((v) => imported.has(v.file)));
}
