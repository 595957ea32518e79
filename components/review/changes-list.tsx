"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { toastError, useMe } from "@/components/api/hooks";
import { QueryView } from "@/components/api/query-state";
import { actorOf } from "@/components/api/permissions";
import { can } from "@/lib/auth/permissions";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { Tabs, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { reviewApi, STATUS_LABEL } from "@/lib/client/review-api";
import { STATUS_TONE } from "./change-view";

/** The review queue: changes under review (and closed ones) that the caller may read. */
export function ChangesList() {
  const [status, setStatus] = useState<"active" | "closed">("active");
  const query = useQuery({ queryKey: ["changes", "list", status], queryFn: () => reviewApi.changes({ status }) });
  return (
    <>
      <PageHeader title="Reviews" description="Manifest changes submitted for review: nobody approves their own; approving publishes exactly the reviewed revision." />
      <div className="flex flex-col gap-4 px-6 py-4">
        <ReviewRulesCard />
        <Tabs value={status} onValueChange={(v) => setStatus(v as "active" | "closed")}>
          <TabsList aria-label="Which changes">
            <TabsTrigger value="active">In review</TabsTrigger>
            <TabsTrigger value="closed">Closed</TabsTrigger>
          </TabsList>
        </Tabs>
        <Card>
          <CardContent>
            <QueryView query={query}>
              {(d) =>
                d.items.length === 0 ? (
                  <p className="py-4 text-sm text-slate-500">{status === "active" ? "Nothing is waiting for review." : "No closed changes yet."}</p>
                ) : (
                  <Table aria-label="Changes">
                    <THead><tr><TH>Change</TH><TH>Manifest</TH><TH>Author</TH><TH>Status</TH><TH>Breaks</TH><TH>Submitted</TH></tr></THead>
                    <TBody>
                      {d.items.map((c) => (
                        <TR key={c.id}>
                          <TD>
                            <Link className="font-medium text-indigo-700 hover:underline" href={`/changes/${c.id}`}>{c.title}</Link>
                            {c.youMayReview && <Badge tone="pending" className="ml-2">needs you</Badge>}
                          </TD>
                          <TD className="font-mono text-xs">{c.manifest}</TD>
                          <TD>{c.author}</TD>
                          <TD><Badge tone={STATUS_TONE[c.status]}>{STATUS_LABEL[c.status]}</Badge></TD>
                          <TD>{c.broken ? <Badge tone="broken">{c.broken}</Badge> : "—"}</TD>
                          <TD className="whitespace-nowrap">{new Date(c.createdAt).toLocaleString()}</TD>
                        </TR>
                      ))}
                    </TBody>
                  </Table>
                )
              }
            </QueryView>
          </CardContent>
        </Card>
      </div>
    </>
  );
}

const RULE_OPTIONS = {
  enterprise: [["platform_admin", "Another platform admin approves"], ["none", "Optional (publish directly)"]],
  domain: [["domain_owner_or_admin", "Another owner of the domain or a platform admin"], ["domain_owner", "Another owner of the domain"], ["none", "Optional (publish directly)"]],
} as const;

/** Who must approve, per tier: platform admins set it, everyone sees it. */
function ReviewRulesCard() {
  const me = useMe();
  const qc = useQueryClient();
  const rules = useQuery({ queryKey: ["review-rules"], queryFn: reviewApi.rules });
  const set = useMutation({
    mutationFn: (r: { tier: "enterprise" | "domain"; rule: string }) => reviewApi.setRule(r.tier, r.rule),
    onSuccess: (data) => qc.setQueryData(["review-rules"], data),
    onError: (e) => toastError(e, "Could not change the review rule"),
  });
  const admin = can(actorOf(me.data), "manifest.publish", { tier: "enterprise" });
  if (!rules.data) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Review rules</CardTitle>
        <CardDescription>Who must approve a change before it is published. Nobody ever approves their own change.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-wrap gap-4">
        {(["enterprise", "domain"] as const).map((tier) => (
          <Field key={tier} label={tier === "enterprise" ? "Enterprise changes" : "Domain changes"} htmlFor={`rule-${tier}`}>
            <Select id={`rule-${tier}`} value={rules.data[tier]} disabled={!admin || set.isPending} onChange={(e) => set.mutate({ tier, rule: e.target.value })} className="w-80">
              {RULE_OPTIONS[tier].map(([value, label]) => <option key={value} value={value}>{label}</option>)}
            </Select>
          </Field>
        ))}
      </CardContent>
    </Card>
  );
}
