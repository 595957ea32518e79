// Time-boxed exceptions as governed objects: a domain owner (or a team with a product in the domain)
// requests an exception to one floe policy type for the domain until a day; a platform admin grants
// (publishing an enterprise version whose governance.policy_overrides carries it), refuses, or ends it
// early. lib/resolve applies granted ones on the day the server evaluates (serverToday).
import { z } from "zod";
import { assertCan, can, ForbiddenError, type Actor } from "../../lib/auth/permissions";
import { POLICY_TYPES, type ExceptionPolicyType } from "../../lib/manifest/schema/governance";
import { parseManifest } from "../../lib/manifest/parse";
import { INHERITANCE_RULES } from "../../lib/resolve/rules";
import type { ExceptionState } from "../../lib/statuses";
import { hasErrors } from "../../lib/violations";
import { appendAudit } from "../audit/append";
import { notify } from "../notify/notify";
import { pushPublishedVersion } from "../registry/push";
import { auditActor, commitVersion } from "./commit-version";
import type { ServiceCall } from "./context";
import type { Db, Tx } from "./db";
import { BadInputError, ConflictError, NotFoundError, ValidationFailedError } from "./errors";
import { addOverride, setOverrideExpiry } from "./exception-yaml";
import { name, parseInput, reason } from "./inputs";
import { loadSnapshot, serverToday, type OrgSnapshot, type SnapshotManifest } from "./org-evaluation";
import { preparePublication } from "./publication";

/** The policy types some inheritance rule may be excepted from (rules.ts says which). */
export const EXCEPTABLE_TYPES = [...new Set(INHERITANCE_RULES.flatMap((r) => (r.exceptable ? [r.exceptable] : [])))];
/** Longest exception the console grants: a time box, not a permanent waiver. */
const MAX_DAYS = 366;
/** "About to expire": the inbox warns this many days ahead. */
export const EXPIRING_DAYS = 7;

const day = z.iso.date("a date like 2026-06-30");
export const RequestExceptionInput = z.strictObject({ domain: name, policyType: z.enum(POLICY_TYPES), reason, expires: day });
export const ExceptionIdInput = z.strictObject({ id: z.uuid() });
export const RefuseExceptionInput = z.strictObject({ id: z.uuid(), reason });

const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** What a row means today: a granted exception past its day has expired (and no longer applies). */
export function stateOf(row: { status: string; expires: string }, today: string): ExceptionState {
  if (row.status !== "granted") return row.status as ExceptionState;
  if (today > row.expires) return "expired";
  return addDays(today, EXPIRING_DAYS) >= row.expires ? "expiring" : "granted";
}

const isAdmin = (actor: Actor) => can(actor, "manifest.publish", { tier: "enterprise" });

function enterpriseOf(snapshot: OrgSnapshot): SnapshotManifest {
  const enterprise = snapshot.manifests.find((m) => m.tier === "enterprise");
  if (!enterprise?.latest) throw new ConflictError("exceptions need a published enterprise manifest (a 2-tier platform has no domains to except)");
  return enterprise;
}

/** Types the enterprise lets no exception touch (`governance_bounds.no_exceptions`). */
function protectedTypes(enterprise: SnapshotManifest): Set<string> {
  return new Set(parseManifest(enterprise.latest!.yaml, enterprise.name).manifest?.governance_bounds?.no_exceptions ?? []);
}

/** Domain owners ask for their domain; product teams for the domain of one of their approved products; admins for any. */
async function assertMayRequest(db: Db, actor: Actor | null, domain: SnapshotManifest) {
  assertCan(actor, "read");
  if (isAdmin(actor) || can(actor, "manifest.edit", { tier: "domain", manifestId: domain.id })) return;
  const teams = actor.memberships.flatMap((m) => (m.role === "product_team" && m.team ? [m.team] : []));
  const product = teams.length ? await db.product.findFirst({ where: { domainId: domain.id, status: "approved", team: { in: teams } }, select: { id: true } }) : null;
  if (!product) throw new ForbiddenError("manifest.edit", { tier: "domain", manifestId: domain.id });
}

