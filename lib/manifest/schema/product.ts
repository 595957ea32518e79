import { z } from "zod";
import { bool, int, k8sName, num, orNull } from "./common";
import { productMetadataSchema } from "./metadata";

const dbtName = z.string().min(1).max(128).regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "must be a dbt-style name: letters, digits and '_', not starting with a digit");

const qualityCheckSchema = z.strictObject({
  name: z.string().min(1),
  type: z.string().min(1),
  column: orNull(z.string()),
  dimension: z.enum(["completeness", "accuracy", "validity", "consistency", "timeliness"]),
  severity: z.enum(["critical", "warning", "info"]).optional(),
  custom_weight: orNull(num((n) => n.min(0.1).max(10))),
  parameters: z.record(z.string(), z.unknown()).optional(),
  enabled: bool().optional(),
});

export const transformSchema = z.strictObject({
  name: dbtName,
  compute: orNull(z.string().min(1)),
  tags: orNull(z.array(z.string())),
  dependsOn: orNull(z.array(z.string())),
  tier: orNull(z.enum(["bronze", "silver", "gold"])),
  qualityChecks: orNull(z.array(qualityCheckSchema)),
});

const outputPortSchema = z.strictObject({
  name: dbtName,
  description: orNull(z.string().max(500)),
  owner: orNull(z.string()),
  schema: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        type: z.string().min(1),
        description: orNull(z.string()),
        required: bool().optional(),
        primaryKey: bool().optional(),
        classification: orNull(z.string()),
      }),
    )
    .min(1),
});

const destinationSchema = z.strictObject({
  name: z.string().min(1).max(100),
  sink_type: z.string().min(1),
  connection_secret_ref: k8sName,
  source_table: orNull(z.string()),
  config: orNull(z.record(z.string(), z.unknown()).refine((c) => Object.keys(c).length <= 50, { message: "at most 50 config keys" })),
  field_mapping: orNull(z.record(z.string(), z.string())),
  batch_size: orNull(int((n) => n.min(1).max(100000))),
});

/** floe-core's FloeSpec (`floe.yaml`): closed at every level. */
export const productSchema = z
  .strictObject({
    apiVersion: z.literal("floe.dev/v1"),
    kind: z.literal("FloeSpec"),
    metadata: productMetadataSchema,
    platform: orNull(z.strictObject({ manifest: z.string().min(1) })),
    transforms: z.array(transformSchema).min(1),
    schedule: orNull(z.strictObject({ cron: orNull(z.string()), timezone: z.string().optional(), enabled: bool().optional() })),
    outputPorts: orNull(z.array(outputPortSchema)),
    destinations: orNull(z.array(destinationSchema)),
  })
  .superRefine((spec, ctx) => {
    const seen = new Set<string>();
    spec.transforms.forEach((t, i) => {
      if (seen.has(t.name)) ctx.addIssue({ code: "custom", path: ["transforms", i, "name"], message: `Duplicate transform names are not allowed: ${t.name}` });
      seen.add(t.name);
    });
    const destinations = new Set<string>();
    spec.destinations?.forEach((d, i) => {
      if (destinations.has(d.name)) ctx.addIssue({ code: "custom", path: ["destinations", i, "name"], message: `Duplicate destination names are not allowed: ${d.name}` });
      destinations.add(d.name);
    });
  });
export type FloeSpec = z.infer<typeof productSchema>;

/**
 * Keys floe's FloeSpec refuses anywhere in the document (FR-014): environment-specific settings.
 * floe-core's check also catches `schema`, its own `outputPorts[].schema` included.
 */
export const FORBIDDEN_PRODUCT_KEYS = new Set([
  "database", "schema", "host", "port", "username", "password", "credentials", "connection_string", "endpoint", "access_key", "secret_key", "token", "api_key",
]);
