"use client";

import { CheckCircle2, FileEdit, Inbox, Plus, Send } from "lucide-react";
import Link from "next/link";
import { useManifests, useMe, useRequests } from "@/components/api/hooks";
import { Loading, QueryView } from "@/components/api/query-state";
import { actorOf, requestTeams } from "@/components/api/permissions";
import { ApprovalQueue } from "@/components/approvals/approval-queue";
import { PageHeader } from "@/components/page-header";
import { ErrorsBadge } from "@/components/policy/status-badge";
import { DomainBrokenAlert, ReviewsForMe } from "@/components/review/home-cards";
import { RequestHistory } from "@/components/product/request-history";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import type { ListedRequest, ManifestSummary } from "@/lib/client/api";

/** "What needs me": each role's open work first, then the rest of the console is one click away. */
export function Home({ name }: { name: string }) {
  const me = useMe();
  const manifests = useManifests();
  if (me.isPending || manifests.isPending) return <><PageHeader title={`Welcome, ${name}`} /><div className="px-6"><Loading /></div></>;
  const actor = actorOf(me.data);
  const owned = (manifests.data ?? []).filter((m) => m.tier === "domain" && can(actor, "request.decide", { domainId: m.id }));
  const isAdmin = can(actor, "manifest.publish", { tier: "enterprise" });
  const teams = requestTeams(actor);
  const nothing = !isAdmin && owned.length === 0 && teams.length === 0;
  return (
    <>
      <PageHeader title={`Welcome, ${name}`} description="What needs your attention right now." />
      <div className="flex flex-col gap-4 px-6 py-4">
        {owned.map((d) => <DomainBrokenAlert key={`broken-${d.id}`} domain={d} />)}
        <ReviewsForMe />
        {owned.map((d) => (
          <Card key={d.id} aria-labelledby={`pending-${d.name}`}>
            <CardHeader>
              <CardTitle id={`pending-${d.name}`} className="flex items-center gap-2"><Inbox aria-hidden className="size-4 text-indigo-600" /> Pending approvals in {d.name}</CardTitle>
              <CardDescription>Approve to add the product to {d.name}&apos;s approved products; reject with a reason. <Link className="text-indigo-700 underline" href={`/domains/${d.name}`}>Open {d.name}</Link></CardDescription>
            </CardHeader>
            <CardContent><ApprovalQueue domain={d.name} canDecide /></CardContent>
          </Card>
        ))}
        {isAdmin && manifests.data && <AdminWork manifests={manifests.data} />}
        {teams.length > 0 && <MyRequests />}
        {nothing && <p className="text-slate-600">Nothing needs you: you can read everything. Browse the <Link className="text-indigo-700 underline" href="/domains">domains</Link> or <Link className="text-indigo-700 underline" href="/products">products</Link>, or press ⌘K to search.</p>}
      </div>
    </>
  );
}

function AdminWork({ manifests }: { manifests: ManifestSummary[] }) {
  const drafts = manifests.filter((m) => m.draftChanged);
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card aria-labelledby="home-drafts">
        <CardHeader>
          <CardTitle id="home-drafts" className="flex items-center gap-2"><FileEdit aria-hidden className="size-4 text-indigo-600" /> Unpublished drafts</CardTitle>
          <CardDescription>Manifests whose draft differs from the latest published version.</CardDescription>
        </CardHeader>
        <CardContent>
          {drafts.length === 0 ? <p className="flex items-center gap-1.5 text-sm text-emerald-700"><CheckCircle2 aria-hidden className="size-4" /> No open drafts.</p> : (
            <ul aria-label="Unpublished drafts" className="flex flex-col gap-1">
              {drafts.map((m) => (
                <li key={m.id} className="flex items-center gap-2">
                  <Link className="font-medium text-indigo-700 hover:underline" href={m.tier === "enterprise" ? "/enterprise" : `/domains/${m.name}`}>{m.name}</Link>
                  <Badge tone="neutral">{m.tier}</Badge>
                  <span className="text-xs text-slate-500">rev {m.draftRevision} · latest {m.latestVersion ?? "none"}</span>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
      <Card aria-labelledby="home-domains">
        <CardHeader>
          <CardTitle id="home-domains">Domain health</CardTitle>
          <CardDescription>Each domain&apos;s latest version against the latest enterprise policy.</CardDescription>
        </CardHeader>
        <CardContent>
          <ul aria-label="Domain health" className="flex flex-col gap-1">
            {manifests.filter((m) => m.tier !== "enterprise").map((m) => <DomainHealth key={m.id} summary={m} />)}
          </ul>
        </CardContent>
      </Card>
    </div>
  );
}

function DomainHealth({ summary }: { summary: ManifestSummary }) {
  return (
    <li className="flex items-center gap-2">
      <Link className="font-medium text-indigo-700 hover:underline" href={`/domains/${summary.name}`}>{summary.name}</Link>
      <span className="font-mono text-xs text-slate-500">{summary.latestVersion}</span>
      <span className="ml-auto"><ErrorsBadge errors={summary.errors} /></span>
    </li>
  );
}

function MyRequests() {
  const requests = useRequests({ mine: true });
  return (
    <Card aria-labelledby="home-requests">
      <CardHeader className="flex-row items-center gap-2">
        <div className="flex flex-1 flex-col gap-0.5">
          <CardTitle id="home-requests" className="flex items-center gap-2"><Send aria-hidden className="size-4 text-indigo-600" /> My registration requests</CardTitle>
          <CardDescription>Products your team asked a domain to register.</CardDescription>
        </div>
        <Link href="/requests/new" className={buttonClasses({ variant: "primary", size: "sm" })}><Plus aria-hidden /> New request</Link>
      </CardHeader>
      <CardContent>
        <QueryView query={requests}>
          {(items) => items.length === 0 ? <p className="text-sm text-slate-500">No requests yet.</p> : <MyRequestList items={items} />}
        </QueryView>
      </CardContent>
    </Card>
  );
}

function MyRequestList({ items }: { items: ListedRequest[] }) {
  const byProduct = new Map<string, ListedRequest[]>();
  for (const r of items) byProduct.set(r.name, [...(byProduct.get(r.name) ?? []), r]);
  return (
    <ul aria-label="My requests" className="flex flex-col gap-3">
      {[...byProduct].map(([product, rs]) => (
        <li key={product} className="flex flex-col gap-1">
          <Link className="font-medium text-indigo-700 hover:underline" href={`/products/${product}`}>{product}</Link>
          <RequestHistory product={product} domain={rs[0].domain} requests={rs} canAct />
        </li>
      ))}
    </ul>
  );
}
