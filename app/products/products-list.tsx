"use client";

import { Package, Plus } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { useManifests, useMe, useProducts } from "@/components/api/hooks";
import { roles } from "@/components/api/roles";
import { QueryView } from "@/components/api/query-state";
import { PageHeader } from "@/components/page-header";
import { ProductStatusBadge } from "@/components/product/product-status";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/select";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";

const STATUSES = ["pending", "approved", "rejected", "withdrawn", "removed"];

export function ProductsList() {
  const [domain, setDomain] = useState("");
  const [status, setStatus] = useState("");
  const products = useProducts({ domain: domain || undefined, status: status || undefined });
  const manifests = useManifests();
  const me = useMe();
  const domains = manifests.data?.filter((m) => m.tier !== "enterprise") ?? [];
  return (
    <>
      <PageHeader
        title="Products"
        description="Data products, their domain and registration status."
        actions={roles(me.data).canRequest && (
          <Link href="/requests/new" className={buttonClasses({ variant: "primary" })}>
            <Plus aria-hidden /> Request registration
          </Link>
        )}
      />
      <div className="flex flex-col gap-3 px-6 py-4">
        <div className="flex gap-2">
          <Select aria-label="Filter by domain" value={domain} onChange={(e) => setDomain(e.target.value)} className="w-48">
            <option value="">All domains</option>
            {domains.map((d) => <option key={d.id} value={d.name}>{d.name}</option>)}
          </Select>
          <Select aria-label="Filter by status" value={status} onChange={(e) => setStatus(e.target.value)} className="w-48">
            <option value="">Any status</option>
            {STATUSES.map((s) => <option key={s}>{s}</option>)}
          </Select>
        </div>
        <QueryView query={products}>
          {(items) =>
            items.length === 0 ? (
              <EmptyState icon={Package} title="No products match" />
            ) : (
              <Table aria-label="Products">
                <THead>
                  <tr><TH>Product</TH><TH>Domain</TH><TH>Team</TH><TH>Status</TH></tr>
                </THead>
                <TBody>
                  {items.map((p) => (
                    <TR key={p.id}>
                      <TD>
                        <div className="flex flex-col">
                          <Link href={`/products/${p.name}`} className="font-medium text-indigo-700 hover:underline">{p.name}</Link>
                          {p.description && <span className="max-w-xl truncate text-xs text-slate-500">{p.description}</span>}
                        </div>
                      </TD>
                      <TD>{p.domain ? <Link className="hover:underline" href={`/domains/${p.domain}`}>{p.domain}</Link> : "—"}{p.domainVersion && <span className="ml-1 font-mono text-xs text-slate-500">{p.domainVersion}</span>}</TD>
                      <TD>{p.team ?? "—"}</TD>
                      <TD><ProductStatusBadge product={p} /></TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
            )
          }
        </QueryView>
      </div>
    </>
  );
}
