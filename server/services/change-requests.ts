// Reviewed changes (four eyes): a manifest draft submitted for review, discussed, and approved by
// someone else, which publishes exactly the reviewed revision in one transaction. Who may do what
// is lib/review/workflow.ts; this module loads, checks revisions with compare-and-set, and writes.
import { parseDocument } from "yaml";
import { assertCan, can, UnauthenticatedError, type Actor } from "../../lib/auth/permissions";
import { maskSecretsInYaml } from "../../lib/manifest/secrets";
import { valueAt, valueChanges } from "../../lib/review/policy-diff";
import type { BreakingEntry, ReviewImpact } from "../../lib/review/review-impact";
import { ACTIVE_STATUSES, decideChange, resourceOf, revised, type ChangeCommand, type ChangeState, type ChangeStatus } from "../../lib/review/workflow";
import { hasErrors, type Violation } from "../../lib/violations";
import { YAML11 } from "../../lib/yaml/yaml11";
import { pushPublishedVersion } from "../registry/push";
import { commitVersion } from "./commit-version";
import type { ServiceCall } from "./context";
import type { Db, Tx } from "./db";
import { ConfirmationRequiredError, NotFoundError, ServiceError, StaleRevisionError, ValidationFailedError } from "./errors";
import { parseInput } from "./inputs";
import { Lru } from "./memo";
import { currentEvaluation, dataFingerprint, loadSnapshot, type OrgSnapshot, type SnapshotManifest } from "./org-evaluation";
import { digestOf, preparePublication, type Publication } from "./publication";
import { recordReviewEvent } from "./review-events";
import { ApproveChangeInput, ChangeIdInput, CommentInput, DecideChangeInput, ListChangesQuery, SubmitChangeInput } from "./review-inputs";
import { ruleFor } from "./review-policy";

const ACTIVE = [...ACTIVE_STATUSES];
const CAP = 200;

const plain = (text: string | null | undefined): unknown => {
  if (!text) return {};
  const doc = parseDocument(text, YAML11);
  return doc.errors.length ? {} : doc.toJS({ maxAliasCount: 100 });
};

/** Owners (e-mail addresses) of domains by Manifest.id, and members of teams. */
async function ownersOf(db: Db | Tx, domainIds: string[], teams: string[]) {
  const rows = await db.roleMembership.findMany({
    where: { OR: [{ role: "domain_owner", domainId: { in: domainIds } }, { role: "product_team", team: { in: teams } }] },
    include: { user: { select: { email: true } } },
  });
  const byDomain = new Map<string, string[]>();
  const byTeam = new Map<string, string[]>();
  for (const r of rows) {
    const map = r.role === "domain_owner" ? byDomain : byTeam;
    const key = (r.role === "domain_owner" ? r.domainId : r.team) ?? "";
    map.set(key, [...(map.get(key) ?? []), r.user.email].sort());
  }
  return { byDomain, byTeam };
}

