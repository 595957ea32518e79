"use client";

import { useQuery } from "@tanstack/react-query";
import { ChevronRight, ExternalLink, Lock, X } from "lucide-react";
import Link from "next/link";
import { ErrorPanel, Loading } from "@/components/api/query-state";
import { Badge } from "@/components/ui/badge";
import { api, type ResolutionView } from "@/lib/client/api";
import { exceptionNote, formatValue, provenanceRows, rejectionNote } from "@/lib/client/provenance-rows";
import type { TreeNode } from "@/lib/tree/model";

/** The page that owns a node: its product, domain or the enterprise policy. */
export function pageOf(node: { kind: string; name: string }): string {
  if (node.kind === "product") return `/products/${encodeURIComponent(node.name)}`;
  if (node.kind === "enterprise") return "/enterprise";
  return `/domains/${encodeURIComponent(node.name)}`;
}

function useResolution(node: TreeNode) {
  return useQuery({
    queryKey: node.kind === "product" ? ["products", node.name] : ["manifests", node.name],
    queryFn: async (): Promise<ResolutionView | null> => (node.kind === "product" ? (await api.product(node.name)).resolution : (await api.manifest(node.name)).resolution),
  });
}

/** The selected node: status, provenance chain, violations and every resolved value with its origin. */
export function TreeSidePanel({ node, onClose }: { node: TreeNode; onClose: () => void }) {
  const resolution = useResolution(node);
  const r = resolution.data;
  return (
    <section aria-label={`Details of ${node.name}`} className="flex h-full flex-col overflow-hidden">
      <header className="flex flex-col gap-2 border-b border-slate-200 p-4">
        <div className="flex items-center gap-2">
          <span className="text-xs font-medium tracking-wide text-slate-500 uppercase">{node.kind}</span>
          <StatusBadge node={node} />
          <button type="button" aria-label="Close the details" className="ml-auto rounded p-0.5 text-slate-500 hover:bg-slate-100" onClick={onClose}>
            <X aria-hidden className="size-4" />
          </button>
        </div>
        <h2 className="truncate text-base font-semibold text-slate-900">
          {node.name} {node.version && <span className="font-normal text-slate-600">{node.version}</span>}
        </h2>
        {r?.chain && (
          <nav aria-label="Provenance chain" className="flex flex-wrap items-center gap-1 text-xs text-slate-600">
            {r.chain.map((link, i) => (
              <span key={`${link.tier}-${link.name}`} className="flex items-center gap-1">
                {i > 0 && <ChevronRight aria-hidden className="size-3 text-slate-400" />}
                <Link href={pageOf({ kind: link.tier, name: link.name })} className="rounded px-1 hover:bg-slate-100 hover:underline" title={link.ref ?? undefined}>
                  {link.name}
                  {link.version && <span className="text-slate-600"> {link.version}</span>}
                </Link>
              </span>
            ))}
          </nav>
        )}
        {node.rollup && (
          <p className="text-xs text-slate-600">
            {node.rollup.products} products · {node.rollup.broken} broken · {node.rollup.pending} pending
          </p>
        )}
        <Link href={pageOf(node)} className="inline-flex w-fit items-center gap-1 text-sm text-indigo-700 hover:underline">
          Open {node.kind === "enterprise" ? "enterprise policy" : `${node.kind} page`} <ExternalLink aria-hidden className="size-3.5" />
        </Link>
      </header>
      <div role="region" tabIndex={0} aria-label="Resolved configuration and violations" className="flex-1 overflow-y-auto p-4 focus-visible:ring-2 focus-visible:ring-indigo-400 focus-visible:outline-none focus-visible:ring-inset">
        {resolution.error ? (
          <ErrorPanel error={resolution.error} title="Could not load the resolved configuration" />
        ) : resolution.isPending ? (
          <Loading label="Resolving…" />
        ) : !r ? (
          <p className="text-sm text-slate-500">Nothing resolved yet{node.pending ? ": not published or approved" : ""}.</p>
        ) : (
          <ResolutionDetails resolution={r} />
        )}
      </div>
    </section>
  );
}

function StatusBadge({ node }: { node: TreeNode }) {
  if (node.status === "pending") return <Badge tone="pending">pending approval</Badge>;
  if (node.status === "violations") return <Badge tone="broken">{node.violationCount} errors</Badge>;
  return <Badge tone="valid">valid</Badge>;
}

function ResolutionDetails({ resolution }: { resolution: ResolutionView }) {
  const rows = provenanceRows(resolution.resolved, resolution.provenance);
  const errors = resolution.violations.filter((v) => v.severity === "error");
  return (
    <div className="flex flex-col gap-4">
      {resolution.violations.length > 0 && (
        <div className="flex flex-col gap-1.5">
          <h3 className="text-sm font-semibold text-slate-900">Violations ({errors.length} errors)</h3>
          <ul className="flex flex-col gap-1">
            {resolution.violations.slice(0, 20).map((v, i) => (
              <li key={i} className={v.severity === "error" ? "rounded border border-red-200 bg-red-50 px-2 py-1 text-xs text-red-900" : "rounded border border-amber-200 bg-amber-50 px-2 py-1 text-xs text-amber-900"}>
                <span className="font-mono font-semibold">{v.code}</span> {v.path && <span className="font-mono">{v.path}</span>}: {v.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="flex flex-col gap-1.5">
        <h3 className="text-sm font-semibold text-slate-900">Resolved configuration</h3>
        <dl aria-label="Resolved configuration" className="flex flex-col divide-y divide-slate-100 text-xs">
          {rows.map((row) => (
            <div key={row.path} className="flex flex-col gap-0.5 py-1.5" data-path={row.path}>
              <dt className="font-mono text-slate-600">{row.path}</dt>
              <dd className="flex items-start justify-between gap-2">
                <span className="min-w-0 font-mono break-all text-slate-900">{formatValue(row.value)}</span>
                <span className="flex shrink-0 items-center gap-1 text-slate-500" title={row.ref ?? undefined}>
                  {row.tier}
                  {row.version && ` ${row.version}`}
                  {row.locked && (
                    <span className="inline-flex items-center gap-0.5 text-slate-700">
                      <Lock aria-label="locked" className="size-3" />
                    </span>
                  )}
                </span>
              </dd>
              {row.rejected && <dd className="text-red-700">{rejectionNote(row)}</dd>}
              {row.excepted && <dd data-testid="exception-note" className="text-amber-700">{exceptionNote(row)}</dd>}
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}
