"use client";

import { AlertTriangle, Package } from "lucide-react";
import Link from "next/link";
import { useManifest, useProducts, useRequests } from "@/components/api/hooks";
import { Loading, QueryView } from "@/components/api/query-state";
import { ApprovalQueue } from "@/components/approvals/approval-queue";
import { latestVersion, ManifestWorkbench } from "@/components/editor/manifest-workbench";
import { ViolationList } from "@/components/editor/violation-list";
import { PageHeader } from "@/components/page-header";
import { DomainForm } from "@/components/policy/domain-form";
import { useEnterpriseLimits } from "@/components/policy/enterprise-limits";
import { ValidityBadge } from "@/components/policy/status-badge";
import { ProductStatusBadge } from "@/components/product/product-status";
import { RemoveProductButton } from "@/components/product/remove-product";
import { ProvenanceTable } from "@/components/provenance/provenance-table";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import type { ManifestDetail } from "@/lib/client/api";

export function DomainView({ name }: { name: string }) {
  const detail = useManifest(name);
  return (
    <QueryView query={detail}>
      {(d) => <Domain detail={d} />}
    </QueryView>
  );
}

function Domain({ detail }: { detail: ManifestDetail }) {
  const name = detail.manifest.name;
  const limits = useEnterpriseLimits(detail.manifest.parentName, detail.resolution);
  const pending = useRequests({ domain: name, status: "pending" });
  const products = useProducts({ domain: name });
  const latest = latestVersion(detail);
  const violations = detail.resolution?.violations ?? null;

  return (
    <>
      <PageHeader
        title={
          <span className="flex items-center gap-2">
            {name} <Badge tone="neutral">{detail.manifest.tier}</Badge> <ValidityBadge violations={violations} unknown={!detail.resolution} />
          </span>
        }
        description={latest ? `Latest version ${latest.version} · ${latest.ref}` : "Not published yet"}
      />
      <div className="flex flex-col gap-4 px-6 py-4">
        {detail.behind && (
          <p role="note" className="flex items-center gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            <AlertTriangle aria-hidden className="size-4" />
            Builds on enterprise {detail.behind.buildsOn} (latest {detail.behind.latest}). Publishing rebases it on {detail.behind.latest}.
          </p>
        )}
        {violations && violations.some((v) => v.severity === "error") && (
          <Card role="alert" aria-label="Published version problems" className="border-red-200">
            <CardHeader>
              <CardTitle className="text-red-800">The published version is invalid in the current tree</CardTitle>
            </CardHeader>
            <CardContent>
              <ViolationList violations={violations} showFile label="Published version problems" />
            </CardContent>
          </Card>
        )}
        <Tabs defaultValue="configuration">
          <TabsList aria-label="Domain sections">
            <TabsTrigger value="configuration">Configuration</TabsTrigger>
            <TabsTrigger value="approvals">Approval queue{pending.data ? ` (${pending.data.length})` : ""}</TabsTrigger>
            <TabsTrigger value="products">Products{products.data ? ` (${products.data.length})` : ""}</TabsTrigger>
            <TabsTrigger value="effective">Effective configuration</TabsTrigger>
          </TabsList>
          <TabsContent value="configuration">
            {limits || !detail.manifest.parentName ? (
              <ManifestWorkbench
                key={name}
                detail={detail}
                form={(p) =>
                  limits ? <DomainForm {...p} limits={limits} resolution={detail.resolution} /> : <p className="text-sm text-slate-600">A two-tier platform manifest: edit it in the YAML editor.</p>
                }
              />
            ) : (
              <Loading label="Loading the enterprise bounds…" />
            )}
          </TabsContent>
          <TabsContent value="approvals">
            <ApprovalQueue domain={name} canDecide={detail.canEdit} />
          </TabsContent>
          <TabsContent value="products">
            <QueryView query={products}>
              {(items) =>
                items.length === 0 ? (
                  <EmptyState icon={Package} title="No products" />
                ) : (
                  <Table aria-label={`${name} products`}>
                    <THead>
                      <tr><TH>Product</TH><TH>Team</TH><TH>Status</TH><TH>Domain version</TH>{detail.canEdit && <TH><span className="sr-only">Actions</span></TH>}</tr>
                    </THead>
                    <TBody>
                      {items.map((p) => (
                        <TR key={p.id}>
                          <TD><Link className="font-medium text-indigo-700 hover:underline" href={`/products/${p.name}`}>{p.name}</Link></TD>
                          <TD>{p.team ?? "—"}</TD>
                          <TD><ProductStatusBadge product={p} /></TD>
                          <TD className="font-mono text-xs">{p.domainVersion ?? "—"}</TD>
                          {detail.canEdit && <TD className="text-right">{p.status === "approved" && <RemoveProductButton name={p.name} domain={name} />}</TD>}
                        </TR>
                      ))}
                    </TBody>
                  </Table>
                )
              }
            </QueryView>
          </TabsContent>
          <TabsContent value="effective">
            {detail.resolution ? <ProvenanceTable resolution={detail.resolution} idPrefix="domain-effective" /> : <p className="text-slate-500">Not resolved yet.</p>}
          </TabsContent>
        </Tabs>
      </div>
    </>
  );
}