/** The impact preview of publishing `publication`, with every broken domain and product, before → after, and owners. */
async function reviewImpact(db: Db | Tx, snapshot: OrgSnapshot, manifest: SnapshotManifest, publication: Publication): Promise<ReviewImpact> {
  const { impact } = publication;
  const current = await currentEvaluation(snapshot);
  const domainsByName = new Map(snapshot.manifests.map((m) => [m.name, m]));
  const productsById = new Map(snapshot.products.map((p) => [p.id, p]));
  const broken = impact.broken.slice(0, CAP);
  const domainIds = new Set<string>();
  const teams = new Set<string>();
  for (const e of broken) {
    if (e.kind === "domain") domainIds.add(domainsByName.get(e.name)?.id ?? "");
    else {
      const p = productsById.get(e.key);
      if (p) {
        domainIds.add(p.domainId);
        teams.add(p.team);
      }
    }
  }
  const { byDomain, byTeam } = await ownersOf(db, [...domainIds], [...teams]);
  const entries: BreakingEntry[] = broken.map((e) => {
    const product = e.kind === "product" ? productsById.get(e.key) : undefined;
    const domainId = e.kind === "domain" ? domainsByName.get(e.name)?.id : product?.domainId;
    const resolved = e.kind === "domain" ? current.platforms.get(e.key)?.resolved : current.products.get(e.key)?.resolved;
    const owners = [...(byDomain.get(domainId ?? "") ?? []), ...(product ? (byTeam.get(product.team) ?? []).map((m) => `${m} (team ${product.team})`) : [])];
    return {
      kind: e.kind,
      name: e.name,
      domain: e.kind === "domain" ? e.name : (product?.domain.name ?? null),
      owners,
      errors: e.newErrors.map((v) => ({ code: v.code, path: v.path, message: v.message, before: valueAt(resolved ?? {}, v.path) ?? null })),
    };
  });
  return {
    version: publication.version,
    ref: publication.ref,
    valueChanges: valueChanges(plain(manifest.latest?.yaml), plain(publication.yaml)).filter((c) => c.path !== "metadata.version" && c.path !== "parent_manifest"),
    changedCount: impact.changed.length,
    changed: impact.changed.slice(0, CAP).map((e) => e.name),
    fixed: impact.fixed.slice(0, CAP).map((e) => e.name),
    broken: entries,
    violations: publication.violations.slice(0, CAP),
  };
}

async function changeById(db: Db | Tx, id: string) {
  const change = await db.changeRequest.findUnique({ where: { id } });
  if (!change) throw new NotFoundError(`change request ${id}`);
  return change;
}
type ChangeRow = Awaited<ReturnType<typeof changeById>>;

async function stateOf(db: Db | Tx, c: ChangeRow): Promise<ChangeState> {
  return { status: c.status as ChangeStatus, authorId: c.authorId, tier: c.tier as ChangeState["tier"], manifestId: c.manifestId, rule: await ruleFor(db, c.orgId, c.tier), revision: c.draftRevision };
}

/** Applies the decision table; a refusal becomes the API's error (status and code from the table). */
function decideOrThrow(state: ChangeState, actor: Actor | null, command: ChangeCommand): asserts actor is Actor {
  const d = decideChange(state, actor, command);
  if (d.ok) return;
  if (d.code === "UNAUTHENTICATED") throw new UnauthenticatedError();
  throw new ServiceError(d.status, d.code, d.message, undefined, d.code === "STALE_REVISION" ? { current: { revision: state.revision } } : {});
}

function manifestOf(snapshot: OrgSnapshot, id: string): SnapshotManifest {
  const m = snapshot.manifests.find((x) => x.id === id);
  if (!m) throw new NotFoundError("manifest");
  return m;
}

const eventData = (c: Pick<ChangeRow, "id" | "tier" | "authorId" | "title">, manifest: string, extra: Record<string, unknown> = {}) => ({
  changeId: c.id,
  manifest,
  tier: c.tier,
  authorId: c.authorId,
  title: c.title,
  ...extra,
});

/** Users who may approve a change (for the submit event, and the review page). */
async function reviewersOf(db: Db | Tx, state: ChangeState) {
  const members = await db.roleMembership.findMany({ where: { role: { in: ["platform_admin", "domain_owner"] } }, include: { user: { select: { id: true, email: true, name: true } } } });
  const users = new Map<string, { id: string; email: string; name: string; memberships: { role: string; domainId: string | null; team: string | null }[] }>();
  for (const m of members) {
    const u = users.get(m.userId) ?? { ...m.user, memberships: [] };
    u.memberships.push({ role: m.role, domainId: m.domainId, team: m.team });
    users.set(m.userId, u);
  }
  return [...users.values()]
    .filter((u) => can({ userId: u.id, email: u.email, name: u.name, memberships: u.memberships }, "change.review", resourceOf(state)))
    .map((u) => ({ id: u.id, email: u.email }));
}

