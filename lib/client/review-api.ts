import type { ReviewImpact } from "../review/review-impact";
import type { Violation } from "../violations";
import { apiFetch, query } from "./api";

/** Typed helpers for reviewed changes and whitelist requests (server/services/change-requests.ts, whitelist-requests.ts). */

export type ChangeStatus = "open" | "changes_requested" | "approved" | "rejected" | "withdrawn";
export interface ChangeSummary {
  id: string;
  title: string;
  status: ChangeStatus;
  manifest: string;
  tier: string;
  author: string;
  createdAt: string;
  updatedAt: string;
  broken: number;
  youMayReview: boolean;
}
export interface ChangeDetail {
  id: string;
  status: ChangeStatus;
  title: string;
  description: string;
  manifest: { name: string; tier: string; draftRevision: number };
  revision: number;
  rule: string;
  author: { id: string; email: string; name: string };
  decidedBy: { email: string; name: string } | null;
  decidedAt: string | null;
  reason: string | null;
  createdAt: string;
  published: { version: string; ref: string } | null;
  base: { version: string; yaml: string } | null;
  yaml: string;
  impactAtSubmission: ReviewImpact;
  impactNow: ReviewImpact | { violations: Violation[] } | null;
  reviewers: string[];
  comments: { id: string; author: string; body: string; line: number | null; revision: number; createdAt: string }[];
  you: { approve: boolean; review: boolean; withdraw: boolean; comment: boolean; isAuthor: boolean };
}
export interface WhitelistRequestItem {
  id: string;
  domain: string;
  category: string;
  plugin: string;
  reason: string;
  status: "pending" | "accepted" | "declined";
  requestedBy: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  createdAt: string;
  change: { id: string; status: ChangeStatus | "unknown" } | null;
}
export type ReviewRules = { enterprise: string; domain: string };

const enc = encodeURIComponent;
const post = <T>(path: string, body: unknown = {}) => apiFetch<T>(path, { method: "POST", body });

export const reviewApi = {
  changes: (filter: { status?: "active" | "closed" | "all"; manifest?: string } = {}) => apiFetch<{ items: ChangeSummary[] }>(`/api/changes${query(filter)}`),
  change: (id: string) => apiFetch<ChangeDetail>(`/api/changes/${enc(id)}`),
  submit: (body: { name: string; baseRevision: number; title: string; description: string }) => post<{ id: string; revision: number }>("/api/changes", body),
  approve: (id: string, revision: number, confirmBreaking?: boolean) => post<{ version: string; ref: string }>(`/api/changes/${enc(id)}/approve`, { revision, confirmBreaking }),
  requestChanges: (id: string, reason: string) => post(`/api/changes/${enc(id)}/request-changes`, { reason }),
  reject: (id: string, reason: string) => post(`/api/changes/${enc(id)}/reject`, { reason }),
  withdraw: (id: string) => post(`/api/changes/${enc(id)}/withdraw`),
  comment: (id: string, body: string, line: number | null) => post(`/api/changes/${enc(id)}/comments`, { body, line }),
  rules: () => apiFetch<ReviewRules>("/api/review-rules"),
  setRule: (tier: "enterprise" | "domain", rule: string) => apiFetch<ReviewRules>("/api/review-rules", { method: "PUT", body: { tier, rule } }),
  whitelistRequests: () => apiFetch<{ items: WhitelistRequestItem[]; youDecide: boolean }>("/api/whitelist-requests"),
  askWhitelist: (body: { domain: string; category: string; plugin: string; reason: string }) => post<{ id: string }>("/api/whitelist-requests", body),
  acceptWhitelist: (id: string) => post<{ changeId: string }>(`/api/whitelist-requests/${enc(id)}/accept`),
  declineWhitelist: (id: string, reason: string) => post(`/api/whitelist-requests/${enc(id)}/decline`, { reason }),
};

export const STATUS_LABEL: Record<ChangeStatus | "unknown", string> = {
  open: "In review",
  changes_requested: "Changes requested",
  approved: "Approved and published",
  rejected: "Rejected",
  withdrawn: "Withdrawn",
  unknown: "Unknown",
};
