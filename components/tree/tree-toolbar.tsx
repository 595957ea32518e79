"use client";

import { Search } from "lucide-react";
import { useEffect, useRef } from "react";
import { Input } from "@/components/ui/input";
import { Kbd } from "@/components/ui/kbd";
import { Select } from "@/components/ui/select";
import type { TreeFilter } from "@/lib/tree/filter";
import { OVERLAYS, overlayLegend, type Overlay } from "@/lib/tree/overlay";

interface Props {
  filter: TreeFilter;
  overlay: Overlay;
  computes: string[];
  matchCount: number | null;
  onFilter: (f: TreeFilter) => void;
  onOverlay: (o: Overlay) => void;
}

/** Search, filters and the colour overlay with its legend. `/` focuses the search box. */
export function TreeToolbar({ filter, overlay, computes, matchCount, onFilter, onOverlay }: Props) {
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
      {matchCount !== null && (
        <span role="status" className="text-xs text-slate-600">
          {matchCount} match{matchCount === 1 ? "" : "es"}
        </span>
      )}
      <div className="ml-auto flex items-center gap-3">
        <ul aria-label="Legend" className="flex items-center gap-3 text-xs text-slate-600">
          {overlayLegend(overlay, computes).map((e) => (
            <li key={e.label} className="flex items-center gap-1">
              <span aria-hidden className="size-2.5 rounded-sm" style={{ background: e.colour }} />
              {e.label}
            </li>
          ))}
        </ul>
        <Select aria-label="Colour by" value={overlay} onChange={(e) => onOverlay(e.target.value as Overlay)} className="w-40">
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
