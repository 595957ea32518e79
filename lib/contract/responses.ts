// What every API route answers, as zod schemas: the route wrapper (server/http/route.ts) checks each
// response against its route's schema, /api/openapi.json is generated from them, and the browser's
// types (lib/client/api.ts) are inferred from them. Objects are strict: a field a service adds
// without describing it here is a contract error (a 500 in development and tests).
import { z } from "zod";
import { ROLES } from "../auth/permissions";
import { PRODUCT_STATUSES, REQUEST_STATUSES } from "../statuses";
import { Impact, ImpactEntry, ManifestTier, Resolution, Tier, Timestamp, Violation } from "./shapes";

export { ChainLink, Impact, ImpactEntry, Provenance, Resolution, Violation } from "./shapes";

/** Every non-2xx answer. Some carry extras beside `error` (a 409's `current`, a 422's `violations`, a 428's `impact`). */
export const ErrorBody = z.looseObject({
  error: z.strictObject({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/** A person as the API names them: their e-mail address (null when nobody, e.g. a draft never edited). */
const Person = z.string().meta({ description: "e-mail address" });
const Behind = z.strictObject({ buildsOn: z.string(), latest: z.string() }).nullable().meta({ description: "a domain built on an older enterprise version than the latest" });

export const Membership = z.strictObject({
  role: z.enum(ROLES),
  domainId: z.string().nullable().meta({ description: "domain_owner: the owned domain's manifest id" }),
  team: z.string().nullable().meta({ description: "product_team: the team" }),
});
/** GET /api/health: the process answers. */
export const Health = z.strictObject({ ok: z.literal(true) });
export const Me = z.strictObject({ user: z.strictObject({ id: z.string(), email: z.string(), name: z.string() }), memberships: z.array(Membership) });

export const ManifestSummary = z.strictObject({
  id: z.string(),
  name: z.string(),
  tier: ManifestTier,
  title: z.string().nullable(),
  latestVersion: z.string().nullable(),
  draftRevision: z.int(),
  draftChanged: z.boolean(),
  canEdit: z.boolean().meta({ description: "the caller may edit (and so see) this manifest's draft" }),
  parentName: z.string().nullable(),
  errors: z.int().nullable().meta({ description: "errors of the latest version in the current tree; null when nothing is published" }),
  behind: Behind,
});
export const ManifestList = z.array(ManifestSummary);

export const VersionInfo = z.strictObject({
  version: z.string(),
  ref: z.string(),
  digest: z.string(),
  publishedAt: Timestamp,
  publishedBy: Person,
  message: z.string().nullable(),
  parentVersion: z.string().nullable(),
  confirmedBreaking: z.boolean(),
});
export const VersionDetail = VersionInfo.extend({ yaml: z.string(), parentRef: z.string().nullable() });

export const ManifestDetail = z.strictObject({
  manifest: z.strictObject({ id: z.string(), name: z.string(), tier: ManifestTier, parentName: z.string().nullable() }),
  draft: z
    .strictObject({ yaml: z.string(), revision: z.int(), updatedAt: Timestamp, updatedBy: Person.nullable() })
    .nullable()
    .meta({ description: "null for who may not edit the manifest: they see the published versions only" }),
  draftExists: z.boolean(),
  versions: z.array(VersionInfo),
  draftViolations: z.array(Violation),
  resolution: Resolution.nullable(),
  behind: Behind,
  canEdit: z.boolean(),
});

export const Saved = z.strictObject({ revision: z.int(), violations: z.array(Violation) });
export const Validation = z.strictObject({ violations: z.array(Violation) });

// The impact as the preview endpoints answer it (lib/org/impact-page.ts): a summary and first pages,
// one page of a group, or one name per affected node for the tree's overlay.
const ImpactCounts = z.strictObject({ domains: z.int(), products: z.int() });
const perGroup = <S extends z.ZodType>(s: S) => z.strictObject({ broken: s, fixed: s, changed: s });
export const PagedImpactPreview = z.strictObject({
  version: z.string(),
  ref: z.string(),
  violations: z.array(Violation),
  summary: perGroup(ImpactCounts),
  broken: z.array(ImpactEntry),
  fixed: z.array(ImpactEntry),
  changed: z.array(ImpactEntry),
  next: perGroup(z.string().nullable()),
});
export const ImpactEntryPage = z.strictObject({ items: z.array(ImpactEntry), nextCursor: z.string().nullable() });
const MarkNames = z.strictObject({ broken: z.array(z.string()), changed: z.array(z.string()), fixed: z.array(z.string()) });
export const ImpactMarksView = z.strictObject({ version: z.string(), ref: z.string(), marks: z.strictObject({ domains: MarkNames, products: MarkNames }) });
export const ImpactAnswer = z.union([PagedImpactPreview, ImpactEntryPage, ImpactMarksView]);

const PushStatus = z.enum(["disabled", "pushed", "unchanged", "failed"]);
export const Published = z.strictObject({ version: z.string(), ref: z.string(), digest: z.string(), registry: PushStatus, normalised: z.array(z.string()) });

export const ProductSummary = z.strictObject({
  id: z.string(),
  name: z.string(),
  team: z.string(),
  description: z.string(),
  status: z.enum(PRODUCT_STATUSES),
  domain: z.string(),
  domainVersion: z.string().nullable(),
  revision: z.int(),
});
export const ProductPage = z.strictObject({ items: z.array(ProductSummary), nextCursor: z.string().nullable() });

const RequestFields = {
  id: z.string(),
  status: z.enum(REQUEST_STATUSES),
  reason: z.string().nullable(),
  requestedBy: Person,
  decidedBy: Person.nullable(),
  createdAt: Timestamp,
  decidedAt: Timestamp.nullable(),
};
/** A request as listed under its product. */
export const ProductRequest = z.strictObject(RequestFields);
/** A request as listed across products: its product nested, with the revision an approval must name. */
export const RequestItem = z.strictObject({
  ...RequestFields,
  product: z.strictObject({ id: z.string(), name: z.string(), team: z.string(), description: z.string(), status: z.enum(PRODUCT_STATUSES), revision: z.int() }),
  domain: z.string(),
  canDecide: z.boolean(),
  canWithdraw: z.boolean(),
});
export const RequestPage = z.strictObject({ items: z.array(RequestItem), nextCursor: z.string().nullable() });
export const RequestCreated = z.strictObject({ id: z.string(), productId: z.string(), status: z.literal("pending") });
export const Approved = z.strictObject({ status: z.literal("approved"), version: z.string(), ref: z.string(), digest: z.string() });
export const Rejected = z.strictObject({ status: z.literal("rejected") });
export const Withdrawn = z.strictObject({ status: z.literal("withdrawn") });
export const Removed = z.strictObject({ status: z.literal("removed"), version: z.string(), ref: z.string() });

export const ProductDetail = z.strictObject({
  product: ProductSummary.omit({ revision: true }),
  floeYaml: z.string().nullable().meta({ description: "null when the product is not approved and the caller is neither its team nor its domain's owner" }),
  draftExists: z.boolean(),
  revision: z.int(),
  resolution: Resolution.nullable(),
  requests: z.array(ProductRequest),
  canEdit: z.boolean(),
  canRemove: z.boolean(),
});

export const AuditEntry = z.strictObject({
  seq: z.int(),
  at: Timestamp,
  actorId: z.string().nullable(),
  actorEmail: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  beforeDigest: z.string().nullable(),
  afterDigest: z.string().nullable(),
  reason: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable().meta({ description: "the event's details (secrets masked)" }),
  prevHash: z.string(),
  hash: z.string().meta({ description: "hash chain: sha256 over prevHash and the event (npm run audit:verify)" }),
});
export const AuditPage = z.strictObject({ events: z.array(AuditEntry), nextCursor: z.int().nullable() });

export const SearchResult = z.strictObject({ type: z.enum(["domain", "product", "manifest", "person"]), name: z.string(), title: z.string(), href: z.string() });
export const SearchResults = z.array(SearchResult);

const PushOutcome = z.discriminatedUnion("status", [
  z.strictObject({ status: z.literal("disabled") }),
  z.strictObject({ status: z.enum(["pushed", "unchanged"]), digest: z.string() }),
  z.strictObject({ status: z.literal("failed"), code: z.string(), message: z.string() }),
]);
export const RegistryPushResults = z.array(z.strictObject({ ref: z.string(), outcome: PushOutcome }));
const RegistryState = z.enum(["in-sync", "missing", "drifted"]);
export const RegistryStatus = z.union([
  z.strictObject({ configured: z.literal(false) }),
  z.strictObject({ configured: z.literal(true), url: z.string(), reachable: z.literal(false), error: z.string() }),
  z.strictObject({
    configured: z.literal(true),
    url: z.string(),
    reachable: z.literal(true),
    versions: z.array(
      z.strictObject({
        name: z.string(),
        version: z.string(),
        ref: z.string(),
        repository: z.string(),
        state: RegistryState,
        recordedDigest: z.string().nullable(),
        registryDigest: z.string().nullable(),
      }),
    ),
    unknownTags: z.array(z.strictObject({ repository: z.string(), tags: z.array(z.string()) })),
    counts: z.record(RegistryState, z.int()),
  }),
]);

const Registry = z.strictObject({ host: z.string(), prefix: z.string() }).nullable();
export const ImportReport = z.strictObject({
  registry: Registry,
  fingerprint: z.string().meta({ description: "send it back as ?confirm= to import exactly what this report shows" }),
  manifests: z.array(z.strictObject({ path: z.string(), ref: z.string(), name: z.string(), version: z.string(), tier: Tier, parentRef: z.string().nullable() })),
  products: z.array(
    z.strictObject({ path: z.string(), name: z.string(), status: z.enum(["approved", "pending"]), domainRef: z.string(), domainName: z.string(), team: z.string(), description: z.string() }),
  ),
  skipped: z.array(
    z.strictObject({
      path: z.string(),
      reason: z.enum(["not-a-file", "not-yaml", "unknown-kind", "outside-layout", "duplicate-ref", "too-large", "unknown-domain", "not-newer"]),
      detail: z.string(),
    }),
  ),
  violations: z.array(Violation),
  blockers: z.array(Violation),
  impact: Impact,
});
export const ImportResult = z.strictObject({
  manifests: z.int(),
  versions: z.int(),
  products: z.int(),
  skipped: z.int(),
  registry: z.array(z.strictObject({ ref: z.string(), status: z.string() })),
});

/**
 * GET /api/tree's compact wire form (lib/tree/wire.ts, format 2): each domain's products travel as
 * columns — front-coded names, one status digit each (0 valid, 1 violations, 2 pending), version
 * indexes into the shared list `V`, and sparse errors and compute overrides.
 */
const WireManifest = {
  k: z.string().meta({ description: "kind: e enterprise, d domain, t platform" }),
  n: z.string(),
  r: z.string().optional(),
  v: z.string().optional(),
  s: z.int(),
  c: z.int(),
  cp: z.string().optional(),
  rt: z.number().optional(),
};
export const TreeWire = z.strictObject({
  f: z.literal(2).meta({ description: "wire format" }),
  V: z.array(z.string().nullable()).meta({ description: "every product version in the tree; null: none" }),
  e: z.strictObject(WireManifest),
  d: z.array(
    z.strictObject({
      ...WireManifest,
      pn: z.array(z.string()).meta({ description: "product names, front-coded" }),
      ps: z.string().meta({ description: "one status digit per product" }),
      pv: z.union([z.string(), z.array(z.int())]).meta({ description: "per product an index into V: base-36 digits, or numbers past 36 versions" }),
      pe: z.array(z.int()).optional().meta({ description: "products with errors: index, count, …" }),
      pc: z.array(z.union([z.int(), z.string()])).optional().meta({ description: "products whose compute is not the domain's: index, compute, …" }),
    }),
  ),
});

/** A 2-tier platform becoming a domain of an enterprise (server/services/tier-migration.ts): both manifests and every product before → after. */
const ResolutionMode = z.enum(["two-tier", "three-tier"]).nullable();
export const TierMigrationPreview = z.strictObject({
  platform: z.string(),
  fromVersion: z.string(),
  domain: z.strictObject({ ref: z.string(), version: z.string(), yaml: z.string() }),
  enterprise: z.strictObject({
    name: z.string(),
    ref: z.string(),
    created: z.boolean().meta({ description: "true: a new enterprise manifest; false: the domain joins the organisation's one" }),
    yaml: z.string().nullable().meta({ description: "the new enterprise manifest; null when it exists already" }),
  }),
  products: z.array(
    z.strictObject({
      name: z.string(),
      before: z.strictObject({ mode: ResolutionMode, errors: z.int() }),
      after: z.strictObject({ mode: ResolutionMode, errors: z.int(), violations: z.array(Violation).meta({ description: "the first five errors" }) }),
      resolves: z.boolean(),
    }),
  ),
  manifestProblems: z.array(Violation),
  broken: z.array(z.string()),
  valid: z.boolean().meta({ description: "applying is allowed: the manifests are valid and every product still resolves" }),
});
export const TierMigrationApplied = z.strictObject({
  domain: z.string().meta({ description: "the domain version's oci:// reference" }),
  enterprise: z.string().meta({ description: "the enterprise version's oci:// reference" }),
  enterpriseCreated: z.boolean(),
  version: z.string().meta({ description: "the domain's new version" }),
  products: z.int(),
});
