// Requests to widen the whitelist (the ADR's answer to "a domain wants a plugin that is not
// approved"): a domain owner asks, platform admins decide. Accepting opens an enterprise change
// request that adds the plugin, reviewed like any other change; declining records the reason.
import { parseDocument } from "yaml";
import { assertCan, can, type Actor } from "../../lib/auth/permissions";
import { YAML11 } from "../../lib/yaml/yaml11";
import { writeDraft } from "./commit-version";
import { openChange, prepareChange } from "./change-requests";
import type { ServiceCall } from "./context";
import type { Db } from "./db";
import { ConflictError, NotFoundError, ServiceError } from "./errors";
import { parseInput } from "./inputs";
import { loadSnapshot } from "./org-evaluation";
import { recordReviewEvent } from "./review-events";
import { WhitelistAcceptInput, WhitelistDecisionInput, WhitelistRequestInput } from "./review-inputs";
import { addToWhitelist } from "../../lib/yaml/edit";

async function requestById(db: Db, id: string) {
  const r = await db.whitelistRequest.findUnique({ where: { id } });
  if (!r) throw new NotFoundError(`whitelist request ${id}`);
  return r;
}

function whitelisted(yaml: string | undefined, category: string, plugin: string): boolean {
  if (!yaml) return false;
  const value = parseDocument(yaml, YAML11).toJS({ maxAliasCount: 100 }) as { approved_plugins?: Record<string, unknown> } | null;
  const list = value?.approved_plugins && Object.hasOwn(value.approved_plugins, category) ? value.approved_plugins[category] : undefined;
  return Array.isArray(list) && list.includes(plugin);
}

/** The enterprise (3-tier) manifest of the organisation. */
function enterpriseOf(snapshot: Awaited<ReturnType<typeof loadSnapshot>>) {
  const m = snapshot.manifests.find((x) => x.tier === "enterprise");
  if (!m) throw new NotFoundError("enterprise manifest");
  return m;
}

export async function createWhitelistRequest({ db, actor, input }: ServiceCall) {
  const { domain: domainName, category, plugin, reason } = parseInput(WhitelistRequestInput, input);
  const snapshot = await loadSnapshot(db, { products: false });
  const domain = snapshot.manifests.find((m) => m.name === domainName && m.tier === "domain");
  if (!domain) throw new NotFoundError(`domain '${domainName}'`);
  assertCan(actor, "whitelist.request", { domainId: domain.id });
  if (whitelisted(enterpriseOf(snapshot).latest?.yaml, category, plugin)) throw new ServiceError(409, "ALREADY_APPROVED", `'${plugin}' is already in the ${category} whitelist`);
  const created = await db.$transaction(async (tx) => {
    const pending = await tx.whitelistRequest.findFirst({ where: { domainId: domain.id, category, plugin, status: "pending" }, select: { id: true } });
    if (pending) throw new ServiceError(409, "ALREADY_REQUESTED", `${domainName} already asked for '${plugin}' in ${category}`, undefined, { requestId: pending.id });
    const r = await tx.whitelistRequest.create({ data: { orgId: domain.orgId, domainId: domain.id, requestedById: actor.userId, category, plugin, reason, status: "pending" } });
    await recordReviewEvent(tx, { type: "whitelist.request", id: r.id, actor, reason, data: { requestId: r.id, requesterId: actor.userId, domain: domainName, category, plugin, reason } });
    return r;
  });
  return { id: created.id, status: created.status };
}

