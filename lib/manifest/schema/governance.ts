import { z } from "zod";
import { bool, int, isoDate, orNull, regexError } from "./common";

const pct = int((n) => n.min(0).max(100));
const appliesTo = z.string().optional();

const customRuleSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("require_tags_for_prefix"), prefix: z.string().min(1), required_tags: z.array(z.string()).min(1), applies_to: appliesTo }),
  z.strictObject({ type: z.literal("require_meta_field"), field: z.string().min(1), required: bool().optional(), applies_to: appliesTo }),
  z.strictObject({ type: z.literal("require_tests_of_type"), test_types: z.array(z.string()).min(1), min_columns: int((n) => n.min(1)).optional(), applies_to: appliesTo }),
]);

// Weakest first: lib/resolve/rules.ts reads these orders for never-weaken, and forms list them.
export const PII_ENCRYPTION = ["optional", "required"] as const;
export const AUDIT_LOGGING = ["disabled", "enabled"] as const;
export const ENFORCEMENT_LEVELS = ["off", "warn", "strict"] as const;

export const POLICY_TYPES = ["naming", "coverage", "documentation", "semantic", "custom", "data_contract", "rbac", "secret_scanning", "network_policy"] as const;
/** A floe `policy_overrides` policy type: what a time-boxed exception names. */
export type ExceptionPolicyType = (typeof POLICY_TYPES)[number];

// Nullability follows floe: fields typed `X | None` accept null; those with a default (a list,
// a nested model) do not.
export const governanceSchema = z.strictObject({
  pii_encryption: orNull(z.enum(PII_ENCRYPTION)),
  audit_logging: orNull(z.enum(AUDIT_LOGGING)),
  policy_enforcement_level: orNull(z.enum(ENFORCEMENT_LEVELS)),
  data_retention_days: orNull(int((n) => n.min(1))),
  default_ttl_hours: orNull(int((n) => n.min(1))),
  snapshot_keep_last: orNull(int((n) => n.min(1))),
  stale_table_recovery_mode: orNull(z.enum(["strict", "repair"])),
  naming: orNull(
    z
      .strictObject({
        enforcement: z.enum(ENFORCEMENT_LEVELS).optional(),
        pattern: z.enum(["medallion", "kimball", "custom"]).optional(),
        custom_patterns: orNull(z.array(z.string())),
      })
      .superRefine((n, ctx) => {
        if (n.pattern !== "custom") return;
        if (!n.custom_patterns?.length) ctx.addIssue({ code: "custom", path: ["custom_patterns"], message: "custom_patterns is required when pattern is custom" });
        n.custom_patterns?.forEach((p, i) => {
          const error = regexError(p);
          if (error) ctx.addIssue({ code: "custom", path: ["custom_patterns", i], message: `Invalid regex pattern '${p}': ${error}` });
        });
      }),
  ),
  quality_gates: orNull(
    z.strictObject({
      minimum_test_coverage: pct.optional(),
      require_descriptions: bool().optional(),
      require_column_descriptions: bool().optional(),
      block_on_failure: bool().optional(),
      layer_thresholds: orNull(z.strictObject({ bronze: pct.optional(), silver: pct.optional(), gold: pct.optional() })),
      zero_column_coverage_behavior: z.enum(["report_100_percent", "report_na"]).optional(),
    }),
  ),
  custom_rules: z.array(customRuleSchema).optional(),
  policy_overrides: z
    .array(
      z.strictObject({
        pattern: z.string().min(1),
        action: z.enum(["downgrade", "exclude"]),
        reason: z.string().min(1),
        expires: orNull(isoDate),
        policy_types: orNull(z.array(z.enum(POLICY_TYPES))),
      }),
    )
    .optional(),
  data_contracts: orNull(
    z.strictObject({
      enforcement: z.enum(ENFORCEMENT_LEVELS).optional(),
      auto_generation: z
        .strictObject({
          enabled: bool().optional(),
          include_descriptions: bool().optional(),
          default_classification: z.enum(["public", "internal", "confidential", "pii", "phi", "sensitive", "restricted"]).optional(),
        })
        .optional(),
      drift_detection: z
        .strictObject({ enabled: bool().optional(), fail_on_type_mismatch: bool().optional(), fail_on_missing_column: bool().optional(), warn_on_extra_column: bool().optional() })
        .optional(),
      inheritance_mode: z.enum(["merge", "override", "strict"]).optional(),
    }),
  ),
  rbac: orNull(z.strictObject({ enabled: bool().optional(), required_role: orNull(z.string()), allow_principal_fallback: bool().optional() })),
  secret_scanning: orNull(
    z.strictObject({
      enabled: bool().optional(),
      exclude_patterns: z.array(z.string()).optional(),
      custom_patterns: orNull(z.array(z.strictObject({ name: z.string(), pattern: z.string(), severity: z.enum(["error", "warning"]).optional() }))),
      severity: z.enum(["error", "warning"]).optional(),
    }),
  ),
  network_policies: orNull(
    z.strictObject({ enabled: bool().optional(), default_deny: bool().optional(), custom_egress_rules: z.array(z.record(z.string(), z.unknown())).optional() }),
  ),
  policies: orNull(
    z.array(
      z.strictObject({
        name: z.string().min(1),
        type: z.enum(["required_tags", "naming_convention", "max_transforms", "custom"]),
        action: z.enum(["warn", "error", "block"]),
        message: z.string().min(1),
        config: z.record(z.string(), z.unknown()).optional(),
      }),
    ),
  ),
});
