// "Discard draft" and the rollback's impact preview: the flows publishing and review build on.
import { z } from "zod";
import { assertCan, type Actor } from "../../lib/auth/permissions";
import { appendAudit } from "../audit/append";
import { auditActor, writeDraft } from "./commit-version";
import type { ServiceCall } from "./context";
import type { Db } from "./db";
import { ConflictError, NotFoundError, ServiceError } from "./errors";
import { name, parseInput, revision } from "./inputs";
import { manifestByName } from "./lookups";
import { digestOf, preparePublication } from "./publication";

export const DiscardDraftInput = z.strictObject({ name, baseRevision: revision });

/** Resets the draft to the latest published version (409 while a change of it is under review: withdraw it first). */
export async function discardDraft({ db, actor, input }: ServiceCall) {
  const { name: manifestName, baseRevision } = parseInput(DiscardDraftInput, input);
  const { manifest } = await manifestByName(db, manifestName);
  assertCan(actor, "manifest.edit", { tier: manifest.tier as "domain", manifestId: manifest.id });
  if (!manifest.latest) throw new ConflictError("nothing is published yet: there is no version to go back to");
  const active = await db.changeRequest.findFirst({ where: { manifestId: manifest.id, status: { in: ["open", "changes_requested"] } }, select: { id: true } });
  if (active) throw new ServiceError(409, "CHANGE_UNDER_REVIEW", "this draft is under review: withdraw the change first", undefined, { changeId: active.id });
  const latest = manifest.latest;
  const revisionNow = await db.$transaction(async (tx) => {
    const next = await writeDraft(tx, manifest.id, baseRevision, { draftYaml: latest.yaml, draftUpdatedById: actor.userId, parentVersionId: latest.parentVersionId });
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: "manifest.draft.discard",
      entityType: "Manifest",
      entityId: manifest.id,
      beforeDigest: digestOf(manifest.draftYaml),
      afterDigest: latest.digest,
      data: { name: manifestName, revision: next, resetTo: latest.version },
    });
    return next;
  });
  return { revision: revisionNow, version: latest.version };
}

/** What rolling back to `version` would publish, change and break (read-only; the rollback dialog shows it before confirming). */
export async function previewRollback({ db, actor, name: manifestName, version }: { db: Db; actor: Actor | null; name: string; version: string }) {
  const { snapshot, manifest } = await manifestByName(db, manifestName);
  assertCan(actor, "manifest.publish", { tier: manifest.tier as "domain", manifestId: manifest.id });
  const old = await db.manifestVersion.findUnique({ where: { manifestId_version: { manifestId: manifest.id, version } } });
  if (!old) throw new NotFoundError(`version ${version} of '${manifestName}'`);
  const p = await preparePublication(snapshot, manifest, old.yaml);
  return { ...p.impact, version: p.version, ref: p.ref, violations: p.violations };
}
