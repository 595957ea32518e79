import { z } from "zod";
import { int } from "./common";
import { artifactsSchema, resourcePresetSchema } from "./artifacts";
import { governanceSchema, POLICY_TYPES } from "./governance";
import { manifestMetadataSchema } from "./metadata";
import { observabilitySchema } from "./observability";
import { pluginsSchema } from "./plugins";

/**
 * Mesh Console's own extension: ceilings for values domains may raise. It is a top-level
 * key because floe ignores unknown top-level keys (with a warning) but rejects unknown
 * keys inside `governance`.
 */
export const governanceBoundsSchema = z.strictObject({
  data_retention_days: z.strictObject({ max: int((n) => n.min(1)).optional() }).optional(),
  /** Policy types no time-boxed exception may touch, whatever `governance.policy_overrides` says. */
  no_exceptions: z.array(z.enum(POLICY_TYPES)).optional(),
});

export const MANIFEST_SCOPES = ["enterprise", "domain"] as const;

/** floe-core's PlatformManifest. Top level is open (floe warns on unknown keys), every nested model is closed. */
export const manifestSchema = z.looseObject({
  apiVersion: z.literal("floe.dev/v1"),
  kind: z.literal("Manifest"),
  metadata: manifestMetadataSchema,
  scope: z.enum(MANIFEST_SCOPES).nullable().optional(),
  parent_manifest: z.string().min(1).nullable().optional(),
  plugins: pluginsSchema,
  governance: governanceSchema.nullable().optional(),
  approved_plugins: z.record(z.string(), z.array(z.string())).nullable().optional(),
  approved_sinks: z.array(z.string()).nullable().optional(),
  approved_products: z.array(z.string().min(1)).nullable().optional(),
  defaults: z.record(z.string(), z.string()).nullable().optional(),
  artifacts: artifactsSchema.nullable().optional(),
  observability: observabilitySchema.nullable().optional(),
  resource_presets: z.record(z.string(), resourcePresetSchema).nullable().optional(),
  governance_bounds: governanceBoundsSchema.optional(),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** Top-level keys floe knows; anything else is ignored by floe and earns a warning here. */
export const KNOWN_MANIFEST_KEYS = Object.keys(manifestSchema.shape);

/** floe refuses environment-specific keys: a manifest must be the same in every environment. */
export const ENVIRONMENT_KEYS = ["env_overrides", "environments", "environment", "env", "dev", "staging", "prod", "production", "target_env", "floe_env"];
