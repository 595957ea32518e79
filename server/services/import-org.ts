// Import an organisation directory (folder or archive, the export layout): a report first
// (planOrgImport, read-only), then the import itself in one transaction, only for the exact
// files the report was computed from (fingerprint) and only when nothing blocks it.
import "server-only";
import { compare, gt, valid } from "semver";
import { assertCan, type Actor } from "../../lib/auth/permissions";
import { evaluateOrg, impactOf, type Impact } from "../../lib/org/evaluate";
import { planImport, type ImportFile, type ImportPlan, type PlannedManifest } from "../../lib/org/import-plan";
import { appendAudit } from "../audit/append";
import { pushPublishedVersion } from "../registry/push";
import { auditActor } from "./commit-version";
import type { Db, Tx } from "./db";
import { BadInputError, ConfirmationRequiredError, ConflictError, ValidationFailedError } from "./errors";
import { currentEvaluation, evaluateCurrent, loadSnapshot, orgInput } from "./org-evaluation";
import { digestOf } from "./publication";

export interface ImportSource {
  files: readonly ImportFile[];
  others?: readonly string[];
  /** Shown in version messages and the audit log, e.g. the archive's file name. */
  label: string;
}

export interface ImportResult {
  manifests: number;
  versions: number;
  products: number;
  skipped: number;
  /** Registry push outcome per imported version (best effort, after the commit); empty without a registry. */
  registry: { ref: string; status: string }[];
}

/** Importing publishes versions of every tier at once: only platform admins may (org.import). */
export function assertCanImport(actor: Actor | null): asserts actor is Actor {
  assertCan(actor, "org.import");
}

export interface ImportPlanWithImpact extends ImportPlan {
  /** What the import would change and break in the console's current tree (publishing's confirmation gate). */
  impact: Impact;
}

const NO_IMPACT: Impact = { changed: [], broken: [], fixed: [] };

export async function planOrgImport(db: Db, actor: Actor | null, source: ImportSource): Promise<ImportPlanWithImpact> {
  assertCanImport(actor);
  const org = await db.organisation.findFirst({ orderBy: { slug: "asc" } });
  const snapshot = org ? await loadSnapshot(db) : null;
  const versions = org ? await db.manifestVersion.findMany({ where: { manifest: { orgId: org.id } }, select: { ref: true, yaml: true } }) : [];
  const plan = await planImport(source, {
    registry: org ? { host: org.registryHost, prefix: org.registryPrefix } : null,
    existingManifests: versions,
    existingProductNames: new Set(snapshot?.products.map((p) => p.name)),
    latestVersions: new Map(snapshot?.manifests.flatMap((m) => (m.latest ? [[m.name, m.latest.version] as const] : []))),
  });
  if (!snapshot || plan.blockers.length) return { ...plan, impact: NO_IMPACT };
  // The current tree before and after: imported versions join their repositories (the newest becomes latest), approved products join the tree.
  const input = orgInput(snapshot);
  const [before, after] = await Promise.all([
    currentEvaluation(snapshot),
    evaluateOrg(
      {
        manifests: [...input.manifests, ...plan.manifests.map((m) => ({ ref: m.ref, text: m.yaml }))],
        products: [...input.products, ...plan.products.filter((p) => p.status === "approved").map((p) => ({ id: `import:${p.path}`, text: p.yaml, file: p.path }))],
      },
      evaluateCurrent,
    ),
  ]);
  return { ...plan, impact: impactOf(before, after) };
}

const bySemver = (a: PlannedManifest, b: PlannedManifest) => (valid(a.version) && valid(b.version) ? compare(a.version, b.version) : a.version.localeCompare(b.version));
const TIER_ORDER = ["enterprise", "platform", "domain"]; // parents before the manifests that build on them

/**
 * Imports exactly the reported files, through the gates publishing has: no error (422), and an
 * explicit `confirmBreaking` when the import breaks domains or products of the current tree (428).
 */
export async function importOrg(db: Db, actor: Actor | null, source: ImportSource, fingerprint: string, options: { confirmBreaking?: boolean } = {}): Promise<ImportResult> {
  const plan = await planOrgImport(db, actor, source);
  assertCanImport(actor);
  if (plan.fingerprint !== fingerprint) throw new ConflictError("the files differ from the ones the report was made for; review the new report and confirm again");
  if (plan.blockers.length) throw new ValidationFailedError(plan.blockers);
  if (!plan.registry || (!plan.manifests.length && !plan.products.length)) throw new BadInputError("nothing to import: no manifest or product in the expected layout");
  const confirmedBreaking = plan.impact.broken.length > 0;
  if (confirmedBreaking && options.confirmBreaking !== true) throw new ConfirmationRequiredError(plan.impact);
  const registry = plan.registry;

  const versionIds = await db.$transaction((tx) => writePlan(tx, actor, plan, registry, source.label, confirmedBreaking), { timeout: 60_000 });
  const pushed: ImportResult["registry"] = [];
  for (const { id, ref } of versionIds) {
    const { status } = await pushPublishedVersion(db, id);
    if (status !== "disabled") pushed.push({ ref, status });
  }
  return { manifests: new Set(plan.manifests.map((m) => m.name)).size, versions: plan.manifests.length, products: plan.products.length, skipped: plan.skipped.length, registry: pushed };
}