export async function requestException({ db, actor, input }: ServiceCall) {
  const { domain: domainName, policyType, reason: why, expires } = parseInput(RequestExceptionInput, input);
  const snapshot = await loadSnapshot(db, { products: false });
  const domain = snapshot.manifests.find((m) => m.tier === "domain" && m.name === domainName);
  if (!domain) throw new NotFoundError(`domain '${domainName}'`);
  await assertMayRequest(db, actor, domain);
  const enterprise = enterpriseOf(snapshot);
  if (!EXCEPTABLE_TYPES.includes(policyType)) throw new BadInputError(`no exception can touch '${policyType}': exceptable policy types are ${EXCEPTABLE_TYPES.join(", ")}`);
  if (protectedTypes(enterprise).has(policyType)) throw new BadInputError(`the enterprise lets no exception touch '${policyType}' (governance_bounds.no_exceptions)`);
  const today = serverToday();
  if (expires < today) throw new BadInputError(`expires ${expires} is in the past (today is ${today})`);
  if (expires > addDays(today, MAX_DAYS)) throw new BadInputError(`an exception lasts at most ${MAX_DAYS} days: expires by ${addDays(today, MAX_DAYS)}`);
  const admins = await adminIds(db);
  return db.$transaction(async (tx) => {
    const row = await tx.policyException.create({
      data: { orgId: snapshot.org.id, domain: domainName, policyType, reason: why, expires, status: "requested", requestedById: actor!.userId, requestedByEmail: actor!.email },
    });
    await appendAudit(tx, { actor: auditActor(actor!), action: "exception.request", entityType: "PolicyException", entityId: row.id, reason: why, data: { domain: domainName, policyType, expires } });
    await notify(tx, {
      kind: "requests",
      orgId: snapshot.org.id,
      userIds: admins.filter((id) => id !== actor!.userId),
      title: `Exception requested: ${policyType} for ${domainName} until ${expires}`,
      body: `${actor!.email} asks: ${why}`,
      link: "/exceptions",
    });
    return view(row, today);
  });
}

async function adminIds(db: Db | Tx): Promise<string[]> {
  const rows = await db.roleMembership.findMany({ where: { role: "platform_admin" }, select: { userId: true } });
  return [...new Set(rows.map((r) => r.userId))];
}

async function rowById(db: Db | Tx, id: string) {
  const row = await db.policyException.findUnique({ where: { id } });
  if (!row) throw new NotFoundError(`exception ${id}`);
  return row;
}

/** Moves a row out of `from` with a compare-and-set: a concurrent decision fails instead of overwriting. */
async function move(tx: Tx, id: string, from: string, data: Record<string, unknown>) {
  const { count } = await tx.policyException.updateMany({ where: { id, status: from }, data });
  if (count === 0) throw new ConflictError(`the exception is no longer ${from}`);
}

/** Publishes the enterprise with `edit` applied to its latest version (and to its draft, when the draft takes it). */
async function publishEnterpriseEdit(db: Db, actor: Actor, edit: (yaml: string) => string | null, message: string, body: (tx: Tx, version: { version: string }) => Promise<void>) {
  const snapshot = await loadSnapshot(db);
  const enterprise = enterpriseOf(snapshot);
  const yaml = edit(enterprise.latest!.yaml);
  if (yaml === null) throw new ConflictError("the enterprise manifest has no governance mapping the exception can be written into");
  const publication = await preparePublication(snapshot, enterprise, yaml);
  if (hasErrors(publication.violations)) throw new ValidationFailedError(publication.violations);
  const draft = edit(enterprise.draftYaml);
  const version = await db.$transaction(async (tx) => {
    const v = await commitVersion(tx, {
      manifest: enterprise,
      publication,
      actor,
      message,
      action: "manifest.publish",
      confirmedBreaking: publication.impact.broken.length > 0,
      draft: draft === null ? undefined : { yaml: draft, baseRevision: enterprise.draftRevision },
    });
    await body(tx, v);
    return v;
  });
  await pushPublishedVersion(db, version.id);
  return version;
}

export async function grantException({ db, actor, input }: ServiceCall) {
  const { id } = parseInput(ExceptionIdInput, input);
  assertCan(actor, "manifest.publish", { tier: "enterprise" });
  const row = await rowById(db, id);
  if (row.status !== "requested") throw new ConflictError(`the exception is ${row.status}`);
  const today = serverToday();
  if (row.expires < today) throw new ConflictError(`the exception would already have expired (${row.expires})`);
  const entry = { id, domain: row.domain, policyType: row.policyType, reason: row.reason, expires: row.expires, grantedBy: actor.email };
  const version = await publishEnterpriseEdit(db, actor, (yaml) => addOverride(yaml, entry), `Grant exception: ${row.policyType} for ${row.domain} until ${row.expires}`, async (tx, v) => {
    await move(tx, id, "requested", { status: "granted", decidedById: actor.userId, decidedByEmail: actor.email, decidedAt: new Date(), grantedVersion: v.version });
    await appendAudit(tx, { actor: auditActor(actor), action: "exception.grant", entityType: "PolicyException", entityId: id, data: { domain: row.domain, policyType: row.policyType, expires: row.expires, enterpriseVersion: v.version } });
    await notify(tx, {
      kind: "decisions",
      orgId: row.orgId,
      userIds: [row.requestedById],
      title: `Exception granted: ${row.policyType} for ${row.domain} until ${row.expires}`,
      body: `Granted by ${actor.email}; enterprise version ${v.version} carries it.`,
      link: "/exceptions",
    });
  });
  return { status: "granted", version: version.version, ref: version.ref };
}

