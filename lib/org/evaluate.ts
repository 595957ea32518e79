import { compare, valid } from "semver";
import type { ParsedProduct } from "../manifest/parse";
import { parseProductInBulk } from "../manifest/parse-bulk";
import { parseOciRef } from "../refs";
import type { PlatformResolution } from "../resolve/chain";
import { productRuleInputs, rebase, resolveAgainst, type Resolution } from "../resolve/resolve";
import { forEachProduct, type TraverseOptions } from "./traverse";
import { ManifestStore } from "../resolve/store";
import { isError, type Violation } from "../violations";

export interface OrgInput {
  /** Every published manifest version, by its `oci://` reference. */
  manifests: readonly { ref: string; text: string; file?: string }[];
  products: readonly { id: string; text: string; file?: string }[];
}

export interface OrgEvaluation {
  platforms: Map<string, PlatformResolution>;
  products: Map<string, Resolution>;
  /** The reference a manifest reference is evaluated as (itself, or its repository's latest version). */
  latestRef(ref: string): string;
  /** The parsed manifests and resolved chains, for an evaluation of an edit to reuse (EvaluateOptions.base). */
  store: ManifestStore;
}

const repositoryOf = (ref: string) => {
  const r = parseOciRef(ref);
  return r ? `${r.host}/${r.repository}` : ref;
};

/**
 * The latest version of each repository, so a reference to any version can be evaluated
 * against the current tree ("would this still be valid today?").
 */
function latestByRepository(refs: readonly string[]): Map<string, string> {
  const latest = new Map<string, string>();
  for (const ref of refs) {
    const repo = repositoryOf(ref);
    const tag = parseOciRef(ref)?.tag?.replace(/^v/, "");
    const current = latest.get(repo);
    const currentTag = current ? parseOciRef(current)?.tag?.replace(/^v/, "") : undefined;
    if (!current || (tag && valid(tag) && (!currentTag || !valid(currentTag) || compare(tag, currentTag) > 0))) latest.set(repo, ref);
  }
  return latest;
}

export interface EvaluateOptions extends TraverseOptions {
  /** References resolve to the newest version of their repository (the console's current tree). */
  followLatest?: boolean;
  /** How a product's floe.yaml is parsed; a server passes a memo (parsing is most of an evaluation). */
  parse?: (product: OrgInput["products"][number]) => ParsedProduct;
  /** The day (YYYY-MM-DD) time-boxed exceptions are evaluated on; without it none applies. */
  today?: string;
  /**
   * An evaluation of mostly the same inputs (the current tree, when previewing an edit): what the
   * edit cannot change is taken from it. Its parsed manifests and chains are reused where the texts
   * are the same; a product whose text and chain are the same keeps its resolution (the same object,
   * which impactOf skips); one whose chain changed but whose product rules read the same inputs keeps
   * its findings. The result equals an evaluation without `base` (lib/org/impact-index.property.test.ts).
   */
  base?: OrgEvaluation;
}

/**
 * Resolves a whole organisation once: every manifest chain and every product. With
 * `followLatest`, references resolve to the newest version of their repository, which is
 * how the console shows the current tree and previews the impact of a draft.
 */
export async function evaluateOrg(input: OrgInput, options: EvaluateOptions = {}): Promise<OrgEvaluation> {
  const texts = new Map(input.manifests.map((m) => [m.ref, m]));
  const latest = latestByRepository(input.manifests.map((m) => m.ref));
  const latestRef = (ref: string) => (options.followLatest ? (latest.get(repositoryOf(ref)) ?? ref) : ref);
  const base = options.base;
  const store = new ManifestStore((ref) => {
    const m = texts.get(latestRef(ref));
    return m ? { text: m.text, file: m.file ?? m.ref } : null;
  }, { today: options.today }, base?.store);
  const platforms = new Map<string, PlatformResolution>();
  for (const ref of options.followLatest ? latest.values() : texts.keys()) {
    const p = await store.platform(ref);
    if (p) platforms.set(ref, p);
  }
  const products = new Map<string, Resolution | undefined>();
  const parseText = options.parse ?? ((p: OrgInput["products"][number]) => parseProductInBulk(p.text, p.file ?? p.id));
  // On a base, most products keep their text: they are resolved here in one cheap pass (their
  // earlier resolution, or it rebased on a changed chain); the rest go through the full walk below.
  // Each keeps its place in `products` (a Map keeps the order of first insertion), so the result
  // lists products in input order, as an evaluation without `base` does.
  const rest = base ? await reuseResolutions(input.products, base, store, products, options) : input.products;
  const parse = (p: OrgInput["products"][number]) => {
    const prior = base?.products.get(p.id)?.parsed;
    return prior && prior.text === p.text && prior.file === (p.file ?? p.id) ? prior : parseText(p);
  };
  const resolve = (p: OrgInput["products"][number], parsed: ParsedProduct, ref: string | null, platform: PlatformResolution | null) => resolutionOf(parsed, ref, platform, base?.products.get(p.id));
  await forEachProduct(rest, parse, store, ({ product, resolution }) => products.set(product.id, resolution), { ...options, resolve });
  return { platforms, products: products as Map<string, Resolution>, latestRef, store };
}

