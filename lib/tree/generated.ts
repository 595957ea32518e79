import { evaluateOrg } from "../org/evaluate";
import { generateOrganisation } from "../org/generate";
import { buildTree, type TreeModel, type TreeSource } from "./model";

/**
 * A generated organisation as the tree sees it, without a database: used by the unit tests and
 * as the shape `scripts/load-scale-org.ts` stores (manifest name/tier from the file, products approved).
 */
export async function generatedTree(domains: number, productsPerDomain: number, seed = 1): Promise<TreeModel> {
  const manifests: { ref: string; text: string }[] = [];
  const products: { id: string; text: string }[] = [];
  const source: TreeSource = { manifests: [], products: [] };
  for (const file of generateOrganisation({ domains, productsPerDomain, seed })) {
    const manifest = /^registry\/(.+)\/([^/]+)\/([^/]+)\.yaml$/.exec(file.path);
    if (manifest) {
      const [, repo, name, version] = manifest;
      const ref = `oci://${repo}/${name}:${version}`;
      manifests.push({ ref, text: file.text });
      source.manifests.push({ name, tier: /^scope: enterprise$/m.test(file.text) ? "enterprise" : "domain", ref, version });
      continue;
    }
    const [, domain, name] = /^products\/([^/]+)\/([^/]+)\/floe\.yaml$/.exec(file.path)!;
    products.push({ id: name, text: file.text });
    source.products.push({ key: name, name, domain, status: "approved" });
  }
  return buildTree(source, await evaluateOrg({ manifests, products }, { followLatest: true }));
}
