"use client";

import { Package, Plus } from "lucide-react";
import Link from "next/link";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { useManifests, useMe, useProducts } from "@/components/api/hooks";
import { actorOf, requestTeams } from "@/components/api/permissions";
import { QueryView } from "@/components/api/query-state";
import { PageHeader } from "@/components/page-header";
import { ProductStatusBadge } from "@/components/product/product-status";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { ProductSummary } from "@/lib/client/api";
import { PRODUCT_STATUSES } from "@/lib/statuses";


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
        actions={requestTeams(actorOf(me.data)).length > 0 && (
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
            {PRODUCT_STATUSES.map((s) => <option key={s}>{s}</option>)}
          </Select>
        </div>
        <QueryView query={products}>
          {(items) => (items.length === 0 ? <EmptyState icon={Package} title="No products match" /> : <ProductTable items={items} loadingMore={products.loadingMore} />)}
        </QueryView>
      </div>
    </>
  );
}

const ROW_HEIGHT = 53;

const countLabel = (shown: number, all: number) => (shown === all ? `${all} products` : `${shown} of ${all} products`);

/**
 * The products as a table that mounts only the rows in view (an organisation has up to 25,000),
 * with a name or team filter that narrows it as you type. Rows appear with the first page; the count
 * says while later pages are still loading.
 */
function ProductTable({ items, loadingMore }: { items: ProductSummary[]; loadingMore: boolean }) {
  const [text, setText] = useState("");
  const query = useDeferredValue(text.trim().toLowerCase());
  const shown = useMemo(() => (query ? items.filter((p) => p.name.toLowerCase().includes(query) || p.team?.toLowerCase().includes(query)) : items), [items, query]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: shown.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  // A new filter starts at the top of its results.
  useEffect(() => virtual.scrollToOffset(0), [query, virtual]);
  const rows = virtual.getVirtualItems();
  const before = rows[0]?.start ?? 0;
  const after = virtual.getTotalSize() - (rows.at(-1)?.end ?? 0);
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-center gap-3">
        <Input type="search" aria-label="Filter products by name or team" placeholder="Filter by name or team" value={text} onChange={(e) => setText(e.target.value)} className="w-72" />
        <span role="status" className="text-xs text-slate-600 tabular-nums">
          {countLabel(shown.length, items.length)}
          {loadingMore && " loaded, loading more…"}
        </span>
      </div>
      <div ref={scroller} className="max-h-[calc(100vh-15rem)] overflow-y-auto rounded-md border border-slate-200">
        {/* A bare <table>: Table's own horizontal scroller would keep the header from sticking to this one. */}
        <table aria-label="Products" aria-rowcount={shown.length + 1} className="w-full border-collapse text-left text-sm">
          <THead className="sticky top-0 z-10">
            <tr><TH>Product</TH><TH>Domain</TH><TH>Team</TH><TH>Status</TH></tr>
          </THead>
          <TBody>
            {before > 0 && <tr aria-hidden style={{ height: before }} />}
            {rows.map(({ index }) => {
              const p = shown[index];
              return (
                <TR key={p.id} aria-rowindex={index + 2} style={{ height: ROW_HEIGHT }}>
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
              );
            })}
            {after > 0 && <tr aria-hidden style={{ height: after }} />}
          </TBody>
        </table>
      </div>
    </div>
  );
}
