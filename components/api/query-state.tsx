"use client";

import { AlertOctagon, Loader2 } from "lucide-react";
import type { ReactNode } from "react";
import { isApiError } from "@/lib/client/api";

/** An API error as "CODE: message", in an alert region so screen readers announce it. */
export function ErrorPanel({ error, title = "Could not load this page" }: { error: unknown; title?: string }) {
  const code = isApiError(error) ? error.code : "ERROR";
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div role="alert" className="flex items-start gap-3 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-red-900">
      <AlertOctagon aria-hidden className="mt-0.5 size-5 shrink-0" />
      <div className="flex flex-col gap-0.5">
        <p className="font-medium">{title}</p>
        <p className="text-sm">
          <span className="font-mono font-semibold">{code}</span>: {message}
        </p>
      </div>
    </div>
  );
}

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <p role="status" className="flex items-center gap-2 px-1 py-6 text-slate-500">
      <Loader2 aria-hidden className="size-4 animate-spin" /> {label}
    </p>
  );
}

/** Renders loading / error / data for one react-query result. */
export function QueryView<T>({ query, children, loadingLabel }: { query: { data?: T; error: unknown; isPending: boolean }; children: (data: T) => ReactNode; loadingLabel?: string }) {
  if (query.error) return <ErrorPanel error={query.error} />;
  if (query.isPending || query.data === undefined) return <Loading label={loadingLabel} />;
  return <>{children(query.data)}</>;
}