/** Platform admins see every request; domain owners their domains'; everyone their own. */
export async function listWhitelistRequests({ db, actor }: { db: Db; actor: Actor | null }) {
  assertCan(actor, "read");
  const admin = can(actor, "whitelist.decide");
  const owned = actor.memberships.filter((m) => m.role === "domain_owner" && m.domainId).map((m) => m.domainId as string);
  const rows = await db.whitelistRequest.findMany({
    where: admin ? {} : { OR: [{ requestedById: actor.userId }, { domainId: { in: owned } }] },
    orderBy: { createdAt: "desc" },
    take: 500,
  });
  const [domains, users, changes] = await Promise.all([
    db.manifest.findMany({ where: { id: { in: rows.map((r) => r.domainId) } }, select: { id: true, name: true } }),
    db.user.findMany({ where: { id: { in: rows.flatMap((r) => [r.requestedById, r.decidedById ?? ""]) } }, select: { id: true, email: true } }),
    db.changeRequest.findMany({ where: { id: { in: rows.map((r) => r.changeRequestId ?? "") } }, select: { id: true, status: true, publishedVersionId: true } }),
  ]);
  const name = new Map(domains.map((d) => [d.id, d.name]));
  const email = new Map(users.map((u) => [u.id, u.email]));
  const change = new Map(changes.map((c) => [c.id, c]));
  return {
    items: rows.map((r) => ({
      id: r.id,
      domain: name.get(r.domainId) ?? "?",
      category: r.category,
      plugin: r.plugin,
      reason: r.reason,
      status: r.status,
      requestedBy: email.get(r.requestedById) ?? "unknown",
      decidedBy: r.decidedById ? (email.get(r.decidedById) ?? "unknown") : null,
      decidedAt: r.decidedAt,
      decisionReason: r.decisionReason,
      createdAt: r.createdAt,
      change: r.changeRequestId ? { id: r.changeRequestId, status: change.get(r.changeRequestId)?.status ?? "unknown" } : null,
    })),
    youDecide: admin,
  };
}

/**
 * Accepts: the enterprise draft gains the plugin (only that list changes) and goes up for review
 * as a change request, all in one transaction. The draft must hold no other unpublished edit, and
 * no other enterprise change may be under review, so the change contains exactly this addition.
 */
export async function acceptWhitelistRequest({ db, actor, input }: ServiceCall) {
  const { id, message } = parseInput(WhitelistAcceptInput, input);
  assertCan(actor, "whitelist.decide");
  const request = await requestById(db, id);
  if (request.status !== "pending") throw new ConflictError(`the request is ${request.status}`);
  const snapshot = await loadSnapshot(db);
  const enterprise = enterpriseOf(snapshot);
  const domain = snapshot.manifests.find((m) => m.id === request.domainId);
  if (enterprise.latest && enterprise.draftYaml.trim() !== enterprise.latest.yaml.trim())
    throw new ServiceError(409, "DRAFT_HAS_EDITS", "the enterprise draft has unpublished edits: publish, submit or discard them first, so this change holds only the new plugin");
  const yaml = addToWhitelist(enterprise.draftYaml, request.category, request.plugin);
  if (yaml === null) throw new ConflictError("the enterprise draft is not valid YAML");
  const prepared = await prepareChange(db, snapshot, enterprise, yaml);
  const title = `Whitelist ${request.plugin} (${request.category}) for ${domain?.name ?? "a domain"}`;
  const change = await db.$transaction(async (tx) => {
    const { count } = await tx.whitelistRequest.updateMany({ where: { id, status: "pending" }, data: { status: "accepted", decidedById: actor.userId, decidedAt: new Date() } });
    if (count === 0) throw new ConflictError("the request was decided meanwhile");
    const revision = await writeDraft(tx, enterprise.id, enterprise.draftRevision, { draftYaml: yaml, draftUpdatedById: actor.userId });
    const created = await openChange(tx, { manifest: enterprise, actor, title, description: `${request.reason}${message ? `\n\n${message}` : ""}`, revision, yaml, prepared, data: { whitelistRequest: id } });
    await tx.whitelistRequest.update({ where: { id }, data: { changeRequestId: created.id } });
    await recordReviewEvent(tx, { type: "whitelist.accept", id, actor, data: { requestId: id, requesterId: request.requestedById, domain: domain?.name, category: request.category, plugin: request.plugin, changeId: created.id } });
    return created;
  });
  return { id, status: "accepted", changeId: change.id };
}

export async function declineWhitelistRequest({ db, actor, input }: ServiceCall) {
  const { id, reason } = parseInput(WhitelistDecisionInput, input);
  assertCan(actor, "whitelist.decide");
  const request = await requestById(db, id);
  const domain = await db.manifest.findUnique({ where: { id: request.domainId }, select: { name: true } });
  await db.$transaction(async (tx) => {
    const { count } = await tx.whitelistRequest.updateMany({ where: { id, status: "pending" }, data: { status: "declined", decidedById: actor.userId, decidedAt: new Date(), decisionReason: reason } });
    if (count === 0) throw new ConflictError(`the request is ${request.status}`);
    await recordReviewEvent(tx, { type: "whitelist.decline", id, actor, reason, data: { requestId: id, requesterId: request.requestedById, domain: domain?.name, category: request.category, plugin: request.plugin, reason } });
  });
  return { id, status: "declined" };
}
