"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { ChevronDown, ChevronRight } from "lucide-react";
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { cn } from "@/components/ui/cn";
import type { FocusRequest } from "./focus";
import type { OutlineRow } from "@/lib/tree/flatten";

const ROW = 28;
const STATUS_DOT = { valid: "bg-emerald-500", violations: "bg-red-500", pending: "bg-amber-500" } as const;

interface Props {
  rows: OutlineRow[];
  selected: string | null;
  onSelect: (id: string) => void;
  onToggle: (domainId: string) => void;
  /** A selection made elsewhere (canvas, URL): the outline scrolls to it once it is listed. */
  focusRequest: FocusRequest;
}

/**
 * The whole tree as a virtualised list (only the rows in view are mounted, so 25,000 rows cost
 * what 40 do). Keyboard: ↑/↓ move, →/← open/close or go to the parent, Enter selects.
 */
export function TreeOutline({ rows, selected, onSelect, onToggle, focusRequest }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 12 });
  // The keyboard cursor is a node, not a row number: rows come and go as searches and domains change.
  const [active, setActive] = useState<string | null>(selected);
  const indexOf = useMemo(() => new Map(rows.map((r, i) => [r.node.id, i])), [rows]);
  const at = (id: string | null) => (id === null ? undefined : indexOf.get(id));
  const activeIndex = Math.max(0, Math.min(rows.length - 1, at(active) ?? at(selected) ?? 0));

  const lastFocus = useRef(0);
  useEffect(() => {
    if (!focusRequest.id || focusRequest.seq === lastFocus.current) return;
    const i = indexOf.get(focusRequest.id);
    if (i === undefined) return;
    lastFocus.current = focusRequest.seq;
    setActive(focusRequest.id);
    virtual.scrollToIndex(i, { align: "auto" });
  }, [focusRequest, indexOf, virtual]);

  // When the rows change under it (a search typed or cleared), cursor and scroll return to the selection.
  const lastRows = useRef(rows);
  useEffect(() => {
    if (lastRows.current === rows) return;
    lastRows.current = rows;
    const i = selected !== null ? indexOf.get(selected) : undefined;
    if (i === undefined) return;
    setActive(selected);
    virtual.scrollToIndex(i, { align: "auto" });
  }, [rows, indexOf, selected, virtual]);

  const move = (i: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, i));
    if (!rows[next]) return;
    setActive(rows[next].node.id);
    virtual.scrollToIndex(next, { align: "auto" });
  };

  function onKeyDown(e: KeyboardEvent) {
    const row = rows[activeIndex];
    if (!row) return;
    if (e.key === "ArrowDown") move(activeIndex + 1);
    else if (e.key === "ArrowUp") move(activeIndex - 1);
    else if (e.key === "Home") move(0);
    else if (e.key === "End") move(rows.length - 1);
    else if (e.key === "Enter" || e.key === " ") onSelect(row.node.id);
    else if (e.key === "ArrowRight" && row.depth === 1 && !row.expanded && row.node.children.length) onToggle(row.node.id);
    else if (e.key === "ArrowLeft" && row.depth === 1 && row.expanded) onToggle(row.node.id);
    else if (e.key === "ArrowLeft" && row.node.parent) move(indexOf.get(row.node.parent) ?? activeIndex);
    else return;
    e.preventDefault();
  }

  const rowId = (i: number) => `outline-row-${i}`;
  return (
    <div
      ref={scroller}
      role="tree"
      aria-label="Organisation outline"
      tabIndex={0}
      aria-activedescendant={rows.length ? rowId(activeIndex) : undefined}
      onKeyDown={onKeyDown}
      className="h-full overflow-auto outline-none focus-visible:ring-2 focus-visible:ring-indigo-400 focus-visible:ring-inset"
    >
      <div style={{ height: virtual.getTotalSize(), position: "relative" }}>
        {virtual.getVirtualItems().map((item) => {
          const row = rows[item.index];
          const { node } = row;
          const isSelected = node.id === selected;
          const Chevron = row.expanded ? ChevronDown : ChevronRight;
          return (
            <div
              key={node.id}
              id={rowId(item.index)}
              role="treeitem"
              aria-level={row.depth + 1}
              aria-posinset={row.position}
              aria-setsize={row.siblings}
              aria-selected={isSelected}
              aria-expanded={row.depth === 1 && node.children.length ? row.expanded : undefined}
              data-node-id={node.id}
              onClick={() => {
                setActive(node.id);
                onSelect(node.id);
              }}
              className={cn(
                "absolute inset-x-0 flex cursor-pointer items-center gap-1.5 pr-2 text-sm select-none",
                isSelected ? "bg-indigo-100 text-indigo-950" : "hover:bg-slate-100",
                item.index === activeIndex && "outline outline-1 -outline-offset-1 outline-indigo-300",
                !row.match && "text-slate-400",
              )}
              style={{ top: item.start, height: ROW, paddingLeft: 6 + row.depth * 16 }}
            >
              {row.depth === 1 && node.children.length > 0 ? (
                <button
                  type="button"
                  tabIndex={-1}
                  aria-label={row.expanded ? `Collapse ${node.name}` : `Expand ${node.name}`}
                  className="rounded p-0.5 text-slate-500 hover:bg-slate-200"
                  onClick={(e) => {
                    e.stopPropagation();
                    onToggle(node.id);
                  }}
                >
                  <Chevron aria-hidden className="size-3.5" />
                </button>
              ) : (
                <span className="w-[18px]" />
              )}
              <span aria-hidden className={cn("size-2 shrink-0 rounded-full", STATUS_DOT[node.status])} />
              <span className={cn("min-w-0 flex-1 truncate", row.depth < 2 && "font-medium")}>{node.name}</span>
              {node.rollup ? (
                <span className="shrink-0 text-xs text-slate-600 tabular-nums">
                  {node.rollup.products}
                  {node.rollup.broken > 0 && <span className="text-red-700"> · {node.rollup.broken}✕</span>}
                </span>
              ) : (
                node.violationCount > 0 && <span className="shrink-0 text-xs text-red-700 tabular-nums">{node.violationCount}</span>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
