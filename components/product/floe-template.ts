/** A starting floe.yaml for a new product, pointing at its domain's latest published manifest. */
export function floeTemplate({ name, description, owner, domainRef }: { name: string; description: string; owner: string; domainRef: string }) {
  return `apiVersion: floe.dev/v1
kind: FloeSpec
metadata:
  name: ${name || "my-product"}
  version: 0.1.0
  owner: ${owner}
  description: ${JSON.stringify(description || "What this product offers")}
platform:
  manifest: ${domainRef || "oci://registry.example/floe/DOMAIN:1.0.0"}
transforms:
  - name: stg_${(name || "source").replace(/-/g, "_")}
    tier: bronze
`;
}
