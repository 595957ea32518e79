// The one place a change request or whitelist request records what happened: the audit event, in
// the transaction of the change itself. Notifications hook here (see /work/.coord/review-events.md
// and README "Reviewed changes"): anything written inside commits or rolls back with the change.
import type { Actor } from "../../lib/auth/permissions";
import { appendAudit } from "../audit/append";
import { notifyReviewEvent } from "../notify/review";
import { auditActor } from "./commit-version";
import type { Tx } from "./db";

export type ReviewEventType =
  | "change.submit"
  | "change.revise"
  | "change.comment"
  | "change.request_changes"
  | "change.approve"
  | "change.reject"
  | "change.withdraw"
  | "whitelist.request"
  | "whitelist.accept"
  | "whitelist.decline";

export interface ReviewEvent {
  type: ReviewEventType;
  /** The ChangeRequest or WhitelistRequest id. */
  id: string;
  actor: Actor;
  reason?: string | null;
  beforeDigest?: string | null;
  afterDigest?: string | null;
  data: Record<string, unknown>;
}

export async function recordReviewEvent(tx: Tx, e: ReviewEvent): Promise<void> {
  await appendAudit(tx, {
    actor: auditActor(e.actor),
    action: e.type,
    entityType: e.type.startsWith("whitelist.") ? "WhitelistRequest" : "ChangeRequest",
    entityId: e.id,
    reason: e.reason ?? null,
    beforeDigest: e.beforeDigest ?? null,
    afterDigest: e.afterDigest ?? null,
    data: { ...e.data, actorId: e.actor.userId, actorEmail: e.actor.email },
  });
  await notifyReviewEvent(tx, e);
}
