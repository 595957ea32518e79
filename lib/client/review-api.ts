import type { z } from "zod";
import type * as R from "../contract/review-responses";
import type { ChangeStatus } from "../review/workflow";
import { apiFetch, query } from "./api";

/**
 * Typed helpers for reviewed changes and whitelist requests (server/services/change-requests.ts,
 * whitelist-requests.ts). The types are inferred from the response schemas the server checks its
 * answers against (lib/contract/review-responses.ts): one contract.
 */

type Out<S extends z.ZodType> = z.output<S>;
export type ChangeDetail = Out<typeof R.ChangeDetail>;
export type WhitelistRequestItem = Out<typeof R.WhitelistRequestItem>;
type ReviewRules = Out<typeof R.ReviewRules>;

const enc = encodeURIComponent;
const post = <T>(path: string, body: unknown = {}) => apiFetch<T>(path, { method: "POST", body });

export const reviewApi = {
  changes: (filter: { status?: "active" | "closed" | "all"; manifest?: string } = {}) => apiFetch<Out<typeof R.ChangeList>>(`/api/changes${query(filter)}`),
  change: (id: string) => apiFetch<ChangeDetail>(`/api/changes/${enc(id)}`),
  submit: (body: { name: string; baseRevision: number; title: string; description: string }) => post<Out<typeof R.ChangeSubmitted>>("/api/changes", body),
  approve: (id: string, revision: number, confirmBreaking?: boolean) => post<Out<typeof R.ChangeApproved>>(`/api/changes/${enc(id)}/approve`, { revision, confirmBreaking }),
  requestChanges: (id: string, reason: string) => post<Out<typeof R.ChangeDecided>>(`/api/changes/${enc(id)}/request-changes`, { reason }),
  reject: (id: string, reason: string) => post<Out<typeof R.ChangeDecided>>(`/api/changes/${enc(id)}/reject`, { reason }),
  withdraw: (id: string) => post<Out<typeof R.ChangeDecided>>(`/api/changes/${enc(id)}/withdraw`),
  comment: (id: string, body: string, line: number | null) => post<Out<typeof R.ChangeCommented>>(`/api/changes/${enc(id)}/comments`, { body, line }),
  discardDraft: (name: string, baseRevision: number) => post<Out<typeof R.DraftDiscarded>>(`/api/manifests/${enc(name)}/draft/discard`, { baseRevision }),
  rules: () => apiFetch<ReviewRules>("/api/review-rules"),
  setRule: (tier: "enterprise" | "domain", rule: string) => apiFetch<ReviewRules>("/api/review-rules", { method: "PUT", body: { tier, rule } }),
  whitelistRequests: () => apiFetch<Out<typeof R.WhitelistRequestList>>("/api/whitelist-requests"),
  askWhitelist: (body: { domain: string; category: string; plugin: string; reason: string }) => post<Out<typeof R.WhitelistRequested>>("/api/whitelist-requests", body),
  acceptWhitelist: (id: string) => post<Out<typeof R.WhitelistAccepted>>(`/api/whitelist-requests/${enc(id)}/accept`),
  declineWhitelist: (id: string, reason: string) => post<Out<typeof R.WhitelistDeclined>>(`/api/whitelist-requests/${enc(id)}/decline`, { reason }),
};

export const STATUS_LABEL: Record<ChangeStatus | "unknown", string> = {
  open: "In review",
  changes_requested: "Changes requested",
  approved: "Approved and published",
  rejected: "Rejected",
  withdrawn: "Withdrawn",
  unknown: "Unknown",
};
