// The one walk over an organisation's products that lib/org/check.ts (`mesh check`) and
// lib/org/evaluate.ts (the console's tree and impact) share: each floe.yaml parsed once, the
// platform it names resolved once per reference (hundreds of products share one), then resolved.
import type { ParsedProduct } from "../manifest/parse";
import type { PlatformResolution } from "../resolve/chain";
import { resolveAgainst, type Resolution } from "../resolve/resolve";
import type { ManifestStore } from "../resolve/store";

export interface ProductVisit<P> {
  product: P;
  parsed: ParsedProduct;
  /** `platform.manifest` of the floe.yaml (null when it names none or does not parse). */
  ref: string | null;
  platform: PlatformResolution | null;
  resolution: Resolution;
}

export interface TraverseOptions {
  /** Awaited every 100 products, so a server walking a large organisation keeps answering other requests. */
  pause?: () => Promise<void>;
}

/** How a product is resolved against its platform (default resolveAgainst; an evaluation on a base reuses earlier ones). */
type Resolve<P> = (product: P, parsed: ParsedProduct, ref: string | null, platform: PlatformResolution | null) => Resolution;

export async function forEachProduct<P>(
  products: Iterable<P>,
  parse: (product: P) => ParsedProduct,
  store: ManifestStore,
  visit: (v: ProductVisit<P>) => void,
  options: TraverseOptions & { resolve?: Resolve<P> } = {},
): Promise<void> {
  const resolve: Resolve<P> = options.resolve ?? ((_, parsed, ref, platform) => resolveAgainst(parsed, ref, platform));
  const platforms = new Map<string, PlatformResolution | null>();
  let i = 0;
  for (const product of products) {
    if (options.pause && i++ % 100 === 99) await options.pause();
    const parsed = parse(product);
    const ref = parsed.product?.platform?.manifest ?? null;
    let platform = ref ? platforms.get(ref) : null;
    if (ref && platform === undefined) platforms.set(ref, (platform = await store.platform(ref)));
    visit({ product, parsed, ref, platform: platform ?? null, resolution: resolve(product, parsed, ref, platform ?? null) });
  }
}
