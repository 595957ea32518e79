"use client";

import { AlertTriangle, CheckCircle2, XCircle } from "lucide-react";
import type { Violation } from "@/lib/violations";
import { cn } from "@/components/ui/cn";

/** Problems as `line:col CODE message`; each row jumps to its place when `onSelect` is given. */
export function ViolationList({ violations, onSelect, emptyText = "No problems found.", showFile = false, label = "Problems" }: {
  violations: readonly Violation[];
  onSelect?: (v: Violation) => void;
  emptyText?: string;
  showFile?: boolean;
  label?: string;
}) {
  if (violations.length === 0)
    return (
      <p className="flex items-center gap-1.5 text-sm text-emerald-700">
        <CheckCircle2 aria-hidden className="size-4" /> {emptyText}
      </p>
    );
  return (
    <ul aria-label={label} className="flex flex-col divide-y divide-slate-100 rounded-md border border-slate-200 bg-white">
      {violations.map((v, i) => {
        const Icon = v.severity === "error" ? XCircle : AlertTriangle;
        const where = `${showFile ? `${v.file}:` : "line "}${v.line}:${v.column}`;
        const content = (
          <>
            <Icon aria-hidden className={cn("mt-0.5 size-4 shrink-0", v.severity === "error" ? "text-red-600" : "text-amber-600")} />
            <span className="shrink-0 font-mono text-xs text-slate-500">{where}</span>
            <span className="shrink-0 font-mono text-xs font-semibold text-slate-700">{v.code}</span>
            <span className="min-w-0 text-slate-800">{v.message}</span>
          </>
        );
        return (
          <li key={`${v.code}-${v.line}-${v.column}-${i}`} className="text-sm">
            {onSelect ? (
              <button type="button" onClick={() => onSelect(v)} className="flex w-full items-start gap-2 px-3 py-1.5 text-left hover:bg-slate-50">
                {content}
              </button>
            ) : (
              <div className="flex items-start gap-2 px-3 py-1.5">{content}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