async function writePlan(tx: Tx, actor: Actor, plan: ImportPlanWithImpact, registry: { host: string; prefix: string }, label: string, confirmedBreaking: boolean) {
  const org =
    (await tx.organisation.findFirst({ orderBy: { slug: "asc" } })) ??
    (await tx.organisation.create({ data: { slug: registry.prefix.replace(/[^a-z0-9-]/g, "-"), name: registry.host, registryHost: registry.host, registryPrefix: registry.prefix } }));
  const known = await tx.manifestVersion.findMany({ where: { manifest: { orgId: org.id } }, select: { id: true, ref: true, manifestId: true } });
  const byRef = new Map(known.map((v) => [v.ref, { versionId: v.id, manifestId: v.manifestId }]));
  const message = `Imported from ${label}`;
  const created: { id: string; ref: string }[] = [];

  const groups = new Map<string, PlannedManifest[]>();
  for (const m of plan.manifests) groups.set(m.name, [...(groups.get(m.name) ?? []), m]);
  const ordered = [...groups.values()].sort((a, b) => TIER_ORDER.indexOf(a[0].tier) - TIER_ORDER.indexOf(b[0].tier) || a[0].name.localeCompare(b[0].name));
  for (const group of ordered) {
    const versions = [...group].sort(bySemver);
    const latest = versions[versions.length - 1];
    const parentOf = (m: PlannedManifest) => (m.parentRef ? byRef.get(m.parentRef) : undefined);
    let manifest = await tx.manifest.findUnique({ where: { orgId_name: { orgId: org.id, name: latest.name } }, include: { versions: { orderBy: { seq: "desc" }, take: 1 } } });
    if (manifest && manifest.tier !== latest.tier) throw new ConflictError(`${latest.name} is a ${manifest.tier} manifest in the console but a ${latest.tier} manifest in the import`);
    // A new manifest's draft starts as its latest imported version; an existing manifest's draft is left alone.
    manifest ??= await tx.manifest.create({
      data: {
        orgId: org.id,
        name: latest.name,
        tier: latest.tier,
        parentId: parentOf(latest)?.manifestId ?? null,
        draftYaml: latest.yaml,
        draftUpdatedById: actor.userId,
        parentVersionId: parentOf(latest)?.versionId ?? null,
      },
      include: { versions: { orderBy: { seq: "desc" }, take: 1 } },
    });
    // Checked again inside the transaction: a publish since the report may have moved the latest version.
    const current = manifest.versions[0]?.version;
    if (current && !(valid(current) && gt(versions[0].version, current)))
      throw new ConflictError(`${latest.name} ${versions[0].version} is not newer than its latest version ${current} (published meanwhile?); review a new report`);
    let seq = manifest.versions[0]?.seq ?? 0;
    for (const m of versions) {
      const row = await tx.manifestVersion.create({
        data: { manifestId: manifest.id, version: m.version, seq: ++seq, yaml: m.yaml, digest: digestOf(m.yaml), ref: m.ref, parentVersionId: parentOf(m)?.versionId ?? null, message, publishedById: actor.userId },
      });
      byRef.set(m.ref, { versionId: row.id, manifestId: manifest.id });
      created.push({ id: row.id, ref: m.ref });
    }
  }

  for (const p of plan.products) {
    const domain = byRef.get(p.domainRef)!; // planImport only keeps products whose domain is imported or known
    const row = await tx.product.create({
      data: {
        orgId: org.id,
        name: p.name,
        domainId: domain.manifestId,
        team: p.team,
        description: p.description,
        floeYaml: p.yaml,
        status: p.status,
        domainVersionId: p.status === "approved" ? domain.versionId : null,
        createdById: actor.userId,
      },
    });
    if (p.status === "pending") await tx.registrationRequest.create({ data: { productId: row.id, requestedById: actor.userId, status: "pending" } });
  }

  await appendAudit(tx, {
    actor: auditActor(actor),
    action: "org.import",
    entityType: "Organisation",
    entityId: org.id,
    reason: message,
    data: { fingerprint: plan.fingerprint, confirmedBreaking, broken: plan.impact.broken.map((e) => e.name), versions: plan.manifests.map((m) => m.ref), products: plan.products.map((p) => p.name), skipped: plan.skipped.map((s) => `${s.path}: ${s.reason}`) },
  });
  return created;
}
