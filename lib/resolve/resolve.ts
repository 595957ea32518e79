import type { ParsedProduct } from "../manifest/parse";
import type { FloeSpec } from "../manifest/schema/product";
import type { Violation, ViolationCode } from "../violations";
import type { ChainLink, PlatformResolution } from "./chain";
import { leafPaths } from "./flatten";
import { whitelistProblem, type Provenance } from "./merge";
import { PRODUCT_RULES } from "./rules";
import type { ManifestStore } from "./store";

/** The product's own fields as they appear in the resolved configuration. */
const PRODUCT_FIELDS = ["metadata", "platform", "transforms", "schedule", "outputPorts", "destinations"] as const;

// Per parsed product (a parse is shared by every resolution of the same text).
const ownedMasks = new WeakMap<ParsedProduct, number>();

/**
 * A product resolved against its platform chain. The merged configuration and provenance are
 * built on first use: checking 25,000 products needs only the violations.
 */
export class Resolution {
  readonly product: string;
  readonly mode: "two-tier" | "three-tier";
  /** Only the product's own problems (its file and the product-level rules). */
  readonly productViolations: readonly Violation[];
  private merged?: { resolved: Record<string, unknown>; provenance: Record<string, Provenance> };

  constructor(
    readonly parsed: ParsedProduct,
    readonly platform: PlatformResolution | null,
    ownViolations: Violation[],
    /** An earlier resolution's findings, when the product rules read the same inputs (see productRuleInputs). */
    productViolations?: readonly Violation[],
  ) {
    this.product = parsed.product?.metadata.name ?? parsed.file;
    this.mode = platform?.mode ?? "two-tier";
    // Most products have no problems: share the parsed array rather than copying it.
    this.productViolations = productViolations ?? (ownViolations.length ? [...parsed.violations, ...ownViolations] : parsed.violations);
  }

  /** Top of the hierarchy first, ending with the product. */
  get chain(): ChainLink[] {
    const productLink: ChainLink = { tier: "product", ref: null, name: this.product, version: this.parsed.product?.metadata.version ?? "" };
    return [...(this.platform?.chain ?? []), productLink];
  }

  /** Everything wrong along the chain and in the product. */
  get violations(): Violation[] {
    return [...(this.platform?.violations ?? []), ...this.productViolations];
  }

  private build() {
    if (this.merged) return this.merged;
    const spec = this.parsed.product as FloeSpec | null;
    const resolved: Record<string, unknown> = { ...this.platform?.resolved };
    const provenance: Record<string, Provenance> = { ...this.platform?.provenance };
    const version = spec?.metadata.version ?? "";
    for (const field of PRODUCT_FIELDS) {
      const value = spec?.[field];
      if (value === undefined) continue;
      resolved[field] = value;
      for (const leaf of leafPaths(field, value)) provenance[leaf] = { tier: "product", ref: null, version, locked: false, rule: "domain-defined" };
    }
    this.merged = { resolved, provenance };
    return this.merged;
  }

  /** Whether the product's own fields set this resolved path (so no platform change can move it). */
  ownsPath(path: string): boolean {
    const spec = this.parsed.product;
    const field = path.split(".", 1)[0] as (typeof PRODUCT_FIELDS)[number];
    return spec !== null && PRODUCT_FIELDS.includes(field) && spec[field] !== undefined;
  }

  /** Which of its own fields the product sets, one bit each: products with the same mask own the same paths. */
  get ownedFields(): number {
    let mask = ownedMasks.get(this.parsed);
    if (mask === undefined) {
      const spec = this.parsed.product;
      mask = 0;
      for (let i = 0; spec && i < PRODUCT_FIELDS.length; i++) if (spec[PRODUCT_FIELDS[i]] !== undefined) mask |= 1 << i;
      ownedMasks.set(this.parsed, mask);
    }
    return mask;
  }

  get resolved() {
    return this.build().resolved;
  }
  get provenance() {
    return this.build().provenance;
  }

  toJSON() {
    return { product: this.product, mode: this.mode, chain: this.chain, resolved: this.resolved, provenance: this.provenance, violations: this.violations };
  }
}

function at(p: ParsedProduct, code: ViolationCode, path: string, message: string): Violation {
  const pos = p.locate(path);
  return { code, severity: "error", path, tier: "product", ref: null, file: p.file, message, line: pos.line, column: pos.column };
}

/** What every product under one platform is checked against, built once per platform (hundreds of products share it). */
interface PlatformFacts {
  approved: Set<string>;
  /** The compute a transform may name: the chain's selected `plugins.compute` and its `defaults.compute`. */
  computes: string[];
  sinks: readonly string[] | null;
}
const facts = new WeakMap<PlatformResolution, PlatformFacts>();
function factsOf(platform: PlatformResolution): PlatformFacts {
  let f = facts.get(platform);
  if (!f) {
    const resolved = (platform.resolved ?? {}) as { plugins?: { compute?: { type?: unknown } }; defaults?: { compute?: unknown }; approved_sinks?: unknown };
    const computes = [resolved.plugins?.compute?.type, resolved.defaults?.compute].filter((c): c is string => typeof c === "string");
    const sinks = Array.isArray(resolved.approved_sinks) ? (resolved.approved_sinks as string[]) : null;
    facts.set(platform, (f = { approved: new Set(platform.top.manifest?.approved_products ?? []), computes: [...new Set(computes)], sinks }));
  }
  return f;
}