/** Everything a change request needs computed before its transaction: the publication's impact, the fingerprint, the rule. */
export async function prepareChange(db: Db, snapshot: OrgSnapshot, manifest: SnapshotManifest, yaml: string) {
  const publication = await preparePublication(snapshot, manifest, yaml);
  if (hasErrors(publication.violations)) throw new ValidationFailedError(publication.violations);
  const impact = await reviewImpact(db, snapshot, manifest, publication);
  return { impact, fingerprint: await dataFingerprint(db), rule: await ruleFor(db, manifest.orgId, manifest.tier) };
}

/** Opens a change request on the draft at `revision` (one active per manifest), with its submit event. */
export async function openChange(
  tx: Tx,
  c: { manifest: SnapshotManifest; actor: Actor; title: string; description: string; revision: number; yaml: string; prepared: Awaited<ReturnType<typeof prepareChange>>; data?: Record<string, unknown> },
) {
  const { manifest, actor, prepared } = c;
  const active = await tx.changeRequest.findFirst({ where: { manifestId: manifest.id, status: { in: ACTIVE } }, select: { id: true } });
  if (active) throw new ServiceError(409, "CHANGE_UNDER_REVIEW", `a change of '${manifest.name}' is already under review`, undefined, { changeId: active.id });
  const created = await tx.changeRequest.create({
    data: {
      orgId: manifest.orgId,
      manifestId: manifest.id,
      tier: manifest.tier,
      title: c.title,
      description: c.description,
      status: "open",
      draftRevision: c.revision,
      draftYaml: c.yaml,
      baseVersionId: manifest.latest?.id ?? null,
      impact: JSON.stringify(prepared.impact),
      impactFingerprint: prepared.fingerprint,
      authorId: actor.userId,
    },
  });
  const reviewers = await reviewersOf(tx, { status: "open", authorId: actor.userId, tier: manifest.tier as "domain", manifestId: manifest.id, rule: prepared.rule, revision: c.revision });
  await recordReviewEvent(tx, {
    type: "change.submit",
    id: created.id,
    actor,
    afterDigest: digestOf(c.yaml),
    data: eventData(created, manifest.name, { revision: c.revision, authorEmail: actor.email, approvers: { rule: prepared.rule, userIds: reviewers.map((r) => r.id) }, broken: prepared.impact.broken.map((b) => b.name), ...c.data }),
  });
  return created;
}

/** Submits the manifest's draft (at `baseRevision`) for review instead of publishing it. */
export async function submitChange({ db, actor, input }: ServiceCall) {
  const { name, baseRevision, title, description } = parseInput(SubmitChangeInput, input);
  const snapshot = await loadSnapshot(db);
  const manifest = snapshot.manifests.find((m) => m.name === name);
  if (!manifest) throw new NotFoundError(`manifest '${name}'`);
  assertCan(actor, "change.submit", { tier: manifest.tier as "domain", manifestId: manifest.id });
  if (manifest.draftRevision !== baseRevision) throw new StaleRevisionError({ yaml: manifest.draftYaml, revision: manifest.draftRevision });
  if (manifest.latest && manifest.draftYaml.trim() === manifest.latest.yaml.trim()) throw new ServiceError(409, "NOTHING_TO_REVIEW", "the draft is the published version: edit it before submitting");
  const prepared = await prepareChange(db, snapshot, manifest, manifest.draftYaml);
  const change = await db.$transaction(async (tx) => {
    const now = await tx.manifest.findUniqueOrThrow({ where: { id: manifest.id }, select: { draftRevision: true, draftYaml: true } });
    if (now.draftRevision !== baseRevision) throw new StaleRevisionError({ yaml: now.draftYaml, revision: now.draftRevision });
    return openChange(tx, { manifest, actor, title, description, revision: baseRevision, yaml: manifest.draftYaml, prepared });
  });
  return { id: change.id, status: change.status, revision: change.draftRevision };
}

