import { stringify as stringifyYaml } from "yaml";
import { YAML11 } from "../yaml/yaml11";

/** floe reads YAML 1.1: `off` must come out quoted. */
const stringify = (value: unknown) => stringifyYaml(value, YAML11);

export interface GenerateOptions {
  domains: number;
  productsPerDomain: number;
  seed: number;
  host?: string;
  prefix?: string;
}

export interface GeneratedFile {
  /** Relative to the organisation directory. */
  path: string;
  text: string;
}

/** mulberry32: a tiny seeded PRNG, so the same seed always yields the same organisation. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DOMAIN_WORDS = ["sales", "marketing", "finance", "operations", "logistics", "people", "support", "risk", "legal", "procurement", "supply", "pricing", "growth", "payments", "fraud", "inventory", "security", "research", "partners", "billing"];
const PRODUCT_WORDS = ["customer", "orders", "revenue", "churn", "forecast", "ledger", "sessions", "campaign", "invoice", "shipment", "claims", "pipeline", "margin", "cohort", "funnel", "stock"];
const ENTITY_WORDS = ["accounts", "events", "snapshots", "facts", "metrics", "scores"];
const COMPUTE = ["duckdb", "snowflake", "databricks"];
const RETENTION = [30, 60, 90, 180, 365, 730, 2555];

/** The kinds of domain-level mistakes the generator plants, one domain each. */
const DOMAIN_FAULTS = ["PLUGIN_NOT_APPROVED", "SECURITY_POLICY_OVERRIDE", "POLICY_WEAKENED", "RETENTION_OUT_OF_BOUNDS", "IMMUTABLE_OVERRIDE"] as const;

function domainName(i: number): string {
  const word = DOMAIN_WORDS[i % DOMAIN_WORDS.length];
  return i < DOMAIN_WORDS.length ? word : `${word}-${Math.floor(i / DOMAIN_WORDS.length) + 1}`;
}

/**
 * A synthetic organisation in `mesh check` layout: one enterprise, N domains choosing different
 * approved compute and retention, M products each, and a few planted violations of each kind
 * (about one domain per domain-level kind, and a fraction of a percent of products).
 */
export function* generateOrganisation(o: GenerateOptions): Generator<GeneratedFile> {
  const random = rng(o.seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const host = o.host ?? "registry.acme.example";
  const prefix = o.prefix ?? "floe";
  const refOf = (name: string, version: string) => `oci://${host}/${prefix}/${name}:${version}`;
  const enterpriseRef = refOf("acme-enterprise", "1.0.0");
  const manifestPath = (name: string, version: string) => `registry/${host}/${prefix}/${name}/${version}.yaml`;

  yield {
    path: manifestPath("acme-enterprise", "1.0.0"),
    text: stringify({
      apiVersion: "floe.dev/v1",
      kind: "Manifest",
      metadata: { name: "acme-enterprise", version: "1.0.0", owner: "cto-office@acme.example", description: "Generated enterprise policy" },
      scope: "enterprise",
      approved_plugins: { compute: COMPUTE, orchestrator: ["dagster"] },
      plugins: { compute: { type: "duckdb" }, orchestrator: { type: "dagster" }, telemetry_backend: { type: "datadog" }, lineage_backend: { type: "marquez" } },
      governance: { pii_encryption: "required", audit_logging: "enabled", policy_enforcement_level: "warn", data_retention_days: 30, quality_gates: { minimum_test_coverage: 70 } },
      governance_bounds: { data_retention_days: { max: 2555 } },
    }),
  };

  // Shuffle domain indices once so planted faults land on seed-dependent domains.
  const order = Array.from({ length: o.domains }, (_, i) => i).sort(() => random() - 0.5);
  const faultOf = new Map<number, (typeof DOMAIN_FAULTS)[number]>();
  DOMAIN_FAULTS.forEach((fault, k) => {
    if (o.domains >= 2 * DOMAIN_FAULTS.length && k < order.length) faultOf.set(order[k], fault);
  });

  for (let d = 0; d < o.domains; d++) {
    const domain = domainName(d);
    const products = Array.from({ length: o.productsPerDomain }, (_, p) => `${domain}-${PRODUCT_WORDS[p % PRODUCT_WORDS.length]}-${p + 1}`);
    const unapproved = new Set(products.filter(() => random() < 0.004));
    const fault = faultOf.get(d);
    const governance: Record<string, unknown> = {};
    if (random() < 0.6) governance.data_retention_days = pick(RETENTION);
    if (random() < 0.3) governance.policy_enforcement_level = "strict";
    const plugins: Record<string, unknown> = { compute: { type: pick(COMPUTE) } };
    if (fault === "PLUGIN_NOT_APPROVED") plugins.compute = { type: "spark" };
    if (fault === "SECURITY_POLICY_OVERRIDE") governance.pii_encryption = "optional";
    if (fault === "POLICY_WEAKENED") governance.policy_enforcement_level = "off";
    if (fault === "RETENTION_OUT_OF_BOUNDS") governance.data_retention_days = 7;
    if (fault === "IMMUTABLE_OVERRIDE") plugins.telemetry_backend = { type: "jaeger" };
    yield {
      path: manifestPath(domain, "1.0.0"),
      text: stringify({
        apiVersion: "floe.dev/v1",
        kind: "Manifest",
        metadata: { name: domain, version: "1.0.0", owner: `${domain}-owner@acme.example`, description: `Generated ${domain} domain` },
        scope: "domain",
        parent_manifest: enterpriseRef,
        plugins,
        ...(Object.keys(governance).length ? { governance } : {}),
        approved_products: products.filter((p) => !unapproved.has(p)),
      }),
    };
    for (const product of products) {
      const entity = pick(ENTITY_WORDS);
      const roll = random();
      const ref = roll < 0.002 ? refOf(domain, "9.9.9") : refOf(domain, "1.0.0");
      const martCompute = roll > 0.998 ? "\n    compute: spark" : "";
      yield {
        path: `products/${domain}/${product}/floe.yaml`,
        text: `apiVersion: floe.dev/v1
kind: FloeSpec
metadata:
  name: ${product}
  version: 1.${Math.floor(random() * 10)}.0
  owner: ${domain}-data@acme.example
  description: Generated ${entity} product for ${domain}
  labels:
    domain: ${domain}
platform:
  manifest: ${ref}
transforms:
  - name: stg_${entity}
    tier: bronze
  - name: int_${entity}
    tier: silver
    dependsOn: [stg_${entity}]
  - name: mart_${entity}
    tier: gold
    dependsOn: [int_${entity}]${martCompute}
schedule:
  cron: "${Math.floor(random() * 60)} */6 * * *"
  timezone: UTC
`,
      };
    }
  }
}
