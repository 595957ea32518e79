import { FlaskConical } from "lucide-react";

/** Shown on every page of a demo (MESH_DEMO=1): the accounts' password is published in the README. */
export function DemoBanner({ compact = false }: { compact?: boolean }) {
  return (
    <p
      role="note"
      aria-label="Demo"
      className={
        compact
          ? "flex items-center gap-1.5 rounded-full bg-amber-100 px-2.5 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-amber-300"
          : "flex items-center gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
      }
    >
      <FlaskConical aria-hidden className="size-4 shrink-0" />
      <span>
        <strong className="font-semibold">Demo</strong>
        {compact ? " · sample data, published passwords" : ": sample organisation and demo accounts with a published password. Not for real use."}
      </span>
    </p>
  );
}
