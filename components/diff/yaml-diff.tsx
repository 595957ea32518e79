"use client";

import { useMemo, useState } from "react";
import { sideBySide, withContext, type DiffCell, type DiffRow } from "@/lib/client/side-by-side";
import { cn } from "@/components/ui/cn";

const leftTone: Record<DiffRow["kind"], string> = { same: "", changed: "bg-red-50", removed: "bg-red-50", added: "bg-slate-50" };
const rightTone: Record<DiffRow["kind"], string> = { same: "", changed: "bg-emerald-50", removed: "bg-slate-50", added: "bg-emerald-50" };

function Cell({ cell, tone, marker }: { cell: DiffCell | null; tone: string; marker: string }) {
  return (
    <>
      <td className={cn("w-10 border-r border-slate-100 px-2 text-right text-slate-600 select-none", tone)}>{cell?.line ?? ""}</td>
      <td className={cn("px-2 whitespace-pre-wrap break-all", tone)}>
        {cell && marker && <span className="sr-only">{marker} </span>}
        {cell?.text ?? ""}
      </td>
    </>
  );
}

/** Side-by-side line diff of two YAML texts, with headings naming each side; unchanged runs fold away. */
export function YamlDiff({ before, after, beforeLabel, afterLabel }: { before: string; after: string; beforeLabel: string; afterLabel: string }) {
  const rows = useMemo(() => sideBySide(before, after), [before, after]);
  const [full, setFull] = useState(false);
  const shown = useMemo(() => (full ? rows : withContext(rows)), [rows, full]);
  const changes = rows.filter((r) => r.kind !== "same").length;
  return (
    <div className="flex flex-col gap-2">
      <p className="flex items-center gap-3 text-xs text-slate-500" aria-live="polite">
        {changes === 0 ? "No differences." : `${changes} changed line${changes === 1 ? "" : "s"}.`}
        <button type="button" className="text-indigo-700 hover:underline" onClick={() => setFull((f) => !f)}>
          {full ? "Show changes only" : "Show whole file"}
        </button>
      </p>
      <div className="overflow-x-auto rounded-md border border-slate-200 bg-white">
        <table className="w-full table-fixed border-collapse font-mono text-xs leading-5" aria-label={`Diff of ${beforeLabel} and ${afterLabel}`}>
          <colgroup>
            <col className="w-10" />
            <col />
            <col className="w-10" />
            <col />
          </colgroup>
          <thead className="border-b border-slate-200 bg-slate-50 font-sans text-xs font-semibold text-slate-600">
            <tr>
              <th colSpan={2} scope="col" className="px-3 py-1.5 text-left">{beforeLabel}</th>
              <th colSpan={2} scope="col" className="border-l border-slate-200 px-3 py-1.5 text-left">{afterLabel}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row, i) =>
              row.kind === "gap" ? (
                <tr key={i} data-kind="gap">
                  <td colSpan={4} className="border-y border-slate-100 bg-slate-50 px-3 py-0.5 text-center font-sans text-slate-500">⋯ {row.hidden} unchanged line{row.hidden === 1 ? "" : "s"}</td>
                </tr>
              ) : (
                <tr key={i} data-kind={row.kind}>
                  <Cell cell={row.left} tone={leftTone[row.kind]} marker={row.kind === "same" ? "" : "removed"} />
                  <Cell cell={row.right} tone={cn("border-l border-slate-200", rightTone[row.kind])} marker={row.kind === "same" ? "" : "added"} />
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
