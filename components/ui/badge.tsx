import { Lock } from "lucide-react";
import type { ComponentProps } from "react";
import { cn } from "./cn";

const tones = {
  valid: "border-emerald-200 bg-emerald-50 text-emerald-800",
  broken: "border-red-200 bg-red-50 text-red-800",
  pending: "border-amber-200 bg-amber-50 text-amber-800",
  neutral: "border-slate-200 bg-slate-50 text-slate-700",
  locked: "border-slate-300 bg-slate-100 text-slate-700",
} as const;

export type BadgeTone = keyof typeof tones;

/** Status pill. `locked` adds a lock icon (a value fixed by a higher tier). */
export function Badge({ tone = "neutral", className, children, ...props }: ComponentProps<"span"> & { tone?: BadgeTone }) {
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs leading-4 font-medium whitespace-nowrap",
        tones[tone],
        className,
      )}
      {...props}
    >
      {tone === "locked" && <Lock aria-hidden className="size-3" />}
      {children}
    </span>
  );
}
