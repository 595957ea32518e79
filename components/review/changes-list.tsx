"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { QueryView } from "@/components/api/query-state";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent } from "@/components/ui/card";
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
