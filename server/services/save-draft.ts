import { assertCan } from "../../lib/auth/permissions";
import { reviseActiveChange } from "./change-requests";
import { appendAudit } from "../audit/append";
import { auditActor, writeDraft } from "./commit-version";
import type { ServiceCall } from "./context";
import { manifestByName } from "./lookups";
import { digestOf } from "./publication";
import type { SaveDraft } from "./inputs";
import { registrationsIn, validateManifestText } from "./validate";

/** Saves a manifest draft if it is still at `baseRevision` (else 409 with the current draft). Invalid drafts may be saved. */
export async function saveDraft({ db, actor, input }: ServiceCall<SaveDraft>) {
  const { name, yaml, baseRevision } = input;
  const { snapshot, manifest } = await manifestByName(db, name);
  assertCan(actor, "manifest.edit", { tier: manifest.tier as "domain", manifestId: manifest.id });
  const revision = await db.$transaction(async (tx) => {
    const next = await writeDraft(tx, manifest.id, baseRevision, { draftYaml: yaml, draftUpdatedById: actor.userId });
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: "manifest.draft.save",
      entityType: "Manifest",
      entityId: manifest.id,
      beforeDigest: digestOf(manifest.draftYaml),
      afterDigest: digestOf(yaml),
      data: { name, revision: next },
    });
    // A change under review follows its draft and goes back to review.
    await reviseActiveChange(tx, manifest, next, yaml, actor);
    return next;
  });
  return { revision, violations: await validateManifestText(snapshot, yaml, manifest, registrationsIn(snapshot)) };
}
