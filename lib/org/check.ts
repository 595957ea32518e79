import { parseProductInBulk } from "../manifest/parse-bulk";
import { approvedProductsOutsideDomain } from "./approved-products";
import { resolveAgainst } from "../resolve/resolve";
import { forEachProduct } from "./traverse";
import type { PlatformResolution } from "../resolve/chain";
import type { ManifestStore, ManifestText } from "../resolve/store";
import { hasErrors, type Violation } from "../violations";

export interface DomainSummary {
  /** The platform manifest's name (a domain, or the 2-tier platform). */
  name: string;
  ref: string;
  tier: string;
  products: number;
  invalidProducts: number;
  /** Problems in the manifest chain itself. */
  manifestErrors: number;
}

export interface OrgCheck {
  products: number;
  invalidProducts: number;
  domains: DomainSummary[];
  /** Every problem once, manifests first, in file order. */
  violations: Violation[];
  errors: number;
  warnings: number;
}

const keyOf = (v: Violation) => `${v.file}:${v.line}:${v.column}:${v.code}:${v.message}`;

/** What the check reads of one resolved product, wherever it was resolved (here, or in a worker thread: lib/node/check-parallel.ts). */
export interface ProductOutcome {
  /** `platform.manifest` of the floe.yaml (null when it names none or does not parse). */
  ref: string | null;
  /** `metadata.name` when the product parsed, else null. */
  name: string | null;
  /** The product's own problems: its file and the product-level rules (Resolution.productViolations). */
  violations: readonly Violation[];
}

/** The outcome of resolving one product (parsed in bulk) against its platform. */
export function productOutcome(text: string, file: string, platformOf: (ref: string) => PlatformResolution | null): ProductOutcome {
  const parsed = parseProductInBulk(text, file);
  const ref = parsed.product?.platform?.manifest ?? null;
  const resolution = resolveAgainst(parsed, ref, ref ? platformOf(ref) : null);
  return { ref, name: parsed.product?.metadata.name ?? null, violations: resolution.productViolations };
}

/**
 * Checks a whole organisation: every manifest in the registry against its chain, then every
 * product against its platform. Each manifest is parsed and each chain resolved once (the
 * store caches them); products are parsed one at a time and dropped after their check.
 */
export async function checkOrganisation(manifestRefs: readonly string[], products: Iterable<ManifestText>, store: ManifestStore): Promise<OrgCheck> {
  const check = await startCheck(manifestRefs, store);
  await forEachProduct(products, (file) => parseProductInBulk(file.text, file.file), store, ({ parsed, ref, platform, resolution }) =>
    check.add({ ref, name: parsed.product?.metadata.name ?? null, violations: resolution.productViolations }, platform),
  );
  return check.finish();
}

/**
 * The check's state: the manifests checked first (each chain resolved once, in `store`), then
 * products added in file order, then the domains' own lists checked against the products seen.
 */
export async function startCheck(manifestRefs: readonly string[], store: ManifestStore) {
  const seen = new Set<string>();
  const violations: Violation[] = [];
  const add = (vs: readonly Violation[]) => {
    for (const v of vs) {
      const k = keyOf(v);
      if (seen.has(k)) continue;
      seen.add(k);
      violations.push(v);
    }
  };
  const domains = new Map<string, DomainSummary>();
  const summaryOf = (ref: string, p: PlatformResolution) => {
    let s = domains.get(ref);
    if (!s) {
      add(p.violations);
      s = { name: p.top.manifest?.metadata.name ?? ref, ref, tier: p.top.tier, products: 0, invalidProducts: 0, manifestErrors: p.violations.filter((v) => v.severity === "error").length };
      domains.set(ref, s);
    }
    return s;
  };
  for (const ref of manifestRefs) {
    const platform = await store.platform(ref);
    if (!platform) continue;
    if (platform.top.tier === "enterprise") add(platform.violations);
    else summaryOf(ref, platform);
  }
  let count = 0;
  let invalid = 0;
  const productDomain = new Map<string, string>();
  return {
    /** One product, in file order, with the platform its `ref` names (resolved in `store`). */
    add(product: ProductOutcome, platform: PlatformResolution | null) {
      const { ref } = product;
      const domainName = platform?.top.tier === "domain" ? platform.top.manifest?.metadata.name : undefined;
      if (product.name !== null && domainName) productDomain.set(product.name, domainName);
      count++;
      const bad = hasErrors(product.violations) || (platform !== null && hasErrors(platform.violations));
      if (bad) invalid++;
      if (ref && platform && platform.top.tier !== "enterprise") {
        const s = summaryOf(ref, platform);
        s.products++;
        if (bad) s.invalidProducts++;
      }
      if (ref && platform?.top.tier === "enterprise") add(platform.violations);
      add(product.violations);
    },
    async finish(): Promise<OrgCheck> {
      // A domain lists only its own products: one whose floe.yaml names another domain is flagged. A name
      // with no product here is left alone (an org directory may hold part of the organisation).
      for (const s of domains.values()) {
        const platform = await store.platform(s.ref);
        if (platform?.top.tier !== "domain") continue;
        const outside = approvedProductsOutsideDomain(platform.top, (name) => productDomain.get(name) ?? s.name);
        s.manifestErrors += outside.length;
        add(outside);
      }
      const errors = violations.filter((v) => v.severity === "error").length;
      return { products: count, invalidProducts: invalid, domains: [...domains.values()], violations, errors, warnings: violations.length - errors };
    },
  };
}
