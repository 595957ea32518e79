// zod schemas of the lib/ shapes the API sends (violations, provenance, chains, impact), checked at
// compile time against the lib types they describe, so neither can drift from the other.
import { z } from "zod";
import type { ImpactEntry as LibImpactEntry } from "../org/evaluate";
import type { ChainLink as LibChainLink } from "../resolve/chain";
import type { Provenance as LibProvenance } from "../resolve/merge";
import { RULE_KINDS } from "../resolve/rules";
import { VIOLATION_CODES, type Violation as LibViolation } from "../violations";
import { POLICY_TYPES } from "../manifest/schema/governance";

/** Both directions: the schema accepts every value of the lib type and describes nothing else. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const same = <A, B>(proof: Same<A, B>) => proof;

export const Tier = z.enum(["enterprise", "domain", "platform", "product"]);
export const ManifestTier = z.enum(["enterprise", "domain", "platform"]);
/** ISO 8601 in UTC, as JSON.stringify writes a Date. */
export const Timestamp = z.iso.datetime();

export const Violation = z.strictObject({
  code: z.enum(VIOLATION_CODES),
  severity: z.enum(["error", "warning"]),
  path: z.string().meta({ description: "dotted path inside the document ('' for the whole file)" }),
  tier: Tier.nullable(),
  ref: z.string().nullable().meta({ description: "oci:// reference of the manifest the problem sits in" }),
  file: z.string(),
  message: z.string(),
  line: z.int(),
  column: z.int(),
});
same<z.output<typeof Violation>, LibViolation>(true);

export const Provenance = z.strictObject({
  tier: Tier,
  ref: z.string().nullable(),
  version: z.string(),
  locked: z.boolean().meta({ description: "no tier below the one that set it may change it" }),
  rule: z.enum(RULE_KINDS),
  floeDefault: z.boolean().optional(),
  rejected: z.strictObject({ value: z.unknown(), code: z.enum(VIOLATION_CODES), tier: Tier, ref: z.string().nullable() }).optional(),
  excepted: z
    .strictObject({ state: z.enum(["active", "expired"]), until: z.string(), reason: z.string(), pattern: z.string(), policyType: z.enum(POLICY_TYPES) })
    .optional()
    .meta({ description: "a time-boxed exception let the domain's weaker value stand (active), or had expired" }),
});
same<z.output<typeof Provenance>, LibProvenance>(true);

export const ChainLink = z.strictObject({ tier: Tier, ref: z.string().nullable(), name: z.string(), version: z.string() });
same<z.output<typeof ChainLink>, LibChainLink>(true);

/** A resolved configuration: every leaf's value and, by dotted path, where it came from. */
export const Resolution = z.strictObject({
  resolved: z.record(z.string(), z.unknown()).nullable(),
  provenance: z.record(z.string(), Provenance),
  violations: z.array(Violation),
  chain: z.array(ChainLink),
  mode: z.enum(["two-tier", "three-tier"]).optional(),
});

export const ImpactEntry = z.strictObject({
  kind: z.enum(["domain", "product"]),
  key: z.string(),
  name: z.string(),
  changedPaths: z.array(z.string()),
  newErrors: z.array(Violation),
});
same<z.output<typeof ImpactEntry>, LibImpactEntry>(true);

export const Impact = z.strictObject({ changed: z.array(ImpactEntry), broken: z.array(ImpactEntry), fixed: z.array(ImpactEntry) });
