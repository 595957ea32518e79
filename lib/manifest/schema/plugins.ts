import { z } from "zod";
import { bool, int, k8sName, num, openRecord, orNull, semverString } from "./common";

export const pluginSelectionSchema = z.strictObject({
  type: z.string().trim().min(1, "plugin type must not be empty"),
  version: orNull(semverString),
  config: orNull(openRecord),
  connection_secret_ref: orNull(k8sName),
});

const score = num((n) => n.min(0).max(100));
const intScore = int((n) => n.min(0).max(100));
const gateTier = z.strictObject({
  min_test_coverage: score.optional(),
  required_tests: z.array(z.string()).optional(),
  min_score: intScore.optional(),
  overridable: bool().optional(),
});
const weight = num((n) => n.min(0).max(1));

/** floe's DimensionWeights defaults: a partial set is filled with these before the sum is checked. */
const DEFAULT_DIMENSION_WEIGHTS = { completeness: 0.25, accuracy: 0.25, validity: 0.2, consistency: 0.15, timeliness: 0.15 };
const dimensions = Object.keys(DEFAULT_DIMENSION_WEIGHTS) as (keyof typeof DEFAULT_DIMENSION_WEIGHTS)[];

export const qualityConfigSchema = z.strictObject({
  provider: z.string().min(1),
  quality_gates: z.strictObject({ bronze: gateTier.optional(), silver: gateTier.optional(), gold: gateTier.optional() }).optional(),
  dimension_weights: z
    .strictObject(Object.fromEntries(dimensions.map((d) => [d, weight.optional()])) as Record<keyof typeof DEFAULT_DIMENSION_WEIGHTS, z.ZodOptional<typeof weight>>)
    .superRefine((w, ctx) => {
      // Python's math.isclose(total, 1.0), rel_tol 1e-9, over the weights with floe's defaults filled in.
      const total = dimensions.reduce((sum, d) => sum + (w[d] ?? DEFAULT_DIMENSION_WEIGHTS[d]), 0);
      if (Math.abs(total - 1) > 1e-9 * Math.max(Math.abs(total), 1)) ctx.addIssue({ code: "custom", message: `Dimension weights must sum to 1.0, got ${total}` });
    })
    .optional(),
  calculation: z
    .strictObject({
      baseline_score: intScore.optional(),
      max_positive_influence: intScore.optional(),
      max_negative_influence: intScore.optional(),
      severity_weights: z.partialRecord(z.enum(["critical", "warning", "info"]), num()).optional(),
    })
    .optional(),
  thresholds: z.strictObject({ min_score: intScore.optional(), warn_score: intScore.optional() }).optional(),
  check_timeout_seconds: int((n) => n.min(1).max(3600)).optional(),
  enabled: bool().optional(),
});

/** floe's twelve plugin categories; `quality` has its own shape. */
export const PLUGIN_CATEGORIES = [
  "compute",
  "orchestrator",
  "catalog",
  "storage",
  "semantic_layer",
  "ingestion",
  "secrets",
  "telemetry_backend",
  "lineage_backend",
  "identity",
  "dbt",
] as const;
export type PluginCategory = (typeof PLUGIN_CATEGORIES)[number];

/** Categories an enterprise whitelist offers choices in: the observability backends are one per enterprise, not chosen. */
export const WHITELIST_CATEGORIES = [...PLUGIN_CATEGORIES.filter((c) => c !== "telemetry_backend" && c !== "lineage_backend"), "quality"];

const nullablePlugin = orNull(pluginSelectionSchema);
/** Every category accepts an explicit null (absent), except `dbt`, which floe defaults to `{type: core}`. */
export const pluginsSchema = z.strictObject({
  ...(Object.fromEntries(PLUGIN_CATEGORIES.map((c) => [c, c === "dbt" ? pluginSelectionSchema.optional() : nullablePlugin])) as Record<
    PluginCategory,
    typeof nullablePlugin
  >),
  quality: orNull(qualityConfigSchema),
});

/** Known plugin types per category (floe's PLUGIN_REGISTRY): suggestions only, never an enum. */
export const KNOWN_PLUGIN_TYPES: Record<PluginCategory, string[]> = {
  compute: ["duckdb", "snowflake", "spark", "bigquery", "databricks"],
  orchestrator: ["dagster", "airflow", "prefect"],
  catalog: ["polaris", "glue", "hive"],
  storage: ["s3", "gcs", "azure-blob", "minio"],
  semantic_layer: ["cube", "dbt-semantic-layer"],
  ingestion: ["dlt", "airbyte"],
  secrets: ["k8s-secrets", "eso", "vault"],
  telemetry_backend: ["console", "jaeger", "datadog", "grafana-cloud"],
  lineage_backend: ["marquez", "atlan", "openmetadata"],
  identity: ["k8s-rbac", "custom"],
  dbt: ["core", "fusion"],
};
