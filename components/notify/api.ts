"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { toastError, useInvalidateOrg } from "@/components/api/hooks";
import { apiFetch } from "@/lib/client/api";

export type ExceptionState = "requested" | "granted" | "expiring" | "expired" | "refused" | "withdrawn";
export interface ExceptionItem {
  id: string;
  domain: string;
  policyType: string;
  reason: string;
  expires: string;
  status: string;
  state: ExceptionState;
  requestedBy: string;
  requestedById: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  grantedVersion: string | null;
  createdAt: string;
}
export interface InboxView {
  unread: number;
  badge: number;
  expiringWithinDays: number;
  expiring: { id: string; domain: string; policyType: string; expires: string; title: string; link: string }[];
  items: { id: string; kind: string; title: string; body: string; link: string | null; createdAt: string; read: boolean }[];
}
export interface Preference {
  kind: string;
  label: string;
  inApp: boolean;
  email: boolean;
}
export interface WebhooksView {
  endpoints: { id: string; url: string; secret: string; enabled: boolean; createdAt: string }[];
  deliveries: { id: string; endpointId: string; attempt: number; status: number | null; error: string | null; at: string; title: string; outcome: string; nextAttemptAt: string | null }[];
}

const notifyKeys = { exceptions: ["exceptions"] as const, inbox: ["inbox"] as const, preferences: ["inbox", "preferences"] as const, webhooks: ["webhooks"] as const };

export const useExceptions = () => useQuery({ queryKey: notifyKeys.exceptions, queryFn: () => apiFetch<{ today: string; exceptable: string[]; items: ExceptionItem[] }>("/api/exceptions") });
/** The badge polls: notifications arrive from other people's actions. */
export const useInbox = (poll = false) => useQuery({ queryKey: notifyKeys.inbox, queryFn: () => apiFetch<InboxView>("/api/notifications"), refetchInterval: poll ? 30_000 : false });
export const usePreferences = () => useQuery({ queryKey: notifyKeys.preferences, queryFn: () => apiFetch<{ preferences: Preference[] }>("/api/notifications/preferences") });
export const useWebhooks = (enabled: boolean) => useQuery({ queryKey: notifyKeys.webhooks, queryFn: () => apiFetch<WebhooksView>("/api/webhooks"), enabled, refetchInterval: enabled ? 5_000 : false });

/** Granting or ending publishes an enterprise version: everything resolved may move. */
export function useExceptionAction() {
  const qc = useQueryClient();
  const invalidate = useInvalidateOrg();
  return useMutation({
    mutationFn: (a: { id: string; action: "grant" | "end" | "withdraw" } | { id: string; action: "refuse"; reason: string }) =>
      apiFetch<{ status: string; version?: string }>(`/api/exceptions/${encodeURIComponent(a.id)}/${a.action}`, { method: "POST", body: a.action === "refuse" ? { reason: a.reason } : {} }),
    onSuccess: (r, a) => {
      toast.success(a.action === "grant" ? `Exception granted: enterprise version ${r.version} carries it` : a.action === "end" ? `Exception ended: enterprise version ${r.version}` : `Exception ${r.status}`);
      return Promise.all([qc.invalidateQueries({ queryKey: notifyKeys.exceptions }), qc.invalidateQueries({ queryKey: notifyKeys.inbox }), invalidate()]);
    },
    onError: (e) => toastError(e, "Could not update the exception"),
  });
}

export function useRequestException() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { domain: string; policyType: string; reason: string; expires: string }) => apiFetch<ExceptionItem>("/api/exceptions", { method: "POST", body }),
    onSuccess: () => {
      toast.success("Exception requested: the platform admins are notified");
      return qc.invalidateQueries({ queryKey: notifyKeys.exceptions });
    },
    onError: (e) => toastError(e, "Could not request the exception"),
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { ids?: string[]; all?: true }) => apiFetch<{ marked: number }>("/api/notifications/read", { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: notifyKeys.inbox }),
    onError: (e) => toastError(e, "Could not mark as read"),
  });
}

export function useSavePreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (preferences: { kind: string; inApp: boolean; email: boolean }[]) => apiFetch<{ preferences: Preference[] }>("/api/notifications/preferences", { method: "PUT", body: { preferences } }),
    onSuccess: (data) => {
      qc.setQueryData(notifyKeys.preferences, data);
      toast.success("Preferences saved");
    },
    onError: (e) => toastError(e, "Could not save preferences"),
  });
}

export function useWebhookActions() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: notifyKeys.webhooks });
  return {
    add: useMutation({
      mutationFn: (url: string) => apiFetch<{ id: string; url: string; secret: string }>("/api/webhooks", { method: "POST", body: { url } }),
      onSuccess: done,
      onError: (e) => toastError(e, "Could not add the webhook"),
    }),
    remove: useMutation({
      mutationFn: (id: string) => apiFetch<unknown>(`/api/webhooks/${encodeURIComponent(id)}`, { method: "DELETE" }),
      onSuccess: done,
      onError: (e) => toastError(e, "Could not remove the webhook"),
    }),
  };
}
