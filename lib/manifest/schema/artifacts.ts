import { z } from "zod";
import { bool, int, k8sName, num, orNull } from "./common";

// floe-core's schemas/oci.py, signing.py and promotion.py: every model closed, as floe has them.

const secretReference = z.strictObject({
  source: z.enum(["env", "kubernetes", "vault", "external-secrets", "infisical"]).optional(),
  name: k8sName,
  key: orNull(z.string()),
});

const url = z.url().max(2083);

// floe checks credentials_ref in a field validator, which pydantic skips when the field is
// omitted: `{type: basic}` alone is accepted; a present (or null) credentials_ref is checked.
const registryAuth = z
  .strictObject({
    type: z.enum(["anonymous", "basic", "token", "aws-irsa", "azure-managed-identity", "gcp-workload-identity"]),
    credentials_ref: secretReference.nullish(),
  })
  .superRefine((a, ctx) => {
    if (!("credentials_ref" in a)) return;
    const needs = a.type === "basic" || a.type === "token";
    if (needs !== Boolean(a.credentials_ref))
      ctx.addIssue({ code: "custom", path: ["credentials_ref"], message: needs ? `credentials_ref is required for ${a.type} auth` : `credentials_ref must be absent for ${a.type} auth` });
  })
  .transform(({ credentials_ref, ...rest }) => (credentials_ref ? { ...rest, credentials_ref } : rest));

const resilience = z.strictObject({
  retry: z
    .strictObject({
      max_attempts: int((n) => n.min(1).max(10)).optional(),
      initial_delay_ms: int((n) => n.min(100)).optional(),
      backoff_multiplier: num((n) => n.min(1).max(5)).optional(),
      max_delay_ms: int((n) => n.min(1000)).optional(),
      jitter: bool().optional(),
    })
    .optional(),
  circuit_breaker: z
    .strictObject({
      enabled: bool().optional(),
      failure_threshold: int((n) => n.min(1)).optional(),
      recovery_timeout_ms: int((n) => n.min(1000)).optional(),
      half_open_requests: int((n) => n.min(1)).optional(),
    })
    .optional(),
});

const signing = z.strictObject({
  mode: z.enum(["keyless", "key-based"]),
  oidc_issuer: orNull(url),
  rekor_url: url.optional(),
  fulcio_url: url.optional(),
  private_key_ref: orNull(secretReference),
});

const ENFORCEMENT = ["enforce", "warn", "off"] as const;
const verification = z.strictObject({
  enabled: bool().optional(),
  enforcement: z.enum(ENFORCEMENT).optional(),
  trusted_issuers: z.array(z.strictObject({ issuer: url, subject: orNull(z.string()), subject_regex: orNull(z.string().max(1000)) })).optional(),
  require_rekor: bool().optional(),
  require_sbom: bool().optional(),
  public_key_ref: orNull(secretReference),
  environments: z.record(z.string(), z.strictObject({ enforcement: z.enum(ENFORCEMENT), require_sbom: orNull(bool()) })).optional(),
  grace_period_days: int((n) => n.min(0).max(90)).optional(),
  private_infrastructure: bool().optional(),
});

const securityGate = z.strictObject({
  command: z.string().min(1),
  block_on_severity: z.array(z.string()).optional(),
  ignore_unfixed: bool().optional(),
  scanner_format: z.enum(["trivy", "grype"]).optional(),
  timeout_seconds: int((n) => n.min(30).max(3600)).optional(),
});
const PROMOTION_GATES = ["policy_compliance", "tests", "security_scan", "cost_analysis", "performance_baseline"] as const;
const timeout = int((n) => n.min(30).max(3600));

const promotion = z.strictObject({
  environments: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(50).regex(/^[a-z][a-z0-9_-]*$/, "must be lowercase letters, digits, '_' and '-', starting with a letter"),
        gates: z.partialRecord(z.enum(PROMOTION_GATES), z.union([z.boolean(), securityGate])),
        gate_timeout_seconds: timeout.optional(),
        authorization: orNull(z.strictObject({ allowed_groups: orNull(z.array(z.string())), allowed_operators: orNull(z.array(z.string())), separation_of_duties: bool().optional() })),
        lock: orNull(z.strictObject({ locked: bool(), reason: orNull(z.string()), locked_by: orNull(z.string()), locked_at: orNull(z.union([z.iso.datetime({ offset: true, local: true }), z.date()])) })),
      }),
    )
    .min(1)
    .optional(),
  audit_backend: z.enum(["oci", "s3", "database"]).optional(),
  default_timeout_seconds: timeout.optional(),
  webhooks: orNull(
    z.array(
      z.strictObject({
        url: z.string().min(1),
        events: z.array(z.string()).min(1),
        headers: orNull(z.record(z.string(), z.string())),
        timeout_seconds: int((n) => n.min(1).max(300)).optional(),
        retry_count: int((n) => n.min(0).max(10)).optional(),
      }),
    ),
  ),
  gate_commands: orNull(z.record(z.string(), z.union([z.string(), securityGate]))),
  signature_enforcement: z.enum(ENFORCEMENT).optional(),
  secondary_registries: orNull(z.array(z.string())),
  verify_secondary_digests: bool().optional(),
});

export const artifactsSchema = z.strictObject({
  registry: z.strictObject({
    uri: z.string().regex(/^oci:\/\/[a-zA-Z0-9][a-zA-Z0-9.-]*[a-zA-Z0-9](:[0-9]+)?(\/[a-zA-Z0-9._-]+)*$/, "must be oci://host[:port]/path with no tag"),
    auth: registryAuth,
    tls_verify: bool().optional(),
    cache: z
      .strictObject({ enabled: bool().optional(), path: z.string().optional(), max_size_gb: int((n) => n.min(1)).optional(), ttl_hours: int((n) => n.min(1)).optional() })
      .optional(),
    resilience: resilience.optional(),
    signing: orNull(signing),
    verification: orNull(verification),
  }),
  promotion: orNull(promotion),
});

const resourceQuantity = z.strictObject({ cpu: z.string(), memory: z.string() });
/** floe's ManifestResourcePreset: both requests and limits, each with cpu and memory. */
export const resourcePresetSchema = z.strictObject({ requests: resourceQuantity, limits: resourceQuantity });
