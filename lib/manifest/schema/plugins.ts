import { z } from "zod";
import { k8sName, openRecord, semverString } from "./common";

export const pluginSelectionSchema = z.strictObject({
  type: z.string().trim().min(1, "plugin type must not be empty"),
  version: semverString.optional(),
  config: openRecord.optional(),
  connection_secret_ref: k8sName.optional(),
});
export type PluginSelection = z.infer<typeof pluginSelectionSchema>;

const score = z.number().min(0).max(100);
const gateTier = z.strictObject({
  min_test_coverage: score.optional(),
  required_tests: z.array(z.string()).optional(),
  min_score: z.number().int().min(0).max(100).optional(),
  overridable: z.boolean().optional(),
});
const weight = z.number().min(0).max(1);

export const qualityConfigSchema = z.strictObject({
  provider: z.string().min(1),
  quality_gates: z.strictObject({ bronze: gateTier.optional(), silver: gateTier.optional(), gold: gateTier.optional() }).optional(),
  dimension_weights: z
    .strictObject({ completeness: weight, accuracy: weight, validity: weight, consistency: weight, timeliness: weight })
    .refine((w) => Math.abs(Object.values(w).reduce((a, b) => a + b, 0) - 1) < 1e-6, { message: "dimension weights must sum to 1.0" })
    .optional(),
  calculation: z
    .strictObject({
      baseline_score: score.optional(),
      max_positive_influence: score.optional(),
      max_negative_influence: score.optional(),
      severity_weights: z.record(z.enum(["critical", "warning", "info"]), z.number()).optional(),
    })
    .optional(),
  thresholds: z.strictObject({ min_score: score.optional(), warn_score: score.optional() }).optional(),
  check_timeout_seconds: z.number().int().min(1).max(3600).optional(),
  enabled: z.boolean().optional(),
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

export const pluginsSchema = z.strictObject({
  ...(Object.fromEntries(PLUGIN_CATEGORIES.map((c) => [c, pluginSelectionSchema.optional()])) as Record<
    PluginCategory,
    z.ZodOptional<typeof pluginSelectionSchema>
  >),
  quality: qualityConfigSchema.optional(),
});
export type Plugins = z.infer<typeof pluginsSchema>;

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
