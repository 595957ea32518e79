import { fastLoadYaml } from "../yaml/fast-load";
import { parseProduct, type ParsedProduct } from "./parse";
import { acceptPlainProduct } from "./product-fast-accept";

// Apart from parse.ts, which the browser bundles for the editors: only bulk readers need js-yaml.

/**
 * Parses one floe.yaml among thousands (an organisation's evaluation, `mesh check`): the fast
 * YAML reader where it applies (lib/yaml/fast-load.ts), the quick validator before zod
 * (lib/manifest/product-fast-accept.ts), and no document kept.
 */
export const parseProductInBulk = (text: string, file: string): ParsedProduct => withoutDocument(parseProduct(text, file, { loaded: fastLoadYaml(text), accept: acceptPlainProduct }));

/**
 * The parsed product without its YAML document (17 KB a product in memory, 1.5 KB without), for
 * holding thousands: positions asked for later (violations found at resolution) come from
 * parsing the text again, once, for the few products that have them.
 */
function withoutDocument(full: ParsedProduct): ParsedProduct {
  const { kind, file, ref, text, violations, product } = full;
  let located: ParsedProduct | undefined;
  const reparse = () => (located ??= parseProduct(text, file));
  return {
    kind,
    file,
    ref,
    text,
    violations,
    product,
    locate: (path) => reparse().locate(path),
    get yaml() {
      return reparse().yaml;
    },
  };
}
