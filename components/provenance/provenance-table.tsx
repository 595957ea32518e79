"use client";

import { useMemo, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { ResolutionView } from "@/lib/client/api";
import { exceptionNote, formatValue, provenanceRows, rejectionNote } from "@/lib/client/provenance-rows";

const TIERS = ["enterprise", "domain", "platform", "product"] as const;

/** What a lower tier may do with the value, in words (the rule kinds of lib/resolve/rules.ts). */
const RULE_TEXT: Record<string, string> = {
  "enterprise-only": "enterprise only",
  "select-from-whitelist": "pick from whitelist",
  "only-strengthen": "stricter only",
  "within-bounds": "within bounds",
  subset: "may drop entries",
  additive: "may add entries",
  "domain-defined": "may override",
};

/** Every resolved value with the tier and version that set it, and whether lower tiers may change it. */
export function ProvenanceTable({ resolution, idPrefix, onlyTier }: { resolution: ResolutionView; idPrefix: string; onlyTier?: string }) {
  const [filter, setFilter] = useState("");
  const [tier, setTier] = useState(onlyTier ?? "");
  const rows = useMemo(() => provenanceRows(resolution.resolved, resolution.provenance), [resolution]);
  const shown = rows.filter((r) => (!tier || r.tier === tier) && (!filter || r.path.includes(filter) || formatValue(r.value).includes(filter)));
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-center gap-2">
        <Input id={`${idPrefix}-filter`} aria-label="Filter values" placeholder="Filter by path or value…" value={filter} onChange={(e) => setFilter(e.target.value)} className="max-w-xs" />
        <Select aria-label="Set by tier" value={tier} onChange={(e) => setTier(e.target.value)} className="w-40">
          <option value="">All tiers</option>
          {TIERS.map((t) => <option key={t} value={t}>{t}</option>)}
        </Select>
        <span className="text-xs text-slate-500">{shown.length} of {rows.length} values</span>
      </div>
      <Table aria-label="Resolved configuration">
        <THead>
          <tr>
            <TH>Path</TH>
            <TH>Value</TH>
            <TH>Set by</TH>
            <TH>Lower tiers</TH>
          </tr>
        </THead>
        <TBody>
          {shown.map((r) => (
            <TR key={r.path}>
              <TD className="font-mono text-xs">{r.path}</TD>
              <TD className="max-w-md font-mono text-xs break-all">
                {formatValue(r.value)}
                {r.rejected && <div className="mt-0.5 font-sans text-red-700">{rejectionNote(r)}</div>}
                {r.excepted && <div data-testid="exception-note" className={r.excepted.state === "active" ? "mt-0.5 font-sans text-amber-700" : "mt-0.5 font-sans text-slate-500"}>{exceptionNote(r)}</div>}
              </TD>
              <TD className="whitespace-nowrap">
                <span title={r.ref ?? undefined}>
                  from {r.tier}
                  {r.version ? ` ${r.version}` : ""}
                </span>
              </TD>
              <TD>{r.locked ? <Badge tone="locked">locked</Badge> : <Badge tone="neutral" title={`rule: ${r.rule}`}>{RULE_TEXT[r.rule] ?? r.rule}</Badge>}</TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
