"use client";

import { ScrollText } from "lucide-react";
import { useState } from "react";
import { useAudit } from "@/components/api/hooks";
import { QueryView } from "@/components/api/query-state";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { AuditEntry } from "@/lib/client/api";

const ACTIONS = ["manifest.draft.save", "manifest.publish", "manifest.rollback", "request.submit", "request.resubmit", "request.approve", "request.reject", "request.withdraw", "product.edit", "product.remove", "org.import"];
const ENTITY_TYPES = ["Manifest", "Product", "RegistrationRequest", "Organisation"];

export interface AuditFilter {
  action?: string;
  entityType?: string;
  actor?: string;
}

/** Who did what, newest first, filtered by action, entity type and actor; paged by cursor. */
export function AuditLog({ initial }: { initial: AuditFilter }) {
  const [filter, setFilter] = useState<AuditFilter>(initial);
  const [cursors, setCursors] = useState<number[]>([]);
  const page = useAudit({ ...filter, cursor: cursors.at(-1) });
  const update = (patch: AuditFilter) => {
    setFilter((f) => ({ ...f, ...patch }));
    setCursors([]);
  };
  return (
    <>
      <PageHeader title="Audit log" description="Every change: drafts, publishes, rollbacks, requests and decisions. Append-only and hash-chained." />
      <div className="flex flex-col gap-3 px-6 py-4">
        <form role="search" aria-label="Filter the audit log" className="flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()}>
          <Field label="Action" htmlFor="audit-action">
            <Select id="audit-action" value={filter.action ?? ""} onChange={(e) => update({ action: e.target.value || undefined })} className="w-52">
              <option value="">Any action</option>
              {ACTIONS.map((a) => <option key={a}>{a}</option>)}
            </Select>
          </Field>
          <Field label="Entity type" htmlFor="audit-entity">
            <Select id="audit-entity" value={filter.entityType ?? ""} onChange={(e) => update({ entityType: e.target.value || undefined })} className="w-52">
              <option value="">Any entity</option>
              {ENTITY_TYPES.map((t) => <option key={t}>{t}</option>)}
            </Select>
          </Field>
          <Field label="Actor (email)" htmlFor="audit-actor">
            <Input id="audit-actor" type="email" placeholder="someone@acme.example" value={filter.actor ?? ""} onChange={(e) => update({ actor: e.target.value || undefined })} className="w-64" />
          </Field>
        </form>
        <QueryView query={page}>
          {({ events, nextCursor }) =>
            events.length === 0 ? (
              <EmptyState icon={ScrollText} title="No audit entries match" />
            ) : (
              <>
                <Table aria-label="Audit entries">
                  <THead>
                    <tr><TH>When</TH><TH>Actor</TH><TH>Action</TH><TH>Entity</TH><TH>Details</TH></tr>
                  </THead>
                  <TBody>{events.map((e) => <AuditRow key={e.seq} entry={e} />)}</TBody>
                </Table>
                <div className="flex gap-2">
                  <Button size="sm" disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>Newer</Button>
                  <Button size="sm" disabled={nextCursor === null} onClick={() => nextCursor !== null && setCursors((c) => [...c, nextCursor])}>Older</Button>
                </div>
              </>
            )
          }
        </QueryView>
      </div>
    </>
  );
}

/** `name 1.1.0 · message` from the event's data, whatever keys it carries. */
function summary(data: unknown): string {
  if (!data || typeof data !== "object") return "";
  return Object.entries(data)
    .filter(([, v]) => v !== null && typeof v !== "object")
    .map(([k, v]) => `${k}: ${v}`)
    .join(" · ");
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  return (
    <TR>
      <TD className="text-xs whitespace-nowrap">{new Date(entry.at).toLocaleString()}</TD>
      <TD className="text-xs">{entry.actorEmail}</TD>
      <TD><Badge tone="neutral" className="font-mono">{entry.action}</Badge></TD>
      <TD className="text-xs">{entry.entityType}</TD>
      <TD className="max-w-xl text-xs text-slate-600">
        {summary(entry.data)}
        {entry.reason && <span className="block text-slate-800">“{entry.reason}”</span>}
      </TD>
    </TR>
  );
}