/**
 * Called in the transaction of every manifest draft save: a change under review follows the draft
 * to its new revision and goes back to review (an approval names the revision it reviewed).
 */
export async function reviseActiveChange(tx: Tx, manifest: { id: string; name: string }, revision: number, yaml: string, actor: Actor) {
  const active = await tx.changeRequest.findFirst({ where: { manifestId: manifest.id, status: { in: ACTIVE } } });
  if (!active) return;
  const next = revised({ status: active.status as ChangeStatus, authorId: active.authorId, tier: "enterprise", manifestId: active.manifestId, rule: "none", revision: active.draftRevision }, revision);
  await tx.changeRequest.update({ where: { id: active.id }, data: { status: next.status, draftRevision: next.revision, draftYaml: yaml } });
  await recordReviewEvent(tx, { type: "change.revise", id: active.id, actor, afterDigest: digestOf(yaml), data: eventData(active, manifest.name, { revision, authorEmail: null, from: active.status }) });
}

// Impact previews recomputed when the tree moved on since submission, by data fingerprint.
const recomputed = new Lru<Promise<ReviewImpact | { violations: Violation[] }>>(32);

async function currentImpact(db: Db, change: ChangeRow, snapshot: OrgSnapshot, manifest: SnapshotManifest) {
  const print = await dataFingerprint(db);
  if (print === change.impactFingerprint) return null;
  return recomputed.getOrCreate(`${print}\u0000${change.id}\u0000${change.draftRevision}`, async () => {
    try {
      return await reviewImpact(db, snapshot, manifest, await preparePublication(snapshot, manifest, change.draftYaml));
    } catch (error) {
      if (error instanceof ValidationFailedError) return { violations: (error.extra.violations as Violation[]) ?? [] };
      throw error;
    }
  });
}

async function usersById(db: Db | Tx, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => typeof x === "string"))];
  const rows = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, email: true, name: true } });
  return new Map(rows.map((u) => [u.id, u]));
}

/** One change request as the review page shows it: diff, impact (now and at submission), discussion, and what you may do. */
export async function getChange({ db, actor, id }: { db: Db; actor: Actor | null; id: string }) {
  const change = await changeById(db, id);
  const state = await stateOf(db, change);
  assertCan(actor, "change.read", resourceOf(state));
  const snapshot = await loadSnapshot(db);
  const manifest = manifestOf(snapshot, change.manifestId);
  const [base, comments, published] = await Promise.all([
    change.baseVersionId ? db.manifestVersion.findUnique({ where: { id: change.baseVersionId }, select: { version: true, yaml: true } }) : null,
    db.changeComment.findMany({ where: { changeRequestId: id }, orderBy: { createdAt: "asc" } }),
    change.publishedVersionId ? db.manifestVersion.findUnique({ where: { id: change.publishedVersionId }, select: { version: true, ref: true } }) : null,
  ]);
  const users = await usersById(db, [change.authorId, change.decidedById, ...comments.map((c) => c.authorId)]);
  const active = ACTIVE.includes(change.status as ChangeStatus);
  const now = active ? await currentImpact(db, change, snapshot, manifest) : null;
  const reviewers = await reviewersOf(db, state);
  const may = (command: ChangeCommand) => decideChange(state, actor, command).ok;
  return {
    id: change.id,
    status: change.status,
    title: change.title,
    description: change.description,
    manifest: { name: manifest.name, tier: manifest.tier, draftRevision: manifest.draftRevision },
    revision: change.draftRevision,
    rule: state.rule,
    author: users.get(change.authorId) ?? { id: change.authorId, email: "unknown", name: "unknown" },
    decidedBy: change.decidedById ? (users.get(change.decidedById) ?? null) : null,
    decidedAt: change.decidedAt,
    reason: change.reason,
    createdAt: change.createdAt,
    updatedAt: change.updatedAt,
    published,
    base: base ? { version: base.version, yaml: maskSecretsInYaml(base.yaml) } : null,
    yaml: maskSecretsInYaml(change.draftYaml),
    impactAtSubmission: JSON.parse(change.impact) as ReviewImpact,
    impactNow: now,
    reviewers: reviewers.map((r) => r.email),
    comments: comments.map((c) => ({ id: c.id, author: users.get(c.authorId)?.email ?? "unknown", body: c.body, line: c.line, revision: c.revision, createdAt: c.createdAt })),
    you: {
      approve: may({ kind: "approve", revision: change.draftRevision, draftRevision: manifest.draftRevision }),
      review: may({ kind: "request_changes" }) || may({ kind: "reject" }),
      withdraw: may({ kind: "withdraw" }),
      comment: may({ kind: "comment" }),
      isAuthor: actor?.userId === change.authorId,
    },
  };
}

