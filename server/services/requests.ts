// Product registration: a product team submits, the domain owner approves (publishing a domain
// version that lists the product) or rejects with a reason; the requester may withdraw.
import { assertCan } from "../../lib/auth/permissions";
import { REQUESTABLE_AGAIN, type ProductStatus } from "../../lib/statuses";
import { canonicalProduct } from "../../lib/manifest/canonical";
import { parseProduct } from "../../lib/manifest/parse";
import { parseOciRef } from "../../lib/refs";
import { resolve } from "../../lib/resolve/resolve";
import { hasErrors, type Violation } from "../../lib/violations";
import { appendAudit } from "../audit/append";
import { notify } from "../notify/notify";
import { auditActor, commitVersion } from "./commit-version";
import type { ServiceCall } from "./context";
import type { Db, Tx } from "./db";
import { ConflictError, maybeFail, NotFoundError, ProductOfOtherTeamError, StaleReviewError, ValidationFailedError } from "./errors";
import type { Approve, Reject, RequestId, SubmitRequest } from "./inputs";
import { currentStore, loadSnapshot } from "./org-evaluation";
import { digestOf, preparePublication } from "./publication";
import { editApprovedProducts, rebasedDraft, setPlatformManifest } from "../../lib/yaml/edit";


function nameMismatch(file: string, name: string): Violation {
  return { code: "SCHEMA", severity: "error", path: "metadata.name", tier: "product", ref: null, file, message: `metadata.name must be '${name}', the product's name`, line: 1, column: 1 };
}

/**
 * A floe.yaml whose `platform.manifest` names another domain's manifest is refused, not silently
 * repointed at approval: its team wrote it for that domain (PRODUCT_NOT_IN_DOMAIN, at the reference).
 */
function otherDomainNamed(parsed: ReturnType<typeof parseProduct>, domain: string): Violation | null {
  const ref = parsed.product?.platform?.manifest;
  const repository = typeof ref === "string" ? parseOciRef(ref)?.repository : undefined;
  const named = repository?.split("/").at(-1);
  if (!named || named === domain) return null;
  const at = parsed.locate("platform.manifest");
  return {
    code: "PRODUCT_NOT_IN_DOMAIN",
    severity: "error",
    path: "platform.manifest",
    tier: "product",
    ref: null,
    file: parsed.file,
    message: `this floe.yaml builds on domain '${named}' (${ref}), not '${domain}': request it for '${named}', or point platform.manifest at '${domain}'`,
    line: at.line,
    column: at.column,
  };
}

/**
 * Submits a product for registration, or re-submits one that was rejected, withdrawn or removed.
 * Only a member of the named team may file, and a product stays with the team it was filed for.
 * At most one request per product is pending: the product row moves out of its old status with a
 * compare-and-set, and a partial unique index backs it (migration 0004).
 */
export async function submitRequest({ db, actor, input }: ServiceCall<SubmitRequest>) {
  const { name, team, description, domain: domainName, floeYaml } = input;
  assertCan(actor, "request.create", { team });
  const file = `${name}/floe.yaml`;
  const parsed = parseProduct(floeYaml, file);
  if (hasErrors(parsed.violations) || !parsed.product) throw new ValidationFailedError(parsed.violations);
  if (parsed.product.metadata.name !== name) throw new ValidationFailedError([nameMismatch(file, name)]);
  const domain = await db.manifest.findFirst({ where: { name: domainName, tier: "domain" } });
  if (!domain) throw new NotFoundError(`domain '${domainName}'`);
  const mismatch = otherDomainNamed(parsed, domainName);
  if (mismatch) throw new ValidationFailedError([mismatch]);

  return db.$transaction(async (tx) => {
    const existing = await tx.product.findFirst({ where: { orgId: domain.orgId, name } });
    if (existing && existing.team !== team) throw new ProductOfOtherTeamError(name, existing.team);
    if (existing && !REQUESTABLE_AGAIN.includes(existing.status as ProductStatus)) throw new ConflictError(`product '${name}' is already ${existing.status}`);
    const fields = { team, description, floeYaml, domainId: domain.id, status: "pending" };
    let product;
    if (existing) {
      const { count } = await tx.product.updateMany({ where: { id: existing.id, status: existing.status, revision: existing.revision }, data: { ...fields, revision: { increment: 1 } } });
      if (count === 0) throw new ConflictError(`product '${name}' was requested or changed meanwhile`);
      product = existing;
    } else {
      product = await tx.product.create({ data: { ...fields, orgId: domain.orgId, name, createdById: actor.userId } });
    }
    const request = await tx.registrationRequest.create({ data: { productId: product.id, requestedById: actor.userId, status: "pending" } });
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: existing ? "request.resubmit" : "request.submit",
      entityType: "RegistrationRequest",
      entityId: request.id,
      afterDigest: digestOf(floeYaml),
      data: { product: name, domain: domainName, team },
    });
    const owners = await tx.roleMembership.findMany({ where: { role: "domain_owner", domainId: domain.id }, select: { userId: true } });
    await notify(tx, { kind: "requests", orgId: domain.orgId, userIds: owners.map((o) => o.userId).filter((id) => id !== actor.userId), title: `Registration request: ${name} into ${domainName}`, body: `${actor.email} (team ${team}) asks to register ${name}.`, link: `/domains/${domainName}` });
    return { id: request.id, productId: product.id, status: request.status };
  });
}

async function requestById(db: Db | Tx, id: string) {
  const request = await db.registrationRequest.findUnique({ where: { id }, include: { product: true } });
  if (!request) throw new NotFoundError(`request ${id}`);
  return request;
}

