"use client";

import { Layers } from "lucide-react";
import Link from "next/link";
import { useManifests } from "@/components/api/hooks";
import { QueryView } from "@/components/api/query-state";
import { PageHeader } from "@/components/page-header";
import { ErrorsBadge } from "@/components/policy/status-badge";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { ManifestSummary } from "@/lib/client/api";

export function DomainsList() {
  const manifests = useManifests();
  return (
    <>
      <PageHeader title="Domains" description="Domain manifests (and two-tier platform manifests) with their status in the current tree." />
      <div className="px-6 py-4">
        <QueryView query={manifests}>
          {(all) => {
            const domains = all.filter((m) => m.tier !== "enterprise");
            return domains.length === 0 ? (
              <EmptyState icon={Layers} title="No domains yet" />
            ) : (
              <Table aria-label="Domains">
                <THead>
                  <tr><TH>Domain</TH><TH>Latest version</TH><TH>Builds on</TH><TH>Status</TH><TH>Draft</TH></tr>
                </THead>
                <TBody>
                  {domains.map((m) => <DomainRow key={m.id} summary={m} />)}
                </TBody>
              </Table>
            );
          }}
        </QueryView>
      </div>
    </>
  );
}

function DomainRow({ summary }: { summary: ManifestSummary }) {
  return (
    <TR>
      <TD>
        <div className="flex flex-col">
          <Link href={`/domains/${summary.name}`} className="font-medium text-indigo-700 hover:underline">{summary.name}</Link>
          {summary.title && <span className="text-xs text-slate-500">{summary.title}</span>}
          {summary.tier === "platform" && <Link href="/migrate" className="text-xs text-indigo-700 hover:underline">2-tier platform: migrate to three tiers</Link>}
        </div>
      </TD>
      <TD className="font-mono text-xs">{summary.latestVersion ?? "unpublished"}</TD>
      <TD>
        {summary.parentName ?? "—"}
        {summary.behind && <span className="ml-1 text-xs text-amber-700">{summary.behind.buildsOn} (now {summary.behind.latest})</span>}
      </TD>
      <TD><ErrorsBadge errors={summary.errors} /></TD>
      <TD>{summary.draftChanged ? <Badge tone="pending">unpublished changes</Badge> : <span className="text-xs text-slate-500">rev {summary.draftRevision}</span>}</TD>
    </TR>
  );
}
