// Read models behind the GET endpoints. Every read needs a signed-in actor. Drafts and the floe.yaml
// of a product that is not approved go only to who may edit or review them (manifest.readDraft,
// product.readDraft); everyone else gets the published state and, at most, that a draft exists.
import { assertCan, can, type Actor } from "../../lib/auth/permissions";
import { DEFAULT_PAGE, MAX_PAGE } from "../../lib/paging";
import { parseProduct } from "../../lib/manifest/parse";
import { maskSecretsInValue, maskSecretsInYaml } from "../../lib/manifest/secrets";
import { resolve } from "../../lib/resolve/resolve";
import type { Db } from "./db";
import { BadInputError, NotFoundError } from "./errors";
import { errorCount, type Violation } from "../../lib/violations";
import { Lru } from "./memo";
import { behindOf, currentStore, currentTreeKey, loadSnapshot, type SnapshotManifest } from "./org-evaluation";
import { readRegistrations, validateManifestText } from "./validate";

export function me(actor: Actor | null) {
  assertCan(actor, "read");
  return { user: { id: actor.userId, email: actor.email, name: actor.name }, memberships: actor.memberships };
}

const manifestResource = (m: Pick<SnapshotManifest, "tier" | "id">) => ({ tier: m.tier as "domain", manifestId: m.id });

export async function listManifests(db: Db, actor: Actor | null) {
  assertCan(actor, "read");
  const snapshot = await loadSnapshot(db, { products: false });
  const store = currentStore(snapshot);
  return Promise.all(
    snapshot.manifests.map(async (m) => {
      const platform = m.latest ? await store.platform(m.latest.ref) : null;
      return {
        id: m.id,
        name: m.name,
        tier: m.tier,
        title: m.title,
        latestVersion: m.latest?.version ?? null,
        draftRevision: m.draftRevision,
        draftChanged: m.draftYaml !== m.latest?.yaml,
        canEdit: can(actor, "manifest.edit", manifestResource(m)),
        parentName: m.parent?.name ?? null,
        // The latest version's errors in the current tree (null: nothing published to evaluate).
        errors: platform ? errorCount(platform.violations) : null,
        behind: behindOf(snapshot, m),
      };
    }),
  );
}

export async function getManifest(db: Db, actor: Actor | null, name: string) {
  assertCan(actor, "read");
  const snapshot = await loadSnapshot(db, { products: false });
  const m = snapshot.manifests.find((x) => x.name === name);
  if (!m) throw new NotFoundError(`manifest '${name}'`);
  const [versions, editor] = await Promise.all([
    db.manifestVersion.findMany({
      where: { manifestId: m.id },
      orderBy: { seq: "desc" },
      include: { publishedBy: { select: { email: true } }, parentVersion: { select: { version: true } } },
    }),
    m.draftUpdatedById ? db.user.findUnique({ where: { id: m.draftUpdatedById }, select: { email: true } }) : null,
  ]);
  const platform = m.latest ? await currentStore(snapshot).platform(m.latest.ref) : null;
  const seesDraft = can(actor, "manifest.readDraft", manifestResource(m));
  return {
    manifest: { id: m.id, name: m.name, tier: m.tier, parentName: m.parent?.name ?? null },
    // Secrets are masked in every read (lib/manifest/secrets.ts); publishing refuses them.
    draft: seesDraft ? { yaml: maskSecretsInYaml(m.draftYaml), revision: m.draftRevision, updatedAt: m.draftUpdatedAt, updatedBy: editor?.email ?? null } : null,
    draftExists: m.draftYaml !== m.latest?.yaml,
    versions: versions.map((v) => ({
      version: v.version,
      ref: v.ref,
      digest: v.digest,
      publishedAt: v.publishedAt,
      publishedBy: v.publishedBy.email,
      message: v.message,
      parentVersion: v.parentVersion?.version ?? null,
      confirmedBreaking: v.confirmedBreaking,
    })),
    draftViolations: seesDraft ? await validateManifestText(snapshot, m.draftYaml, m, m.tier === "domain" ? await readRegistrations(db, snapshot) : undefined) : [],
    resolution: platform && maskSecretsInValue({ resolved: platform.resolved, provenance: platform.provenance, violations: platform.violations, chain: platform.chain }),
    behind: behindOf(snapshot, m),
    canEdit: can(actor, "manifest.edit", manifestResource(m)),
  };
}