/** Ends a granted exception early: its `expires` becomes yesterday, so it stops applying now, in floe too. */
export async function endException({ db, actor, input }: ServiceCall) {
  const { id } = parseInput(ExceptionIdInput, input);
  assertCan(actor, "manifest.publish", { tier: "enterprise" });
  const row = await rowById(db, id);
  const today = serverToday();
  if (stateOf(row, today) === "expired" || row.status !== "granted") throw new ConflictError(`the exception is ${stateOf(row, today)}`);
  const yesterday = addDays(today, -1);
  const version = await publishEnterpriseEdit(db, actor, (yaml) => setOverrideExpiry(yaml, id, yesterday), `End exception: ${row.policyType} for ${row.domain}`, async (tx) => {
    const { count } = await tx.policyException.updateMany({ where: { id, status: "granted", expires: row.expires }, data: { expires: yesterday } });
    if (count === 0) throw new ConflictError("the exception changed meanwhile");
    await appendAudit(tx, { actor: auditActor(actor), action: "exception.end", entityType: "PolicyException", entityId: id, data: { domain: row.domain, policyType: row.policyType, was: row.expires, expires: yesterday } });
    await notify(tx, { kind: "decisions", orgId: row.orgId, userIds: [row.requestedById], title: `Exception ended: ${row.policyType} for ${row.domain}`, body: `Ended early by ${actor.email}.`, link: "/exceptions" });
  });
  return { status: "expired", version: version.version };
}

export async function refuseException({ db, actor, input }: ServiceCall) {
  const { id, reason: why } = parseInput(RefuseExceptionInput, input);
  assertCan(actor, "manifest.publish", { tier: "enterprise" });
  const row = await rowById(db, id);
  await db.$transaction(async (tx) => {
    await move(tx, id, "requested", { status: "refused", decidedById: actor.userId, decidedByEmail: actor.email, decidedAt: new Date(), decisionReason: why });
    await appendAudit(tx, { actor: auditActor(actor), action: "exception.refuse", entityType: "PolicyException", entityId: id, reason: why, data: { domain: row.domain, policyType: row.policyType } });
    await notify(tx, { kind: "decisions", orgId: row.orgId, userIds: [row.requestedById], title: `Exception refused: ${row.policyType} for ${row.domain}`, body: `Refused by ${actor.email}: ${why}`, link: "/exceptions" });
  });
  return { status: "refused" };
}

export async function withdrawException({ db, actor, input }: ServiceCall) {
  const { id } = parseInput(ExceptionIdInput, input);
  assertCan(actor, "read");
  const row = await rowById(db, id);
  if (row.requestedById !== actor.userId) throw new ForbiddenError("request.withdraw", {});
  await db.$transaction(async (tx) => {
    await move(tx, id, "requested", { status: "withdrawn" });
    await appendAudit(tx, { actor: auditActor(actor), action: "exception.withdraw", entityType: "PolicyException", entityId: id, data: { domain: row.domain, policyType: row.policyType } });
  });
  return { status: "withdrawn" };
}

type Row = Awaited<ReturnType<typeof rowById>>;
const view = (r: Row, today: string) => ({
  id: r.id,
  domain: r.domain,
  policyType: r.policyType as ExceptionPolicyType,
  reason: r.reason,
  expires: r.expires,
  status: r.status,
  state: stateOf(r, today),
  requestedBy: r.requestedByEmail,
  requestedById: r.requestedById,
  decidedBy: r.decidedByEmail,
  decidedAt: r.decidedAt?.toISOString() ?? null,
  decisionReason: r.decisionReason,
  grantedVersion: r.grantedVersion,
  createdAt: r.createdAt.toISOString(),
});

/** Every exception (everyone signed in reads them: they explain resolved values), newest first. */
export async function listExceptions(db: Db, actor: Actor | null) {
  assertCan(actor, "read");
  const today = serverToday();
  const rows = await db.policyException.findMany({ orderBy: { createdAt: "desc" }, take: 500 });
  return { today, exceptable: EXCEPTABLE_TYPES, items: rows.map((r) => view(r, today)) };
}
