// ADR-0038 phase 2 in the console: a 2-tier platform manifest becomes a domain under a new
// enterprise manifest (or the organisation's existing one), and no product's floe.yaml changes.
// A guided action: the preview shows both manifests and every product before → after; applying
// recomputes the same plan, refuses anything that would not resolve cleanly, and publishes both
// versions, moves the tiers and writes the audit event in one transaction.
import { z } from "zod";
import { assertCan, type Actor } from "../../lib/auth/permissions";
import { parseManifest } from "../../lib/manifest/parse";
import { evaluateOrg, impactOf } from "../../lib/org/evaluate";
import { planTierMigration } from "../../lib/org/tier-migration";
import type { Violation } from "../../lib/violations";
import { appendAudit } from "../audit/append";
import { pushPublishedVersion } from "../registry/push";
import { auditActor, commitVersion } from "./commit-version";
import type { Db } from "./db";
import { BadInputError, ConflictError, NotFoundError, ValidationFailedError } from "./errors";
import { name } from "./inputs";
import { currentEvaluation, evaluateCurrent, loadSnapshot, orgInput, type SnapshotManifest } from "./org-evaluation";
import { digestOf, nextVersion, refOf, type Publication } from "./publication";

export const TierMigrationInput = z.strictObject({
  platform: name,
  /** The new enterprise manifest's name; ignored when the organisation already has one (the domain joins it). */
  enterprise: name.optional(),
});

async function plan(db: Db, actor: Actor | null, input: unknown) {
  assertCan(actor, "manifest.publish", { tier: "enterprise" });
  const { platform: platformName, enterprise: enterpriseName } = TierMigrationInput.parse(input);
  const snapshot = await loadSnapshot(db);
  const platform = snapshot.manifests.find((m) => m.name === platformName);
  if (!platform) throw new NotFoundError(`manifest '${platformName}'`);
  if (platform.tier !== "platform" || !platform.latest) throw new ConflictError(`'${platformName}' is not a published 2-tier platform manifest (it is ${platform.latest ? `a ${platform.tier} manifest` : "unpublished"})`);
  const parsed = parseManifest(platform.latest.yaml, platform.latest.ref);
  if (!parsed.manifest) throw new ValidationFailedError(parsed.violations);

  const existing = snapshot.manifests.find((m) => m.tier === "enterprise");
  if (existing && !existing.latest) throw new ConflictError(`the enterprise manifest '${existing.name}' has no published version to build on`);
  if (!existing && !enterpriseName) throw new BadInputError("name the new enterprise manifest");
  if (!existing && snapshot.manifests.some((m) => m.name === enterpriseName)) throw new ConflictError(`a manifest named '${enterpriseName}' exists already`);
  const enterprise = existing
    ? { name: existing.name, ref: existing.latest!.ref, version: existing.latest!.version, created: false }
    : { name: enterpriseName!, ref: refOf(snapshot.org, enterpriseName!, "1.0.0"), version: "1.0.0", created: true };

  const domainVersion = nextVersion(platform.latest.version, undefined);
  const domainRef = refOf(snapshot.org, platform.name, domainVersion);
  const products = snapshot.products.filter((p) => p.domainId === platform.id && p.status === "approved");
  const texts = planTierMigration({
    platformYaml: platform.latest.yaml,
    platform: parsed.manifest,
    domainVersion,
    enterprise: { ref: enterprise.ref, create: enterprise.created ? { name: enterprise.name, owner: actor.email } : undefined },
    products: products.map((p) => p.name),
  });

  // The current tree before and after: every product keeps its floe.yaml and must still resolve.
  const current = orgInput(snapshot);
  const added = [...(texts.enterpriseYaml ? [{ ref: enterprise.ref, text: texts.enterpriseYaml }] : []), { ref: domainRef, text: texts.domainYaml }];
  const [before, after] = await Promise.all([currentEvaluation(snapshot), evaluateOrg({ ...current, manifests: [...current.manifests, ...added] }, evaluateCurrent)]);
  const errors = (vs: readonly Violation[]) => vs.filter((v) => v.severity === "error");
  const domainChain = after.platforms.get(domainRef);
  const manifestProblems = [...(texts.enterpriseYaml ? parseManifest(texts.enterpriseYaml, enterprise.ref).violations : []), ...(domainChain?.violations ?? [])].filter((v) => v.severity === "error");
  const rows = products.map((p) => {
    const b = before.products.get(p.id);
    const a = after.products.get(p.id);
    const errs = errors(a?.violations ?? []);
    return { name: p.name, before: { mode: b?.mode ?? null, errors: errors(b?.violations ?? []).length }, after: { mode: a?.mode ?? null, errors: errs.length, violations: errs.slice(0, 5) }, resolves: errs.length === 0 };
  });
  const impact = impactOf(before, after);
  return {
    snapshot,
    platform,
    texts,
    preview: {
      platform: platform.name,
      fromVersion: platform.latest.version,
      domain: { ref: domainRef, version: domainVersion, yaml: texts.domainYaml },
      enterprise: { name: enterprise.name, ref: enterprise.ref, created: enterprise.created, yaml: texts.enterpriseYaml },
      products: rows,
      manifestProblems,
      broken: impact.broken.map((e) => e.name),
      /** Applying is allowed only when the manifests are valid and every product still resolves. */
      valid: manifestProblems.length === 0 && rows.every((r) => r.resolves) && impact.broken.length === 0,
    },
  };
}

