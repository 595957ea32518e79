"use client";

import { Search, X } from "lucide-react";
import { useEffect, useRef } from "react";
import { Input } from "@/components/ui/input";
import { Kbd } from "@/components/ui/kbd";
import { Select } from "@/components/ui/select";
import type { TreeFilter } from "@/lib/tree/filter";
import { impactLegend, type ImpactMark } from "@/lib/tree/impact";
import { OVERLAYS, overlayLegend, type Overlay } from "@/lib/tree/overlay";

interface Props {
  filter: TreeFilter;
  overlay: Overlay;
  computes: string[];
  matchCount: number | null;
  onFilter: (f: TreeFilter) => void;
  onOverlay: (o: Overlay) => void;
  impact: ImpactState;
  onImpact: (manifest: string | null) => void;
}

interface ImpactState {
  /** The manifest whose draft is previewed, if any. */
  name: string | null;
  /** Manifests whose draft differs from their published version: the ones worth previewing. */
  drafts: string[];
  marks: ReadonlyMap<string, ImpactMark> | null;
  pending: boolean;
  error: Error | null;
}

function countMarks(marks: ReadonlyMap<string, ImpactMark>) {
  const n = { broken: 0, changed: 0, fixed: 0 };
  for (const [id, m] of marks) if (id.startsWith("p:")) n[m]++;
  return n;
}

/** Chooses a draft to preview, says what it does, and closes the preview. */
function ImpactControl({ impact, onImpact }: { impact: ImpactState; onImpact: Props["onImpact"] }) {
  const options = impact.name && !impact.drafts.includes(impact.name) ? [impact.name, ...impact.drafts] : impact.drafts;
  if (!impact.name && options.length === 0) return null;
  const counts = impact.marks && countMarks(impact.marks);
  return (
    <div className="flex items-center gap-2">
      <Select aria-label="Impact of draft" value={impact.name ?? ""} onChange={(e) => onImpact(e.target.value || null)} className="w-48">
        <option value="">No impact preview</option>
        {options.map((name) => (
          <option key={name} value={name}>
            Impact of {name} draft
          </option>
        ))}
      </Select>
      {impact.name && (
        <>
          <span role="status" aria-label="Impact summary" className="text-xs text-slate-600">
            {impact.error ? (
              <span className="text-red-700">impact unavailable: {impact.error.message}</span>
            ) : impact.pending || !counts ? (
              "evaluating…"
            ) : (
              `${counts.broken} products broken · ${counts.changed} changed · ${counts.fixed} fixed`
            )}
          </span>
          <button type="button" aria-label="Close the impact preview" className="rounded p-0.5 text-slate-500 hover:bg-slate-100" onClick={() => onImpact(null)}>
            <X aria-hidden className="size-4" />
          </button>
        </>
      )}
    </div>
  );
}

/** Search, filters and the colour overlay with its legend. `/` focuses the search box. */
export function TreeToolbar({ filter, overlay, computes, matchCount, onFilter, onOverlay, impact, onImpact }: Props) {
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (e.key !== "/" || target.closest("input, textarea, select, [contenteditable=true]")) return;
      e.preventDefault();
      search.current?.focus();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 bg-white px-4 py-2">
      <div className="relative">
        <Search aria-hidden className="pointer-events-none absolute top-2 left-2 size-4 text-slate-400" />
        <Input
          ref={search}
          type="search"
          aria-label="Search the tree"
          placeholder="Search domains and products"
          value={filter.q ?? ""}
          onChange={(e) => onFilter({ ...filter, q: e.target.value || undefined })}
          onKeyDown={(e) => e.key === "Escape" && onFilter({ ...filter, q: undefined })}
          className="w-64 pr-8 pl-7"
        />
        <Kbd className="absolute top-1.5 right-2">/</Kbd>
      </div>
      <Select aria-label="Filter by compute" value={filter.compute ?? ""} onChange={(e) => onFilter({ ...filter, compute: e.target.value || undefined })} className="w-40">
        <option value="">Any compute</option>
        {computes.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </Select>
      <Select aria-label="Filter by status" value={filter.status ?? ""} onChange={(e) => onFilter({ ...filter, status: (e.target.value || undefined) as TreeFilter["status"] })} className="w-40">
        <option value="">Any status</option>
        <option value="valid">Valid</option>
        <option value="violations">Violations</option>
        <option value="pending">Pending approval</option>
      </Select>
      {/* Always mounted, so screen readers announce each new count (a live region added with its text is often missed). */}
      <span role="status" aria-live="polite" aria-atomic="true" aria-label="Search results" className="text-xs text-slate-600">
        {matchCount === null ? "" : `${matchCount} match${matchCount === 1 ? "" : "es"}`}
      </span>
      <div className="ml-auto flex flex-wrap items-center gap-3">
        <ImpactControl impact={impact} onImpact={onImpact} />
        <ul aria-label="Legend" className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600">
          {(impact.name ? impactLegend(impact.name) : overlayLegend(overlay, computes)).map((e) => (
            <li key={e.label} className="flex items-center gap-1">
              <span aria-hidden className="size-2.5 rounded-sm" style={{ background: e.colour }} />
              {e.label}
            </li>
          ))}
        </ul>
        <Select aria-label="Colour by" value={overlay} disabled={Boolean(impact.name)} onChange={(e) => onOverlay(e.target.value as Overlay)} className="w-40">
          {OVERLAYS.map((o) => (
            <option key={o} value={o}>
              Colour: {o}
            </option>
          ))}
        </Select>
      </div>
    </div>
  );
}