/**
 * The products of `input` whose text and file are their base's: each gets its earlier resolution
 * when its chain is the same object, or that resolution rebased on the new chain when the product
 * rules read the same inputs from both (resolutionOf's cases, decided once per pair of chains).
 * Every product gets its slot in `out` (undefined until resolved); the others are returned.
 */
async function reuseResolutions(products: OrgInput["products"], base: OrgEvaluation, store: ManifestStore, out: Map<string, Resolution | undefined>, options: TraverseOptions) {
  const rest: OrgInput["products"][number][] = [];
  const platforms = new Map<string, PlatformResolution | null>();
  const rebasable = new Map<PlatformResolution, Map<PlatformResolution, boolean>>();
  const canRebase = (was: PlatformResolution, now: PlatformResolution) => {
    let byNow = rebasable.get(was);
    if (!byNow) rebasable.set(was, (byNow = new Map()));
    let ok = byNow.get(now);
    if (ok === undefined) byNow.set(now, (ok = productRuleInputs(now) !== null && productRuleInputs(now) === productRuleInputs(was)));
    return ok;
  };
  let i = 0;
  for (const p of products) {
    if (options.pause && ++i % 1000 === 0) await options.pause();
    const prior = base.products.get(p.id);
    const parsed = prior?.parsed;
    const ref = parsed?.product?.platform?.manifest;
    if (!prior || !parsed || parsed.text !== p.text || parsed.file !== (p.file ?? p.id) || !ref) {
      out.set(p.id, undefined);
      rest.push(p);
      continue;
    }
    let platform = platforms.get(ref);
    if (platform === undefined) platforms.set(ref, (platform = await store.platform(ref)));
    if (platform === prior.platform) out.set(p.id, prior);
    else if (platform && prior.platform && canRebase(prior.platform, platform)) out.set(p.id, rebase(prior, platform));
    else {
      out.set(p.id, undefined);
      rest.push(p);
    }
  }
  return rest;
}

/** A product's resolution, reusing an earlier one's where it cannot differ. */
function resolutionOf(parsed: ParsedProduct, ref: string | null, platform: PlatformResolution | null, prior: Resolution | undefined): Resolution {
  if (prior?.parsed !== parsed) return resolveAgainst(parsed, ref, platform);
  if (prior.platform === platform) return prior;
  if (platform && prior.platform && productRuleInputs(platform) !== null && productRuleInputs(platform) === productRuleInputs(prior.platform)) return rebase(prior, platform);
  return resolveAgainst(parsed, ref, platform);
}

export interface ImpactEntry {
  kind: "domain" | "product";
  /** The manifest reference (domain) or product id. */
  key: string;
  name: string;
  /** Resolved values whose value or origin differs. */
  changedPaths: string[];
  /** Errors present after the change and not before. */
  newErrors: Violation[];
}

export interface Impact {
  changed: ImpactEntry[];
  broken: ImpactEntry[];
  /** Nodes that had errors before and have none after. */
  fixed: ImpactEntry[];
}

const errorKey = (v: Violation) => `${v.code}|${v.path}|${v.message}`;

/** The value at a dotted path (a provenance key), or undefined where the path leaves the tree. */
function valueAt(root: Record<string, unknown>, path: string): unknown {
  let node: unknown = root;
  let start = 0;
  for (;;) {
    if (!node || typeof node !== "object") return undefined;
    const dot = path.indexOf(".", start);
    const segment = dot < 0 ? path.slice(start) : path.slice(start, dot);
    node = (node as Record<string, unknown>)[segment];
    if (dot < 0) return node;
    start = dot + 1;
  }
}

/** Same JSON text: identical values and two different strings (most leaves) are decided without serialising. */
const sameJson = (a: unknown, b: unknown) => a === b || (!(typeof a === "string" && typeof b === "string") && JSON.stringify(a) === JSON.stringify(b));

function diffPaths(before: Record<string, unknown>, after: Record<string, unknown>, beforeProv: Record<string, unknown>, afterProv: Record<string, unknown>): string[] {
  const changed: string[] = [];
  for (const k in afterProv) if (Object.hasOwn(afterProv, k) && !sameJson(valueAt(before, k), valueAt(after, k))) changed.push(k);
  for (const k in beforeProv) if (Object.hasOwn(beforeProv, k) && !Object.hasOwn(afterProv, k) && !sameJson(valueAt(before, k), valueAt(after, k))) changed.push(k);
  return changed.sort();
}

interface Resolved {
  resolved: Record<string, unknown> | null;
  provenance: Record<string, unknown>;
  violations: Violation[];
}

/** What a product resolved against `p` inherits from it (Resolution.build): nothing from a missing or unresolved chain. */
const platformValues = (p: PlatformResolution | null): Resolved => ({ resolved: p?.resolved ?? {}, provenance: p?.provenance ?? {}, violations: [] });