/**
 * Everything resolveAgainst reads from a platform, as one string: two platforms with the same
 * inputs give every product the same findings, so a product re-resolved against a changed chain
 * (an enterprise edit) keeps its findings when these are equal. Null where resolveAgainst does more
 * than read them (an enterprise manifest named by a product).
 */
export function productRuleInputs(platform: PlatformResolution): string | null {
  let inputs = ruleInputs.get(platform);
  if (inputs === undefined) {
    if (platform.top.tier === "enterprise") inputs = null;
    else {
      const f = factsOf(platform);
      const approved = platform.enterprise?.manifest?.approved_plugins;
      const whitelist = approved && Object.hasOwn(approved, "compute") && Array.isArray(approved.compute) ? approved.compute : null;
      inputs = JSON.stringify([platform.top.tier, platform.top.manifest?.metadata.name, platform.resolved !== null, [...f.approved], f.computes, f.sinks, whitelist]);
    }
    ruleInputs.set(platform, inputs);
  }
  return inputs;
}
const ruleInputs = new WeakMap<PlatformResolution, string | null>();

/** The product resolved against another platform whose rule inputs are the same as `prior`'s: its findings carry over. */
export function rebase(prior: Resolution, platform: PlatformResolution): Resolution {
  return new Resolution(prior.parsed, platform, [], prior.productViolations);
}

/** Product-level rules, given its resolved platform chain. Pure and synchronous: the hot path of an organisation check. */
export function resolveAgainst(product: ParsedProduct, ref: string | null, platform: PlatformResolution | null): Resolution {
  const own: Violation[] = [];
  const spec = product.product;
  // A floe.yaml that did not parse has already said why; resolving it would only add noise.
  if (!spec) return new Resolution(product, null, own);
  if (!ref) {
    own.push(at(product, "REF_UNRESOLVED", "platform", "floe.yaml has no platform.manifest reference to resolve against"));
  } else if (!platform) {
    own.push(at(product, "REF_UNRESOLVED", "platform.manifest", `platform manifest ${ref} could not be found`));
  } else if (platform.top.tier === "enterprise") {
    own.push(at(product, "SCOPE_MISMATCH", "platform.manifest", `${ref} is an enterprise manifest; a product must reference its domain's manifest (or a 2-tier platform manifest)`));
    return new Resolution(product, { ...platform, resolved: null, provenance: {} }, own);
  } else if (platform.resolved) {
    const f = factsOf(platform);
    const owner = `${platform.top.tier === "domain" ? "domain" : "platform"} '${platform.top.manifest?.metadata.name}'`;
    if (platform.top.tier === "domain" && !f.approved.has(spec.metadata.name)) {
      own.push(at(product, PRODUCT_RULES.approved.code, PRODUCT_RULES.approved.path, `product '${spec.metadata.name}' is not in the approved_products of ${owner} (${ref})`));
    }
    const whitelist = platform.enterprise?.manifest?.approved_plugins;
    spec.transforms.forEach((t, i) => {
      if (t.compute === undefined) return;
      const path = `transforms.${i}.compute`;
      const problem = whitelistProblem(whitelist, "compute", t.compute);
      if (problem) own.push(at(product, PRODUCT_RULES.transformCompute.code, path, `transform '${t.name}': ${problem}`));
      else if (f.computes.length && !f.computes.includes(t.compute)) {
        own.push(at(product, PRODUCT_RULES.transformCompute.code, path, `transform '${t.name}' runs on '${t.compute}', but ${owner} selected ${f.computes.map((c) => `'${c}'`).join(" or ")}: products inherit compute (leave compute out, or name the selected one)`));
      }
    });
    if (f.sinks) {
      spec.destinations?.forEach((d, i) => {
        if (!f.sinks!.includes(d.sink_type)) own.push(at(product, PRODUCT_RULES.sink.code, `destinations.${i}.sink_type`, `destination '${d.name}': Sink type '${d.sink_type}' is not in the approved whitelist. Approved sinks: [${f.sinks!.join(", ")}]`));
      });
    }
  }
  return new Resolution(product, platform, own);
}

/** Resolves one product: loads its platform manifest (and the enterprise parent of a domain) through the store. */
export async function resolve(product: ParsedProduct, store: ManifestStore): Promise<Resolution> {
  const ref = product.product?.platform?.manifest ?? null;
  return resolveAgainst(product, ref, ref ? await store.platform(ref) : null);
}