export async function getVersion(db: Db, actor: Actor | null, name: string, version: string) {
  assertCan(actor, "read");
  const row = await db.manifestVersion.findFirst({
    where: { version, manifest: { name } },
    include: { publishedBy: { select: { email: true } }, parentVersion: { select: { version: true, ref: true } } },
  });
  if (!row) throw new NotFoundError(`version ${version} of '${name}'`);
  return {
    version: row.version,
    yaml: maskSecretsInYaml(row.yaml),
    ref: row.ref,
    digest: row.digest,
    publishedAt: row.publishedAt,
    publishedBy: row.publishedBy.email,
    message: row.message,
    parentVersion: row.parentVersion?.version ?? null,
    parentRef: row.parentVersion?.ref ?? null,
    confirmedBreaking: row.confirmedBreaking,
  };
}

/**
 * The raw YAML published as `oci://host/repository:tag` and its digest, for floe tooling and CI.
 * Who may read it is the caller's decision: a signed-in actor or a read token (app/r).
 */
export async function rawPublishedYaml(db: Db, ref: string): Promise<{ yaml: string; digest: string }> {
  const row = await db.manifestVersion.findUnique({ where: { ref }, select: { yaml: true, digest: true } });
  if (!row) throw new NotFoundError(ref);
  return { yaml: maskSecretsInYaml(row.yaml), digest: row.digest };
}


/** One page of products by name (no floe.yaml: the detail endpoint has it). */
export async function listProducts(db: Db, actor: Actor | null, filter: { domain?: string; status?: string; cursor?: string; limit?: number }) {
  assertCan(actor, "read");
  const limit = Math.min(filter.limit ?? DEFAULT_PAGE, MAX_PAGE);
  const rows = await db.product.findMany({
    where: { status: filter.status, domain: filter.domain ? { name: filter.domain } : undefined, name: filter.cursor ? { gt: filter.cursor } : undefined },
    orderBy: { name: "asc" },
    take: limit + 1,
    select: { id: true, name: true, team: true, description: true, status: true, revision: true, domain: { select: { name: true } }, domainVersion: { select: { version: true } } },
  });
  const page = rows.slice(0, limit);
  return {
    items: page.map((p) => ({ id: p.id, name: p.name, team: p.team, description: p.description, status: p.status, domain: p.domain.name, domainVersion: p.domainVersion?.version ?? null, revision: p.revision })),
    nextCursor: rows.length > limit ? page[page.length - 1].name : null,
  };
}

const requestView = (r: { id: string; status: string; reason: string | null; createdAt: Date; decidedAt: Date | null; requestedBy: { email: string }; decidedBy: { email: string } | null }) => ({
  id: r.id,
  status: r.status,
  reason: r.reason,
  requestedBy: r.requestedBy.email,
  decidedBy: r.decidedBy?.email ?? null,
  createdAt: r.createdAt,
  decidedAt: r.decidedAt,
});
const requestInclude = { requestedBy: { select: { email: true } }, decidedBy: { select: { email: true } } } as const;

// A product at a revision, resolved against a given tree, never changes (see memo.ts); nor do the
// names of its domain and domain version, so they come with it.
const resolutions = new Lru<Promise<ProductResolution>>(512);
interface ProductResolution {
  domain: string;
  domainVersion: string | null;
  resolution: {
    resolved: Record<string, unknown>;
    provenance: Record<string, unknown>;
    violations: Violation[];
    chain: unknown[];
    mode: string;
  };
}

async function resolveProduct(db: Db, product: { name: string; floeYaml: string; domainId: string; domainVersionId: string | null }): Promise<ProductResolution> {
  const snapshot = await loadSnapshot(db, { products: false });
  const [resolution, domainVersion] = await Promise.all([
    resolve(parseProduct(product.floeYaml, `${product.name}/floe.yaml`), currentStore(snapshot)),
    product.domainVersionId ? db.manifestVersion.findUnique({ where: { id: product.domainVersionId }, select: { version: true } }) : null,
  ]);
  const domain = snapshot.manifests.find((m) => m.id === product.domainId);
  if (!domain) throw new NotFoundError(`domain of product '${product.name}'`);
  return {
    domain: domain.name,
    domainVersion: domainVersion?.version ?? null,
    resolution: { resolved: resolution.resolved, provenance: resolution.provenance, violations: resolution.violations, chain: resolution.chain, mode: resolution.mode },
  };
}

/** Emails of the people named on these requests, in one query (none when there are no requests). */
async function emailsOf(db: Db, requests: { requestedById: string; decidedById: string | null }[]): Promise<Map<string, string>> {
  const ids = [...new Set(requests.flatMap((r) => (r.decidedById ? [r.requestedById, r.decidedById] : [r.requestedById])))];
  if (ids.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } });
  return new Map(users.map((u) => [u.id, u.email]));
}

/**
 * A product with its resolved configuration (provenance per value) against the current tree.
 * The hot path is three indexed queries: the tree key, the product row and its requests (plus
 * their people when there are any); the resolution is memoised by what it derives from.
 */
