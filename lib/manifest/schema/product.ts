import { z } from "zod";
import { k8sName } from "./common";
import { productMetadataSchema } from "./metadata";

const dbtName = z.string().min(1).max(128).regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "must be a dbt-style name: letters, digits and '_', not starting with a digit");

const qualityCheckSchema = z.strictObject({
  name: z.string().min(1),
  type: z.string().min(1),
  column: z.string().optional(),
  dimension: z.enum(["completeness", "accuracy", "validity", "consistency", "timeliness"]),
  severity: z.enum(["critical", "warning", "info"]).optional(),
  custom_weight: z.number().min(0.1).max(10).optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
  enabled: z.boolean().optional(),
});

export const transformSchema = z.strictObject({
  name: dbtName,
  compute: z.string().min(1).optional(),
  tags: z.array(z.string()).optional(),
  dependsOn: z.array(z.string()).optional(),
  tier: z.enum(["bronze", "silver", "gold"]).optional(),
  qualityChecks: z.array(qualityCheckSchema).optional(),
});
export type Transform = z.infer<typeof transformSchema>;

const outputPortSchema = z.strictObject({
  name: dbtName,
  description: z.string().max(500).optional(),
  owner: z.string().optional(),
  schema: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        type: z.string().min(1),
        description: z.string().optional(),
        required: z.boolean().optional(),
        primaryKey: z.boolean().optional(),
        classification: z.string().optional(),
      }),
    )
    .min(1),
});

const destinationSchema = z.strictObject({
  name: z.string().min(1).max(100),
  sink_type: z.string().min(1),
  connection_secret_ref: k8sName,
  source_table: z.string().optional(),
  config: z.record(z.string(), z.unknown()).refine((c) => Object.keys(c).length <= 50, { message: "at most 50 config keys" }).optional(),
  field_mapping: z.record(z.string(), z.string()).optional(),
  batch_size: z.number().int().min(1).max(100000).optional(),
});

/** floe-core's FloeSpec (`floe.yaml`): closed at every level. */
export const productSchema = z
  .strictObject({
    apiVersion: z.literal("floe.dev/v1"),
    kind: z.literal("FloeSpec"),
    metadata: productMetadataSchema,
    platform: z.strictObject({ manifest: z.string().min(1) }).optional(),
    transforms: z.array(transformSchema).min(1),
    schedule: z.strictObject({ cron: z.string().optional(), timezone: z.string().optional(), enabled: z.boolean().optional() }).optional(),
    outputPorts: z.array(outputPortSchema).optional(),
    destinations: z.array(destinationSchema).optional(),
  })
  .superRefine((spec, ctx) => {
    const seen = new Set<string>();
    spec.transforms.forEach((t, i) => {
      if (seen.has(t.name)) ctx.addIssue({ code: "custom", path: ["transforms", i, "name"], message: `Duplicate transform names are not allowed: ${t.name}` });
      seen.add(t.name);
    });
  });
export type FloeSpec = z.infer<typeof productSchema>;

/** Keys floe's FloeSpec refuses anywhere in the document (FR-014): environment-specific settings. */
export const FORBIDDEN_PRODUCT_KEYS = new Set([
  "database", "host", "port", "username", "password", "credentials", "connection_string", "endpoint", "access_key", "secret_key", "token", "api_key",
]);
