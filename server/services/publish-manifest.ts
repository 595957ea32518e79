import { assertCan, type Actor } from "../../lib/auth/permissions";
import { hasErrors } from "../../lib/violations";
import { pushPublishedVersion } from "../registry/push";
import { commitVersion } from "./commit-version";
import type { ServiceCall } from "./context";
import type { Db } from "./db";
import { ConfirmationRequiredError, NotFoundError, StaleRevisionError, ValidationFailedError } from "./errors";
import type { Publish, Rollback } from "./inputs";
import { manifestByName } from "./lookups";
import { Lru } from "./memo";
import { dataFingerprint, previewSnapshot } from "./org-evaluation";
import { preparePublication, type Publication } from "./publication";
import { withUserSlot } from "./user-limits";
import { rebasedDraft } from "../../lib/yaml/edit";
import { assertDirectPublishAllowed } from "./review-policy";

/** Refuses invalid publications (422) and, without `confirmBreaking`, ones that break others (428). */
function gate(p: Publication, confirmBreaking: boolean | undefined): boolean {
  if (hasErrors(p.violations)) throw new ValidationFailedError(p.violations);
  const breaking = p.impact.broken.length > 0;
  if (breaking && confirmBreaking !== true) throw new ConfirmationRequiredError(p.impact);
  return breaking;
}

/** After the commit: push to the configured registry (best effort, outcome recorded, never rolls back the version). */
async function published(db: Db, v: { id: string; version: string; ref: string; digest: string }, normalised: string[]) {
  const registry = await pushPublishedVersion(db, v.id);
  return { version: v.version, ref: v.ref, digest: v.digest, registry: registry.status, normalised };
}

/** Publishes the manifest's draft as its next version, in one transaction with the draft update and audit event. */
export async function publishManifest({ db, actor, input, fault }: ServiceCall<Publish>) {
  const { name, baseRevision, message, confirmBreaking } = input;
  const { snapshot, manifest } = await manifestByName(db, name);
  assertCan(actor, "manifest.publish", { tier: manifest.tier as "domain", manifestId: manifest.id });
  if (manifest.draftRevision !== baseRevision) throw new StaleRevisionError({ yaml: manifest.draftYaml, revision: manifest.draftRevision });
  await assertDirectPublishAllowed(db, manifest);
  const publication = await preparePublication(snapshot, manifest, manifest.draftYaml);
  const confirmedBreaking = gate(publication, confirmBreaking);
  const version = await db.$transaction((tx) =>
    commitVersion(tx, { manifest, publication, actor, message, action: "manifest.publish", confirmedBreaking, draft: { yaml: publication.yaml, baseRevision }, fault }),
  );
  return published(db, version, publication.normalised);
}

/** Publishes an earlier version's content again, as the next version (history is never rewritten). */
export async function rollbackManifest({ db, actor, input, fault }: ServiceCall<Rollback>) {
  const { name, version: target, message, confirmBreaking } = input;
  const { snapshot, manifest } = await manifestByName(db, name);
  assertCan(actor, "manifest.publish", { tier: manifest.tier as "domain", manifestId: manifest.id });
  const old = await db.manifestVersion.findUnique({ where: { manifestId_version: { manifestId: manifest.id, version: target } } });
  if (!old) throw new NotFoundError(`version ${target} of '${name}'`);
  const publication = await preparePublication(snapshot, manifest, old.yaml);
  const confirmedBreaking = gate(publication, confirmBreaking);
  // The draft follows the rollback (reset when it held no edits; edits kept, on the new version, otherwise).
  const draft = rebasedDraft(manifest.draftYaml, manifest.latest?.yaml ?? null, { yaml: publication.yaml, version: publication.version, parentRef: publication.parent?.ref ?? null });
  const version = await db.$transaction((tx) =>
    commitVersion(tx, { manifest, publication, actor, message, action: "manifest.rollback", confirmedBreaking, draft: { yaml: draft, baseRevision: manifest.draftRevision }, data: { rolledBackTo: target }, fault }),
  );
  return published(db, version, publication.normalised);
}

// Impact previews by data fingerprint and manifest: the draft is part of the data, so a hit is what a
// fresh computation would answer. Repeated previews (and other users' previews) cost one small query.
type ImpactPreview = Publication["impact"] & Pick<Publication, "version" | "ref" | "violations">;
const impacts = new Lru<Promise<ImpactPreview>>(64);

/** What publishing the current draft would change and break (read-only). At most one computation per user at a time. */
export async function previewImpact({ db, actor, name }: { db: Db; actor: Actor | null; name: string }): Promise<ImpactPreview> {
  assertCan(actor, "read");
  // The impact (and the violations) of a draft tell what the draft says: only its editors see them.
  const target = await db.manifest.findFirst({ where: { name }, select: { id: true, tier: true } });
  if (!target) throw new NotFoundError(`manifest '${name}'`);
  assertCan(actor, "manifest.readDraft", { tier: target.tier as "domain", manifestId: target.id });
  const print = await dataFingerprint(db);
  return impacts.getOrCreate(`${print}\u0000${name}`, () =>
    withUserSlot(actor.userId, "impact preview", 1, async () => {
      // Product texts from the memoised current evaluation where it holds them (previewSnapshot).
      const { snapshot } = await previewSnapshot(db);
      const manifest = snapshot.manifests.find((m) => m.name === name);
      if (!manifest) throw new NotFoundError(`manifest '${name}'`);
      const publication = await preparePublication(snapshot, manifest, manifest.draftYaml);
      return { ...publication.impact, version: publication.version, ref: publication.ref, violations: publication.violations };
    }),
  );
}