/** Change requests the actor may read (the review queue), newest first. */
export async function listChanges({ db, actor, query }: { db: Db; actor: Actor | null; query: unknown }) {
  const { status, manifest: name } = parseInput(ListChangesQuery, query ?? {});
  assertCan(actor, "read");
  const statuses = status === "active" ? ACTIVE : status === "closed" ? ["approved", "rejected", "withdrawn"] : undefined;
  const manifests = await db.manifest.findMany({ select: { id: true, name: true, tier: true, orgId: true } });
  const byId = new Map(manifests.map((m) => [m.id, m]));
  const rows = await db.changeRequest.findMany({
    where: { ...(statuses ? { status: { in: statuses } } : {}), ...(name ? { manifestId: manifests.find((m) => m.name === name)?.id ?? "-" } : {}) },
    orderBy: { createdAt: "desc" },
    take: 500,
  });
  const users = await usersById(db, rows.map((r) => r.authorId));
  const items = [];
  for (const r of rows) {
    const state = await stateOf(db, r);
    if (!can(actor, "change.read", resourceOf(state))) continue;
    const impact = JSON.parse(r.impact) as ReviewImpact;
    items.push({
      id: r.id,
      title: r.title,
      status: r.status,
      manifest: byId.get(r.manifestId)?.name ?? "?",
      tier: r.tier,
      author: users.get(r.authorId)?.email ?? "unknown",
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      broken: impact.broken.length,
      youMayReview: decideChange(state, actor, { kind: "request_changes" }).ok,
    });
  }
  return { items };
}

export async function commentOnChange({ db, actor, input }: ServiceCall) {
  const { id, body, line } = parseInput(CommentInput, input);
  const change = await changeById(db, id);
  decideOrThrow(await stateOf(db, change), actor, { kind: "comment" });
  const lines = change.draftYaml.split("\n").length;
  if (line != null && line > lines) throw new ServiceError(400, "BAD_LINE", `line ${line} is past the end of the reviewed YAML (${lines} lines)`);
  const manifest = await db.manifest.findUniqueOrThrow({ where: { id: change.manifestId }, select: { name: true } });
  const comment = await db.$transaction(async (tx) => {
    const c = await tx.changeComment.create({ data: { changeRequestId: id, authorId: actor.userId, body, line: line ?? null, revision: change.draftRevision } });
    await recordReviewEvent(tx, { type: "change.comment", id, actor, data: eventData(change, manifest.name, { commentId: c.id, line: c.line, excerpt: body.slice(0, 200) }) });
    return c;
  });
  return { id: comment.id, line: comment.line, revision: comment.revision };
}

/** Moves a change out of an active status with compare-and-set on status and revision; a concurrent action fails instead of overwriting. */
async function transition(tx: Tx, change: ChangeRow, next: ChangeStatus, actor: Actor, reason: string | null) {
  const { count } = await tx.changeRequest.updateMany({
    where: { id: change.id, status: change.status, draftRevision: change.draftRevision },
    data: { status: next, reason, decidedById: next === "withdrawn" ? null : actor.userId, decidedAt: new Date() },
  });
  if (count === 0) throw new ServiceError(409, "CONFLICT", "the change was revised or decided meanwhile; reload it");
}