export async function previewTierMigration(db: Db, actor: Actor | null, input: unknown) {
  return (await plan(db, actor, input)).preview;
}

export async function applyTierMigration(db: Db, actor: Actor | null, input: unknown) {
  const { snapshot, platform, texts, preview } = await plan(db, actor, input);
  if (!preview.valid) {
    const problems: Violation[] = [...preview.manifestProblems, ...preview.products.flatMap((p) => p.after.violations)];
    throw new ValidationFailedError(problems.length ? problems : [{ code: "REF_UNRESOLVED", severity: "error", path: "", tier: "domain", ref: preview.domain.ref, file: preview.domain.ref, message: `the migration would break ${preview.broken.join(", ")}`, line: 1, column: 1 }]);
  }
  const user = actor!;
  const noImpact = { changed: [], broken: [], fixed: [] };
  const result = await db.$transaction(async (tx) => {
    let parentVersion: SnapshotManifest["latest"];
    let enterpriseId: string;
    if (texts.enterpriseYaml) {
      const created = await tx.manifest.create({ data: { orgId: snapshot.org.id, name: preview.enterprise.name, tier: "enterprise", draftYaml: texts.enterpriseYaml, draftUpdatedById: user.userId } });
      const manifest = { ...created, latest: null, parent: null } as unknown as SnapshotManifest;
      const publication: Publication = { yaml: texts.enterpriseYaml, version: "1.0.0", ref: preview.enterprise.ref, digest: digestOf(texts.enterpriseYaml), parent: null, normalised: [], violations: [], impact: noImpact };
      const v = await commitVersion(tx, { manifest, publication, actor: user, message: `Enterprise manifest created by migrating '${platform.name}' to three tiers`, action: "manifest.publish", confirmedBreaking: false });
      parentVersion = { ...v, parentVersion: null };
      enterpriseId = created.id;
    } else {
      const existing = snapshot.manifests.find((m) => m.tier === "enterprise")!;
      parentVersion = existing.latest;
      enterpriseId = existing.id;
    }
    // The platform's row becomes the domain's: same repository, so products' references resolve to it.
    const { count } = await tx.manifest.updateMany({ where: { id: platform.id, tier: "platform", draftRevision: platform.draftRevision }, data: { tier: "domain", parentId: enterpriseId } });
    if (count === 0) throw new ConflictError(`'${platform.name}' changed meanwhile; preview again`);
    const publication: Publication = { yaml: texts.domainYaml, version: preview.domain.version, ref: preview.domain.ref, digest: digestOf(texts.domainYaml), parent: parentVersion, normalised: [], violations: [], impact: noImpact };
    const domainVersion = await commitVersion(tx, {
      manifest: { ...platform, tier: "domain" },
      publication,
      actor: user,
      message: `Migrated to three tiers: domain of ${preview.enterprise.name}`,
      action: "manifest.publish",
      confirmedBreaking: false,
      draft: { yaml: texts.domainYaml, baseRevision: platform.draftRevision },
    });
    await appendAudit(tx, {
      actor: auditActor(user),
      action: "migration.two-to-three-tier",
      entityType: "Manifest",
      entityId: platform.id,
      beforeDigest: platform.latest!.digest,
      afterDigest: domainVersion.digest,
      data: { platform: platform.name, domainRef: preview.domain.ref, enterprise: preview.enterprise.name, enterpriseRef: preview.enterprise.ref, enterpriseCreated: preview.enterprise.created, products: preview.products.map((p) => p.name) },
    });
    return domainVersion;
  });
  for (const v of await db.manifestVersion.findMany({ where: { ref: { in: [preview.domain.ref, ...(preview.enterprise.created ? [preview.enterprise.ref] : [])] } }, select: { id: true } })) await pushPublishedVersion(db, v.id);
  return { domain: preview.domain.ref, enterprise: preview.enterprise.ref, enterpriseCreated: preview.enterprise.created, version: result.version, products: preview.products.length };
}
