import { parseProductInBulk } from "../manifest/parse-bulk";
import { approvedProductsOutsideDomain } from "./approved-products";
import type { Resolution } from "../resolve/resolve";
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

/**
 * Checks a whole organisation: every manifest in the registry against its chain, then every
 * product against its platform. Each manifest is parsed and each chain resolved once (the
 * store caches them); products are parsed one at a time and dropped after their check.
 */
export async function checkOrganisation(manifestRefs: readonly string[], products: Iterable<ManifestText>, store: ManifestStore, onProduct?: (r: Resolution) => void): Promise<OrgCheck> {
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
  await forEachProduct(products, (file) => parseProductInBulk(file.text, file.file), store, ({ parsed, ref, platform, resolution }) => {
    const domainName = platform?.top.tier === "domain" ? platform.top.manifest?.metadata.name : undefined;
    if (parsed.product && domainName) productDomain.set(parsed.product.metadata.name, domainName);
    count++;
    const bad = hasErrors(resolution.productViolations) || (platform !== null && hasErrors(platform.violations));
    if (bad) invalid++;
    if (ref && platform && platform.top.tier !== "enterprise") {
      const s = summaryOf(ref, platform);
      s.products++;
      if (bad) s.invalidProducts++;
    }
    if (ref && platform?.top.tier === "enterprise") add(platform.violations);
    add(resolution.productViolations);
    onProduct?.(resolution);
  });
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
}
