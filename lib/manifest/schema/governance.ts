import { z } from "zod";

const pct = z.number().int().min(0).max(100);
const appliesTo = z.string().optional();

const customRuleSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("require_tags_for_prefix"), prefix: z.string().min(1), required_tags: z.array(z.string()).min(1), applies_to: appliesTo }),
  z.strictObject({ type: z.literal("require_meta_field"), field: z.string().min(1), required: z.boolean().optional(), applies_to: appliesTo }),
  z.strictObject({ type: z.literal("require_tests_of_type"), test_types: z.array(z.string()).min(1), min_columns: z.number().int().min(1).optional(), applies_to: appliesTo }),
]);

// Weakest first: lib/resolve/rules.ts reads these orders for never-weaken, and forms list them.
export const PII_ENCRYPTION = ["optional", "required"] as const;
export const AUDIT_LOGGING = ["disabled", "enabled"] as const;
export const ENFORCEMENT_LEVELS = ["off", "warn", "strict"] as const;

const POLICY_TYPES = ["naming", "coverage", "documentation", "semantic", "custom", "data_contract", "rbac", "secret_scanning", "network_policy"] as const;

export const governanceSchema = z.strictObject({
  pii_encryption: z.enum(PII_ENCRYPTION).optional(),
  audit_logging: z.enum(AUDIT_LOGGING).optional(),
  policy_enforcement_level: z.enum(ENFORCEMENT_LEVELS).optional(),
  data_retention_days: z.number().int().min(1).optional(),
  default_ttl_hours: z.number().int().min(1).optional(),
  snapshot_keep_last: z.number().int().min(1).optional(),
  stale_table_recovery_mode: z.enum(["strict", "repair"]).optional(),
  naming: z
    .strictObject({
      enforcement: z.enum(ENFORCEMENT_LEVELS).optional(),
      pattern: z.enum(["medallion", "kimball", "custom"]).optional(),
      custom_patterns: z.array(z.string()).optional(),
    })
    .refine((n) => n.pattern !== "custom" || (n.custom_patterns?.length ?? 0) > 0, { message: "custom_patterns is required when pattern is custom", path: ["custom_patterns"] })
    .optional(),
  quality_gates: z
    .strictObject({
      minimum_test_coverage: pct.optional(),
      require_descriptions: z.boolean().optional(),
      require_column_descriptions: z.boolean().optional(),
      block_on_failure: z.boolean().optional(),
      layer_thresholds: z.strictObject({ bronze: pct.optional(), silver: pct.optional(), gold: pct.optional() }).optional(),
      zero_column_coverage_behavior: z.enum(["report_100_percent", "report_na"]).optional(),
    })
    .optional(),
  custom_rules: z.array(customRuleSchema).optional(),
  policy_overrides: z
    .array(
      z.strictObject({
        pattern: z.string().min(1),
        action: z.enum(["downgrade", "exclude"]),
        reason: z.string().min(1),
        expires: z.string().optional(),
        policy_types: z.array(z.enum(POLICY_TYPES)).optional(),
      }),
    )
    .optional(),
  data_contracts: z
    .strictObject({
      enforcement: z.enum(ENFORCEMENT_LEVELS).optional(),
      auto_generation: z
        .strictObject({
          enabled: z.boolean().optional(),
          include_descriptions: z.boolean().optional(),
          default_classification: z.enum(["public", "internal", "confidential", "pii", "phi", "sensitive", "restricted"]).optional(),
        })
        .optional(),
      drift_detection: z
        .strictObject({ enabled: z.boolean().optional(), fail_on_type_mismatch: z.boolean().optional(), fail_on_missing_column: z.boolean().optional(), warn_on_extra_column: z.boolean().optional() })
        .optional(),
      inheritance_mode: z.enum(["merge", "override", "strict"]).optional(),
    })
    .optional(),
  rbac: z.strictObject({ enabled: z.boolean().optional(), required_role: z.string().optional(), allow_principal_fallback: z.boolean().optional() }).optional(),
  secret_scanning: z
    .strictObject({
      enabled: z.boolean().optional(),
      exclude_patterns: z.array(z.string()).optional(),
      custom_patterns: z.array(z.strictObject({ name: z.string(), pattern: z.string(), severity: z.enum(["error", "warning"]).optional() })).optional(),
      severity: z.enum(["error", "warning"]).optional(),
    })
    .optional(),
  network_policies: z
    .strictObject({ enabled: z.boolean().optional(), default_deny: z.boolean().optional(), custom_egress_rules: z.array(z.record(z.string(), z.unknown())).optional() })
    .optional(),
  policies: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        type: z.enum(["required_tags", "naming_convention", "max_transforms", "custom"]),
        action: z.enum(["warn", "error", "block"]),
        message: z.string().min(1),
        config: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .optional(),
});
export type Governance = z.infer<typeof governanceSchema>;
