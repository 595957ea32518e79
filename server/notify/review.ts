// Notifications for reviewed changes and whitelist requests (wt-review's events, described in
// /work/.coord/review-events.md): called inside recordReviewEvent, so they commit with the change.
import type { Tx } from "../services/db";
import type { NotificationKind } from "../../lib/notify/kinds";
import { notify } from "./notify";

/** The parts of a review event this reads (server/services/review-events.ts ReviewEvent). */
export interface ReviewEventLike {
  type: string;
  id: string;
  actor: { userId: string; email: string };
  reason?: string | null;
  data: Record<string, unknown>;
}

const str = (v: unknown) => (typeof v === "string" ? v : "");
const ids = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** Who hears of an event, and how it reads; null for events nobody needs to be told of. */
function messageOf(e: ReviewEventLike): { kind: NotificationKind; userIds: string[]; title: string; body: string; link: string } | null {
  const d = e.data;
  const author = str(d.authorId) || str(d.requesterId);
  const what = str(d.title) || `${str(d.manifest)} change`;
  const change = { link: `/changes/${e.id}` };
  const why = e.reason ? `: ${e.reason}` : "";
  switch (e.type) {
    case "change.submit":
    case "change.revise":
      return { kind: "requests", userIds: ids((d.approvers as { userIds?: unknown } | undefined)?.userIds), title: `Review requested: ${what}`, body: `${e.actor.email} submitted a change to ${str(d.manifest)} for your review.`, ...change };
    case "change.comment":
      return { kind: "requests", userIds: [author], title: `Comment on ${what}`, body: `${e.actor.email}${d.line ? ` on line ${String(d.line)}` : ""}: ${str(d.excerpt)}`, ...change };
    case "change.request_changes":
    case "change.approve":
    case "change.reject": {
      const verb = e.type === "change.approve" ? `approved and published ${str(d.version)}` : e.type === "change.reject" ? "rejected" : "asked for changes";
      return { kind: "decisions", userIds: [author], title: `${what}: ${verb}`, body: `${e.actor.email} ${verb}${why}`, ...change };
    }
    case "whitelist.request":
      return { kind: "requests", userIds: [], title: `Whitelist request: ${str(d.plugin)} for ${str(d.category)}`, body: `${e.actor.email} (${str(d.domain)}) asks${why}`, link: "/whitelist" };
    case "whitelist.accept":
    case "whitelist.decline":
      return { kind: "decisions", userIds: [author], title: `Whitelist request ${e.type === "whitelist.accept" ? "accepted" : "declined"}: ${str(d.plugin)}`, body: `${e.actor.email}${why}`, link: "/whitelist" };
    default:
      return null;
  }
}

export async function notifyReviewEvent(tx: Tx, e: ReviewEventLike): Promise<void> {
  const m = messageOf(e);
  if (!m) return;
  const org = await tx.organisation.findFirst({ orderBy: { slug: "asc" }, select: { id: true } });
  if (!org) return;
  // Whitelist requests go to the platform admins, who decide them.
  const userIds = e.type === "whitelist.request" ? (await tx.roleMembership.findMany({ where: { role: "platform_admin" }, select: { userId: true } })).map((r) => r.userId) : m.userIds;
  await notify(tx, { ...m, orgId: org.id, userIds: userIds.filter((id) => id && id !== e.actor.userId) });
}
