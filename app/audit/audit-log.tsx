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
import { personLabel, type AuditEntry } from "@/lib/client/api";

const ENTITY_TYPES = ["manifest", "product", "request", "user"];

/** Who did what, newest first, filtered by action, entity type and actor; paged by cursor. */
export function AuditLog() {
  const [action, setAction] = useState("");
  const [entityType, setEntityType] = useState("");
  const [actor, setActor] = useState("");
  const [cursors, setCursors] = useState<string[]>([]);
  const filter = { action: action || undefined, entityType: entityType || undefined, actor: actor || undefined, cursor: cursors.at(-1) };
  const page = useAudit(filter);
  const resetPaging = () => setCursors([]);
  return (
    <>
      <PageHeader title="Audit log" description="Every change: drafts, publishes, rollbacks, requests and decisions." />
      <div className="flex flex-col gap-3 px-6 py-4">
        <form role="search" aria-label="Filter the audit log" className="flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()}>
          <Field label="Action" htmlFor="audit-action">
            <Input id="audit-action" placeholder="e.g. manifest.publish" value={action} onChange={(e) => { setAction(e.target.value); resetPaging(); }} className="w-56" />
          </Field>
          <Field label="Entity type" htmlFor="audit-entity">
            <Select id="audit-entity" value={entityType} onChange={(e) => { setEntityType(e.target.value); resetPaging(); }} className="w-40">
              <option value="">Any</option>
              {ENTITY_TYPES.map((t) => <option key={t}>{t}</option>)}
            </Select>
          </Field>
          <Field label="Actor (email)" htmlFor="audit-actor">
            <Input id="audit-actor" placeholder="someone@acme.example" value={actor} onChange={(e) => { setActor(e.target.value); resetPaging(); }} className="w-56" />
          </Field>
        </form>
        <QueryView query={page}>
          {({ entries, nextCursor }) =>
            entries.length === 0 ? (
              <EmptyState icon={ScrollText} title="No audit entries match" />
            ) : (
              <>
                <Table aria-label="Audit entries">
                  <THead>
                    <tr><TH>When</TH><TH>Actor</TH><TH>Action</TH><TH>Entity</TH><TH>Summary</TH></tr>
                  </THead>
                  <TBody>
                    {entries.map((e) => <AuditRow key={e.id} entry={e} />)}
                  </TBody>
                </Table>
                <div className="flex gap-2">
                  <Button size="sm" disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>Newer</Button>
                  <Button size="sm" disabled={!nextCursor} onClick={() => nextCursor && setCursors((c) => [...c, nextCursor])}>Older</Button>
                </div>
              </>
            )
          }
        </QueryView>
      </div>
    </>
  );
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const when = entry.at ?? entry.createdAt;
  return (
    <TR>
      <TD className="whitespace-nowrap text-xs">{when ? new Date(when).toLocaleString() : "—"}</TD>
      <TD>{personLabel(entry.actor)}</TD>
      <TD><Badge tone="neutral" className="font-mono">{entry.action}</Badge></TD>
      <TD className="text-xs">{entry.entityType} <span className="font-medium">{entry.entityName ?? entry.entityId ?? ""}</span></TD>
      <TD className="text-xs text-slate-600">{entry.summary ?? ""}</TD>
    </TR>
  );
}