async function simpleDecision(db: Db, actor: Actor | null, id: string, kind: "request_changes" | "reject" | "withdraw", reason: string | null) {
  const change = await changeById(db, id);
  const state = await stateOf(db, change);
  decideOrThrow(state, actor, { kind });
  const next = decideChange(state, actor, { kind }) as { ok: true; next: ChangeStatus };
  const manifest = await db.manifest.findUniqueOrThrow({ where: { id: change.manifestId }, select: { name: true } });
  await db.$transaction(async (tx) => {
    await transition(tx, change, next.next, actor, reason);
    await recordReviewEvent(tx, { type: `change.${kind}`, id, actor, reason, data: eventData(change, manifest.name, reason ? { reason } : {}) });
  });
  return { id, status: next.next };
}

export async function requestChanges({ db, actor, input }: ServiceCall) {
  const { id, reason } = parseInput(DecideChangeInput, input);
  return simpleDecision(db, actor, id, "request_changes", reason);
}

export async function rejectChange({ db, actor, input }: ServiceCall) {
  const { id, reason } = parseInput(DecideChangeInput, input);
  return simpleDecision(db, actor, id, "reject", reason);
}

export async function withdrawChange({ db, actor, input }: ServiceCall) {
  const { id } = parseInput(ChangeIdInput, input);
  return simpleDecision(db, actor, id, "withdraw", null);
}

/**
 * Approves a change: publishes exactly the reviewed revision, in one transaction with the change's
 * status (compare-and-set on the revision), the draft (compare-and-set on the same revision) and the
 * audit events. Refused for the author (403 SELF_APPROVAL) and for a stale revision (409 STALE_REVISION).
 */
export async function approveChange({ db, actor, input, fault }: ServiceCall) {
  const { id, revision, confirmBreaking } = parseInput(ApproveChangeInput, input);
  const change = await changeById(db, id);
  const state = await stateOf(db, change);
  const snapshot = await loadSnapshot(db);
  const manifest = manifestOf(snapshot, change.manifestId);
  decideOrThrow(state, actor, { kind: "approve", revision, draftRevision: manifest.draftRevision });
  const publication = await preparePublication(snapshot, manifest, change.draftYaml);
  if (hasErrors(publication.violations)) throw new ValidationFailedError(publication.violations);
  const breaking = publication.impact.broken.length > 0;
  if (breaking && confirmBreaking !== true) throw new ConfirmationRequiredError(publication.impact);
  const version = await db.$transaction(async (tx) => {
    const { count } = await tx.changeRequest.updateMany({ where: { id, status: "open", draftRevision: revision }, data: { status: "approved", decidedById: actor.userId, decidedAt: new Date() } });
    if (count === 0) throw new ServiceError(409, "STALE_REVISION", "the change was revised or decided meanwhile; review it again");
    const v = await commitVersion(tx, {
      manifest,
      publication,
      actor,
      message: change.title,
      action: "manifest.publish",
      confirmedBreaking: breaking,
      // The draft must still be the reviewed revision; it becomes the published text.
      draft: { yaml: publication.yaml, baseRevision: revision },
      data: { changeRequest: id, author: change.authorId, approvedBy: actor.userId },
      fault,
    });
    await tx.changeRequest.update({ where: { id }, data: { publishedVersionId: v.id } });
    await recordReviewEvent(tx, {
      type: "change.approve",
      id,
      actor,
      afterDigest: v.digest,
      data: eventData(change, manifest.name, { version: v.version, ref: v.ref, revision, broken: publication.impact.broken.map((e) => e.name) }),
    });
    return v;
  });
  const registry = await pushPublishedVersion(db, version.id);
  return { id, status: "approved", version: version.version, ref: version.ref, digest: version.digest, registry: registry.status };
}
