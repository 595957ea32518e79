import type { ReactNode } from "react";
import { cn } from "./cn";
import { Label } from "./label";

/**
 * Label + control + hint/error. The control must carry `id={htmlFor}`; pass
 * `aria-describedby={`${htmlFor}-hint`}` on it to have the hint/error read out.
 */
export function Field({ label, htmlFor, hint, error, className, children }: {
  label: ReactNode;
  htmlFor: string;
  hint?: ReactNode;
  error?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={cn("flex flex-col gap-1", className)}>
      <Label htmlFor={htmlFor}>{label}</Label>
      {children}
      {(error ?? hint) && (
        <p id={`${htmlFor}-hint`} className={cn("text-xs", error ? "text-red-700" : "text-slate-500")}>
          {error ?? hint}
        </p>
      )}
    </div>
  );
}
