"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { toastError, useInvalidateOrg } from "@/components/api/hooks";
import type { z } from "zod";
import { apiFetch } from "@/lib/client/api";
import type * as N from "@/lib/contract/notify-responses";

type Out<S extends z.ZodType> = z.output<S>;
/** Types inferred from the response schemas the server checks its answers against (lib/contract/notify-responses.ts). */
export type ExceptionItem = Out<typeof N.ExceptionItem>;
export type Preference = Out<typeof N.Preferences>["preferences"][number];
type ExceptionAnswer = Out<typeof N.ExceptionGranted | typeof N.ExceptionEnded | typeof N.ExceptionRefused | typeof N.ExceptionWithdrawn>;

const notifyKeys = { exceptions: ["exceptions"] as const, inbox: ["inbox"] as const, preferences: ["inbox", "preferences"] as const, webhooks: ["webhooks"] as const };

export const useExceptions = () => useQuery({ queryKey: notifyKeys.exceptions, queryFn: () => apiFetch<Out<typeof N.ExceptionList>>("/api/exceptions") });
/** The badge polls: notifications arrive from other people's actions. */
export const useInbox = (poll = false) => useQuery({ queryKey: notifyKeys.inbox, queryFn: () => apiFetch<Out<typeof N.Inbox>>("/api/notifications"), refetchInterval: poll ? 30_000 : false });
export const usePreferences = () => useQuery({ queryKey: notifyKeys.preferences, queryFn: () => apiFetch<Out<typeof N.Preferences>>("/api/notifications/preferences") });
export const useWebhooks = (enabled: boolean) => useQuery({ queryKey: notifyKeys.webhooks, queryFn: () => apiFetch<Out<typeof N.Webhooks>>("/api/webhooks"), enabled, refetchInterval: enabled ? 5_000 : false });

/** Granting or ending publishes an enterprise version: everything resolved may move. */
export function useExceptionAction() {
  const qc = useQueryClient();
  const invalidate = useInvalidateOrg();
  return useMutation({
    mutationFn: (a: { id: string; action: "grant" | "end" | "withdraw" } | { id: string; action: "refuse"; reason: string }) =>
      apiFetch<ExceptionAnswer>(`/api/exceptions/${encodeURIComponent(a.id)}/${a.action}`, { method: "POST", body: a.action === "refuse" ? { reason: a.reason } : {} }),
    onSuccess: (r) => {
      toast.success(r.status === "granted" ? `Exception granted: enterprise version ${r.version} carries it` : r.status === "expired" ? `Exception ended: enterprise version ${r.version}` : `Exception ${r.status}`);
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
    mutationFn: (body: { ids?: string[]; all?: true }) => apiFetch<Out<typeof N.MarkedRead>>("/api/notifications/read", { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: notifyKeys.inbox }),
    onError: (e) => toastError(e, "Could not mark as read"),
  });
}

export function useSavePreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (preferences: { kind: string; inApp: boolean; email: boolean }[]) => apiFetch<Out<typeof N.Preferences>>("/api/notifications/preferences", { method: "PUT", body: { preferences } }),
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
      mutationFn: (url: string) => apiFetch<Out<typeof N.WebhookAdded>>("/api/webhooks", { method: "POST", body: { url } }),
      onSuccess: done,
      onError: (e) => toastError(e, "Could not add the webhook"),
    }),
    remove: useMutation({
      mutationFn: (id: string) => apiFetch<Out<typeof N.WebhookRemoved>>(`/api/webhooks/${encodeURIComponent(id)}`, { method: "DELETE" }),
      onSuccess: done,
      onError: (e) => toastError(e, "Could not remove the webhook"),
    }),
  };
}