export async function getProduct(db: Db, actor: Actor | null, name: string) {
  assertCan(actor, "read");
  const [product, treeKey] = await Promise.all([
    db.product.findFirst({ where: { name }, include: { requests: { orderBy: { createdAt: "desc" } } } }),
    currentTreeKey(db),
  ]);
  if (!product) throw new NotFoundError(`product '${name}'`);
  // A publish between reading the key and loading the tree can only make this entry newer than
  // its key says; the key moves on with that publish, so no later read sees a stale value.
  const key = `${product.id}@${product.revision}|${product.domainId}|${product.domainVersionId}|${treeKey}`;
  const [{ domain, domainVersion, resolution }, emails] = await Promise.all([resolutions.getOrCreate(key, () => resolveProduct(db, product)), emailsOf(db, product.requests)]);
  const emailOf = (id: string) => emails.get(id) ?? "";
  const seesYaml = product.status === "approved" || can(actor, "product.readDraft", { team: product.team, domainId: product.domainId });
  return {
    product: { id: product.id, name: product.name, team: product.team, description: product.description, status: product.status, domain, domainVersion },
    floeYaml: seesYaml ? maskSecretsInYaml(product.floeYaml) : null,
    draftExists: product.status !== "approved",
    revision: product.revision,
    resolution: seesYaml ? maskSecretsInValue(resolution) : null,
    requests: product.requests.map((r) => requestView({ ...r, requestedBy: { email: emailOf(r.requestedById) }, decidedBy: r.decidedById ? { email: emailOf(r.decidedById) } : null })),
    canEdit: can(actor, "product.edit", { team: product.team }),
    canRemove: product.status === "approved" && can(actor, "product.remove", { domainId: product.domainId }),
  };
}

/** `createdAt|id` of the last row of a page: requests are listed newest first, ties broken by id. */
const requestCursor = (r: { createdAt: Date; id: string }) => `${r.createdAt.toISOString()}|${r.id}`;
function afterRequestCursor(cursor: string | undefined) {
  if (!cursor) return undefined;
  const [at, id] = cursor.split("|");
  const createdAt = new Date(at);
  if (!id || Number.isNaN(createdAt.getTime())) throw new BadInputError("invalid cursor: pass the nextCursor of the previous page");
  return { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] };
}

/** One page of registration requests, newest first (no floe.yaml: the product endpoint has it). */
export async function listRequests(db: Db, actor: Actor | null, filter: { domain?: string; status?: string; mine?: boolean; cursor?: string; limit?: number }) {
  assertCan(actor, "read");
  const limit = Math.min(filter.limit ?? DEFAULT_PAGE, MAX_PAGE);
  const rows = await db.registrationRequest.findMany({
    where: {
      status: filter.status,
      requestedById: filter.mine ? actor.userId : undefined,
      product: filter.domain ? { domain: { name: filter.domain } } : undefined,
      ...afterRequestCursor(filter.cursor),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    include: { ...requestInclude, product: { select: { id: true, name: true, team: true, description: true, status: true, revision: true, domainId: true, domain: { select: { name: true } } } } },
  });
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      ...requestView(r),
      product: { id: r.product.id, name: r.product.name, team: r.product.team, description: r.product.description, status: r.product.status, revision: r.product.revision },
      domain: r.product.domain.name,
      canDecide: r.status === "pending" && can(actor, "request.decide", { domainId: r.product.domainId }),
      canWithdraw: r.status === "pending" && can(actor, "request.withdraw", { team: r.product.team }),
    })),
    nextCursor: rows.length > limit ? requestCursor(page[page.length - 1]) : null,
  };
}

export async function listAudit(db: Db, actor: Actor | null, q: { action?: string; entityType?: string; actor?: string; cursor?: number; limit: number }) {
  assertCan(actor, "read");
  const rows = await db.auditEvent.findMany({
    where: { action: q.action, entityType: q.entityType, actorEmail: q.actor, seq: q.cursor ? { lt: q.cursor } : undefined },
    orderBy: { seq: "desc" },
    take: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  return {
    events: page.map((e) => ({
      seq: e.seq,
      at: e.at,
      actorId: e.actorId,
      actorEmail: e.actorEmail,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      beforeDigest: e.beforeDigest,
      afterDigest: e.afterDigest,
      reason: e.reason,
      data: maskSecretsInValue(JSON.parse(e.data) as Record<string, unknown> | null),
      prevHash: e.prevHash,
      hash: e.hash,
    })),
    nextCursor: rows.length > q.limit ? page[page.length - 1].seq : null,
  };
}
