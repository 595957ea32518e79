// A domain approves only its own products: every name in a domain manifest's approved_products
// must be a product registered for that domain. Listing another domain's product (or a name
// nobody registered) would let that product resolve against this domain's policy without the
// registration workflow, so the console refuses to publish it. Pure: the registrations come in.
import type { ParsedManifest } from "../manifest/parse";
import type { Violation } from "../violations";

/** `registeredDomain(name)`: the name of the domain the product is registered for, or undefined. */
export function approvedProductsOutsideDomain(parsed: ParsedManifest, registeredDomain: (product: string) => string | undefined): Violation[] {
  const manifest = parsed.manifest;
  if (!manifest || parsed.tier !== "domain" || !Array.isArray(manifest.approved_products)) return [];
  const domain = manifest.metadata.name;
  return manifest.approved_products.flatMap((product, i): Violation[] => {
    const owner = registeredDomain(product);
    if (owner === domain) return [];
    const path = `approved_products.${i}`;
    const { line, column } = parsed.locate(path);
    const message =
      owner === undefined
        ? `product '${product}' is not registered; a domain lists only products whose registration it approved`
        : `product '${product}' belongs to domain '${owner}', not '${domain}'; a domain approves only its own products`;
    return [{ code: "PRODUCT_NOT_IN_DOMAIN", severity: "error", path, tier: "domain", ref: parsed.ref, file: parsed.file, message, line, column }];
  });
}
