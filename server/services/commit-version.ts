// Writes a prepared publication inside the caller's transaction: the new immutable version,
// optionally the draft it came from (guarded by its revision), and the audit event.
import type { Actor } from "../../lib/auth/permissions";
import { appendAudit } from "../audit/append";
import { notifyBreakage } from "../notify/breakage";
import { enqueueGitCommit } from "../git/outbox";
import type { Tx } from "./db";
import { maybeFail, StaleRevisionError, type FaultPoint } from "./errors";
import type { SnapshotManifest } from "./org-evaluation";
import type { Publication } from "./publication";

export interface CommitVersion {
  manifest: SnapshotManifest;
  publication: Publication;
  actor: Actor;
  message: string;
  action: string;
  confirmedBreaking: boolean;
  /** The draft's new text, written only if the draft is still at `baseRevision`. */
  draft?: { yaml: string; baseRevision: number };
  data?: Record<string, unknown>;
  fault?: FaultPoint;
}

export const auditActor = (actor: Actor) => ({ userId: actor.userId, email: actor.email });

/** Optimistic concurrency: the write happens only if nobody saved since `baseRevision`. */
export async function writeDraft(tx: Tx, manifestId: string, baseRevision: number, data: { draftYaml: string; draftUpdatedById: string; parentVersionId?: string | null }) {
  const { count } = await tx.manifest.updateMany({
    where: { id: manifestId, draftRevision: baseRevision },
    data: { ...data, draftRevision: { increment: 1 }, draftUpdatedAt: new Date() },
  });
  if (count === 0) {
    const current = await tx.manifest.findUniqueOrThrow({ where: { id: manifestId }, select: { draftYaml: true, draftRevision: true } });
    throw new StaleRevisionError({ yaml: current.draftYaml, revision: current.draftRevision });
  }
  return baseRevision + 1;
}

export async function commitVersion(tx: Tx, c: CommitVersion) {
  const { manifest, publication: p } = c;
  if (c.draft) await writeDraft(tx, manifest.id, c.draft.baseRevision, { draftYaml: c.draft.yaml, draftUpdatedById: c.actor.userId, parentVersionId: p.parent?.id ?? null });
  // (manifestId, seq) and (manifestId, version) are unique: a concurrent publish of the same
  // manifest fails here instead of forking the history.
  const version = await tx.manifestVersion.create({
    data: {
      manifestId: manifest.id,
      version: p.version,
      seq: (manifest.latest?.seq ?? 0) + 1,
      yaml: p.yaml,
      digest: p.digest,
      ref: p.ref,
      parentVersionId: p.parent?.id ?? null,
      message: c.message,
      publishedById: c.actor.userId,
      confirmedBreaking: c.confirmedBreaking,
    },
  });
  maybeFail(c.fault, "version-insert");
  await enqueueGitCommit(tx, { versionId: version.id, actor: c.actor, message: `${c.message}\n\nMesh-Action: ${c.action}\nMesh-Ref: ${p.ref}\n` });
  await appendAudit(tx, {
    actor: auditActor(c.actor),
    action: c.action,
    entityType: "Manifest",
    entityId: manifest.id,
    beforeDigest: manifest.latest?.digest ?? null,
    afterDigest: p.digest,
    reason: c.message,
    data: { name: manifest.name, version: p.version, ref: p.ref, confirmedBreaking: c.confirmedBreaking, broken: p.impact.broken.map((e) => e.name), ...c.data },
  });
  await notifyBreakage(tx, { orgId: manifest.orgId, actor: c.actor, manifest: manifest.name, version: p.version, broken: p.impact.broken, at: version.publishedAt });
  return version;
}
