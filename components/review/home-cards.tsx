"use client";

import { useQuery } from "@tanstack/react-query";
import { AlertTriangle, GitPullRequestArrow } from "lucide-react";
import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { api, type ManifestSummary } from "@/lib/client/api";
import { reviewApi } from "@/lib/client/review-api";

/** A domain owner's home says when their domain is broken, and by whose publish (the audit log's `broken` list). */
export function DomainBrokenAlert({ domain }: { domain: ManifestSummary }) {
  const broken = (domain.errors ?? 0) > 0;
  const cause = useQuery({
    queryKey: ["audit", { action: "manifest.publish", broke: domain.name }],
    queryFn: async () => {
      for (const action of ["manifest.publish", "manifest.rollback"]) {
        const page = await api.audit({ action, limit: 50 });
        const hit = page.events.find((e) => Array.isArray(e.data?.broken) && (e.data.broken as unknown[]).includes(domain.name));
        if (hit) return hit;
      }
      return null;
    },
    enabled: broken,
  });
  if (!broken) return null;
  const c = cause.data;
  return (
    <div role="alert" className="flex items-start gap-3 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-red-900">
      <AlertTriangle aria-hidden className="mt-0.5 size-5 shrink-0" />
      <div className="flex flex-col gap-0.5 text-sm">
        <p className="font-medium">
          {domain.name} is broken: {domain.errors} error(s) against the current enterprise policy{domain.behind ? ` (builds on ${domain.behind.buildsOn}, enterprise now ${domain.behind.latest})` : ""}.
        </p>
        {c && (
          <p>
            Broken by {c.actorEmail}&apos;s publish of {String(c.data?.name ?? "a manifest")} {String(c.data?.version ?? "")} on {new Date(c.at).toLocaleString()}
            {c.reason ? ` ("${c.reason}")` : ""}.
          </p>
        )}
        <p>
          <Link className="font-medium underline" href={`/domains/${domain.name}`}>See the violations in {domain.name}</Link>, or <Link className="underline" href="/whitelist">ask for a plugin to be whitelisted</Link>.
        </p>
      </div>
    </div>
  );
}

/** Changes waiting for the signed-in reviewer. */
export function ReviewsForMe() {
  const q = useQuery({ queryKey: ["changes", "list", "active"], queryFn: () => reviewApi.changes({ status: "active" }) });
  const mine = (q.data?.items ?? []).filter((c) => c.youMayReview);
  if (mine.length === 0) return null;
  return (
    <Card aria-labelledby="home-reviews">
      <CardHeader>
        <CardTitle id="home-reviews" className="flex items-center gap-2"><GitPullRequestArrow aria-hidden className="size-4 text-indigo-600" /> Changes waiting for your review</CardTitle>
        <CardDescription>Approving publishes exactly the reviewed revision.</CardDescription>
      </CardHeader>
      <CardContent>
        <ul aria-label="Changes waiting for your review" className="flex flex-col gap-1">
          {mine.map((c) => (
            <li key={c.id}>
              <Link className="font-medium text-indigo-700 hover:underline" href={`/changes/${c.id}`}>{c.title}</Link> <span className="text-xs text-slate-500">{c.manifest} · by {c.author}{c.broken ? ` · breaks ${c.broken}` : ""}</span>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