const changedPathsOf = (before: Resolved | undefined, after: Resolved) => diffPaths(before?.resolved ?? {}, after.resolved ?? {}, before?.provenance ?? {}, after.provenance);

function record(kind: ImpactEntry["kind"], key: string, name: string, beforeViolations: Violation[], afterViolations: Violation[], changedPaths: string[], out: Impact) {
  const beforeErrors = new Set(beforeViolations.filter(isError).map(errorKey));
  const afterErrors = afterViolations.filter(isError);
  const entry: ImpactEntry = { kind, key, name, changedPaths, newErrors: afterErrors.filter((v) => !beforeErrors.has(errorKey(v))) };
  if (entry.newErrors.length) out.broken.push(entry);
  else if (beforeErrors.size && !afterErrors.length) out.fixed.push(entry);
  if (entry.changedPaths.length) out.changed.push(entry);
}

/** Errors of a platform chain that are new after a change, and whether it had errors before: shared by every product under it. */
interface ChainErrors {
  before: Set<string>;
  after: Violation[];
  newErrors: Violation[];
}
const chainErrors = (was: PlatformResolution | null, now: PlatformResolution | null): ChainErrors => {
  const before = new Set((was?.violations ?? []).filter(isError).map(errorKey));
  const after = (now?.violations ?? []).filter(isError);
  return { before, after, newErrors: after.filter((v) => !before.has(errorKey(v))) };
};

/**
 * What a change does to every domain and product: which resolved values move and what breaks.
 * A product whose text is unchanged moves exactly where its platform chain moves, except where its
 * own fields decide: its changes come from its platform's, computed once per platform, instead of
 * merging and comparing 25,000 configurations. A product whose resolution is the very object it was
 * (an evaluation with `base`: its text and chain unchanged) cannot have moved and costs nothing; a
 * product without errors of its own before or after shares its chain's new errors.
 */
export function impactOf(before: OrgEvaluation, after: OrgEvaluation): Impact {
  const out: Impact = { changed: [], broken: [], fixed: [] };
  // A platform's changes, once per (before, after) pair of platforms, then once per set of fields
  // its products own. A missing or unresolved chain counts as empty, as Resolution merges it.
  const platformChanges = new Map<PlatformResolution | null, Map<PlatformResolution | null, { paths: string[]; byOwned: Map<number, string[]> }>>();
  const pairChanges = (was: PlatformResolution | null, now: PlatformResolution | null) => {
    let byNow = platformChanges.get(was);
    if (!byNow) platformChanges.set(was, (byNow = new Map()));
    let changes = byNow.get(now);
    if (!changes) byNow.set(now, (changes = { paths: changedPathsOf(platformValues(was), platformValues(now)), byOwned: new Map() }));
    return changes;
  };
  const beforeByRepo = new Map([...before.platforms].map(([ref, p]) => [repositoryOf(ref), p]));
  for (const [ref, p] of after.platforms) {
    if (p.top.tier === "enterprise") continue;
    const was = beforeByRepo.get(repositoryOf(ref));
    record("domain", ref, p.top.manifest?.metadata.name ?? ref, was?.violations ?? [], p.violations, pairChanges(was ?? null, p).paths, out);
  }
  const changesOf = (was: PlatformResolution | null, now: Resolution) => {
    const changes = pairChanges(was, now.platform);
    const owned = now.ownedFields;
    let paths = changes.byOwned.get(owned);
    if (!paths) changes.byOwned.set(owned, (paths = owned === 0 ? changes.paths : changes.paths.filter((path) => !now.ownsPath(path))));
    return paths;
  };
  const errorsByChain = new Map<PlatformResolution | null, Map<PlatformResolution | null, ChainErrors>>();
  const errorsOf = (was: PlatformResolution | null, now: PlatformResolution | null) => {
    let byNow = errorsByChain.get(was);
    if (!byNow) errorsByChain.set(was, (byNow = new Map()));
    let errors = byNow.get(now);
    if (!errors) byNow.set(now, (errors = chainErrors(was, now)));
    return errors;
  };
  for (const [id, r] of after.products) {
    const was = before.products.get(id);
    if (was === r) continue;
    const sameText = was !== undefined && (was.parsed === r.parsed || was.parsed.text === r.parsed.text);
    const changedPaths = sameText ? changesOf(was.platform, r) : changedPathsOf(was, r);
    if (was && !was.productViolations.some(isError) && !r.productViolations.some(isError)) {
      const chain = errorsOf(was.platform, r.platform);
      const entry: ImpactEntry = { kind: "product", key: id, name: r.product, changedPaths, newErrors: chain.newErrors };
      if (entry.newErrors.length) out.broken.push(entry);
      else if (chain.before.size && !chain.after.length) out.fixed.push(entry);
      if (changedPaths.length) out.changed.push(entry);
    } else record("product", id, r.product, was?.violations ?? [], r.violations, changedPaths, out);
  }
  return out;
}
