/**
 * The life of a change request, as one pure decision table the services apply (and property tests
 * drive): who may do what to a request in which state. The database only adds compare-and-set on
 * the status and the reviewed revision, so a concurrent action cannot slip between decision and write.
 *
 *   open ──approve──▶ approved (published: exactly the reviewed revision)
 *   open ──request changes──▶ changes_requested ──draft edited──▶ open (back to review)
 *   open | changes_requested ──reject (reason)──▶ rejected;  ──withdraw (author)──▶ withdrawn
 *   open ──draft edited──▶ open on the new revision (an approval names the revision it reviewed)
 */
import { can, type Actor, type ReviewRule } from "../auth/permissions";

export const CHANGE_STATUSES = ["open", "changes_requested", "approved", "rejected", "withdrawn"] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];
/** Statuses in which a request is still under review (at most one per manifest). */
export const ACTIVE_STATUSES: readonly ChangeStatus[] = ["open", "changes_requested"];

export interface ChangeState {
  status: ChangeStatus;
  authorId: string;
  tier: "enterprise" | "domain" | "platform";
  manifestId: string;
  rule: ReviewRule;
  /** The draft revision under review. */
  revision: number;
}

export type ChangeCommand =
  /** `revision`: what the reviewer looked at; `draftRevision`: the manifest's draft now. */
  | { kind: "approve"; revision: number; draftRevision: number }
  | { kind: "request_changes" }
  | { kind: "reject" }
  | { kind: "withdraw" }
  | { kind: "comment" };

export type RefusalCode = "UNAUTHENTICATED" | "SELF_APPROVAL" | "FORBIDDEN" | "NOT_OPEN" | "STALE_REVISION";
export type Decision = { ok: true; next: ChangeStatus } | { ok: false; status: 401 | 403 | 409; code: RefusalCode; message: string };

const refuse = (status: 401 | 403 | 409, code: RefusalCode, message: string): Decision => ({ ok: false, status, code, message });
const NEXT = { approve: "approved", request_changes: "changes_requested", reject: "rejected", withdraw: "withdrawn" } as const;

export const resourceOf = (s: Pick<ChangeState, "tier" | "manifestId" | "authorId" | "rule">) => ({ tier: s.tier, manifestId: s.manifestId, authorId: s.authorId, rule: s.rule });

/** What `actor` may do to a request in `state`; refusals carry the HTTP status and error code the API answers. */
export function decideChange(state: ChangeState, actor: Actor | null, command: ChangeCommand): Decision {
  if (!actor) return refuse(401, "UNAUTHENTICATED", "sign in first");
  const resource = resourceOf(state);
  const active = ACTIVE_STATUSES.includes(state.status);
  switch (command.kind) {
    case "comment":
      if (!can(actor, "change.read", resource)) return refuse(403, "FORBIDDEN", "not allowed to discuss this change");
      return active ? { ok: true, next: state.status } : refuse(409, "NOT_OPEN", `the change is ${state.status}`);
    case "withdraw":
      if (!can(actor, "change.withdraw", resource)) return refuse(403, "FORBIDDEN", "only the author withdraws a change");
      return active ? { ok: true, next: NEXT.withdraw } : refuse(409, "NOT_OPEN", `the change is ${state.status}`);
    case "approve":
    case "request_changes":
    case "reject": {
      if (actor.userId === state.authorId) return refuse(403, "SELF_APPROVAL", "nobody reviews their own change: another reviewer must decide");
      if (!can(actor, "change.review", resource)) return refuse(403, "FORBIDDEN", `not a reviewer of this change (rule: ${state.rule})`);
      const allowed = command.kind === "reject" ? active : state.status === "open";
      if (!allowed) return refuse(409, "NOT_OPEN", `the change is ${state.status}`);
      if (command.kind === "approve" && (command.revision !== state.revision || command.draftRevision !== state.revision))
        return refuse(409, "STALE_REVISION", `the draft changed since it was reviewed: revision is now ${Math.max(state.revision, command.draftRevision)}; review it again`);
      return { ok: true, next: NEXT[command.kind] };
    }
  }
}

/** The draft was saved again while under review: the request goes back to review on the new revision. */
export function revised(state: ChangeState, revision: number): ChangeState {
  return ACTIVE_STATUSES.includes(state.status) ? { ...state, status: "open", revision } : state;
}