/** Moves a request out of `pending`; a concurrent decision makes this fail instead of overwriting. */
async function decide(tx: Tx, id: string, status: string, decidedById: string | null, reason: string | null) {
  const { count } = await tx.registrationRequest.updateMany({
    where: { id, status: "pending" },
    data: { status, reason, decidedById, decidedAt: decidedById ? new Date() : null },
  });
  if (count === 0) throw new ConflictError("the request was decided or withdrawn meanwhile");
}

/**
 * Approves: one transaction publishes the domain version listing the product, approves the product and repoints its floe.yaml.
 * `revision` is the product revision the owner reviewed; a floe.yaml saved since (before or during this call) makes it 409.
 */
export async function approveRequest({ db, actor, input, fault }: ServiceCall<Approve>) {
  const { id, revision } = input;
  const request = await requestById(db, id);
  assertCan(actor, "request.decide", { domainId: request.product.domainId });
  if (request.status !== "pending") throw new ConflictError(`the request is ${request.status}`);
  if (request.product.revision !== revision) throw new StaleReviewError(request.product);
  const snapshot = await loadSnapshot(db);
  const domain = snapshot.manifests.find((m) => m.id === request.product.domainId);
  if (!domain?.latest) throw new ConflictError("the domain has no published version yet");
  const product = request.product;

  const publication = await preparePublication(snapshot, domain, editApprovedProducts(domain.latest.yaml, product.name, "add")!);
  if (hasErrors(publication.violations)) throw new ValidationFailedError(publication.violations);
  // Stored as floe reads it: the ADR's shorthand (header, platform.ref, {type, path} transforms) in floe's form.
  const floeYaml = setPlatformManifest(canonicalProduct(product.floeYaml, { name: product.name, version: "0.0.0" }).yaml, publication.ref);
  const resolution = await resolve(parseProduct(floeYaml, `${product.name}/floe.yaml`), currentStore(snapshot, [{ ref: publication.ref, text: publication.yaml }]));
  if (hasErrors(resolution.violations)) throw new ValidationFailedError(resolution.violations);
  // Not an "unpublished change" whose only diff is the version going backwards: the draft follows the new version.
  const draft = rebasedDraft(domain.draftYaml, domain.latest.yaml, { yaml: publication.yaml, version: publication.version, parentRef: publication.parent?.ref ?? null }, (t) => editApprovedProducts(t, product.name, "add"));

  const version = await db.$transaction(async (tx) => {
    // Compare-and-set on the reviewed revision: a save that committed after our read loses nothing, the approval fails.
    // The product row is locked first, as a floe.yaml save does (product, then audit): no lock-order deadlock on PostgreSQL.
    const { count } = await tx.product.updateMany({ where: { id: product.id, revision, status: "pending" }, data: { status: "approved", floeYaml, revision: { increment: 1 } } });
    if (count === 0) throw new StaleReviewError(await tx.product.findUniqueOrThrow({ where: { id: product.id } }));
    await decide(tx, id, "approved", actor.userId, null);
    const version = await commitVersion(tx, {
      manifest: domain,
      publication,
      actor,
      message: `Approve product ${product.name}`,
      action: "manifest.publish",
      confirmedBreaking: false,
      draft: { yaml: draft, baseRevision: domain.draftRevision },
      data: { approvedProduct: product.name },
    });
    await tx.product.update({ where: { id: product.id }, data: { domainVersionId: version.id } });
    maybeFail(fault, "product-update");
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: "request.approve",
      entityType: "RegistrationRequest",
      entityId: id,
      beforeDigest: digestOf(product.floeYaml),
      afterDigest: digestOf(floeYaml),
      data: { product: product.name, domainVersion: version.version, ref: version.ref },
    });
    await notify(tx, { kind: "decisions", orgId: domain.orgId, userIds: [request.requestedById], title: `Registration approved: ${product.name}`, body: `${actor.email} approved ${product.name} into ${domain.name} ${version.version}.`, link: `/products/${product.name}` });
    return version;
  });
  return { status: "approved", version: version.version, ref: version.ref, digest: version.digest };
}

export async function rejectRequest({ db, actor, input }: ServiceCall<Reject>) {
  const { id, reason } = input;
  const request = await requestById(db, id);
  assertCan(actor, "request.decide", { domainId: request.product.domainId });
  await db.$transaction(async (tx) => {
    await decide(tx, id, "rejected", actor.userId, reason);
    await tx.product.update({ where: { id: request.productId }, data: { status: "rejected" } });
    await appendAudit(tx, { actor: auditActor(actor), action: "request.reject", entityType: "RegistrationRequest", entityId: id, reason, data: { product: request.product.name } });
    await notify(tx, { kind: "decisions", orgId: request.product.orgId, userIds: [request.requestedById], title: `Registration rejected: ${request.product.name}`, body: `${actor.email} rejected it: ${reason}`, link: `/products/${request.product.name}` });
  });
  return { status: "rejected" };
}

export async function withdrawRequest({ db, actor, input }: ServiceCall<RequestId>) {
  const { id } = input;
  const request = await requestById(db, id);
  assertCan(actor, "request.withdraw", { team: request.product.team });
  await db.$transaction(async (tx) => {
    await decide(tx, id, "withdrawn", null, null);
    await tx.product.update({ where: { id: request.productId }, data: { status: "withdrawn" } });
    await appendAudit(tx, { actor: auditActor(actor), action: "request.withdraw", entityType: "RegistrationRequest", entityId: id, data: { product: request.product.name } });
  });
  return { status: "withdrawn" };
}
