"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Check, Send, X } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { toastError, useManifests, useMe } from "@/components/api/hooks";
import { QueryView } from "@/components/api/query-state";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ReasonDialog } from "@/components/ui/reason-dialog";
import { Select } from "@/components/ui/select";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { Textarea } from "@/components/ui/textarea";
import { WHITELIST_CATEGORIES } from "@/lib/manifest/schema/plugins";
import { reviewApi, STATUS_LABEL, type WhitelistRequestItem } from "@/lib/client/review-api";

const KEY = ["whitelist-requests"] as const;
const TONE = { pending: "pending", accepted: "valid", declined: "broken" } as const;

/** Domain owners ask for a plugin to be whitelisted; platform admins see the queue and decide. */
export function WhitelistRequests() {
  const query = useQuery({ queryKey: KEY, queryFn: reviewApi.whitelistRequests });
  const me = useMe();
  const manifests = useManifests();
  const owned = (me.data?.memberships ?? []).filter((m) => m.role === "domain_owner").map((m) => manifests.data?.find((x) => x.id === m.domainId)?.name ?? "").filter(Boolean);
  return (
    <>
      <PageHeader title="Whitelist requests" description="A domain asks for a plugin the enterprise has not approved; accepting opens an enterprise change that goes through review." />
      <div className="flex flex-col gap-4 px-6 py-4">
        {owned.length > 0 && <AskForm domains={owned} />}
        <Card>
          <CardHeader><CardTitle>Requests</CardTitle></CardHeader>
          <CardContent>
            <QueryView query={query}>{(d) => <RequestsTable items={d.items} decide={d.youDecide} />}</QueryView>
          </CardContent>
        </Card>
      </div>
    </>
  );
}

function AskForm({ domains }: { domains: string[] }) {
  const qc = useQueryClient();
  const [domain, setDomain] = useState(domains[0]);
  const [category, setCategory] = useState("compute");
  const [plugin, setPlugin] = useState("");
  const [reason, setReason] = useState("");
  const ask = useMutation({
    mutationFn: () => reviewApi.askWhitelist({ domain, category, plugin: plugin.trim(), reason: reason.trim() }),
    onSuccess: () => {
      toast.success(`Asked for ${plugin} in ${category}`);
      setPlugin("");
      setReason("");
      return qc.invalidateQueries({ queryKey: KEY });
    },
    onError: (e) => toastError(e, "Could not send the request"),
  });
  return (
    <Card>
      <CardHeader><CardTitle>Ask for a plugin</CardTitle></CardHeader>
      <CardContent>
        <form className="grid gap-3 md:grid-cols-[10rem_12rem_minmax(0,1fr)]" onSubmit={(e) => { e.preventDefault(); ask.mutate(); }}>
          <Field label="Domain" htmlFor="wl-domain">
            <Select id="wl-domain" value={domain} onChange={(e) => setDomain(e.target.value)}>{domains.map((d) => <option key={d}>{d}</option>)}</Select>
          </Field>
          <Field label="Category" htmlFor="wl-category">
            <Select id="wl-category" value={category} onChange={(e) => setCategory(e.target.value)}>{WHITELIST_CATEGORIES.map((c) => <option key={c}>{c}</option>)}</Select>
          </Field>
          <Field label="Plugin" htmlFor="wl-plugin">
            <Input id="wl-plugin" value={plugin} onChange={(e) => setPlugin(e.target.value)} required pattern="[a-z0-9][a-z0-9_.\\-]*" placeholder="e.g. trino" />
          </Field>
          <Field label="Reason" htmlFor="wl-reason" className="md:col-span-3">
            <Textarea id="wl-reason" value={reason} onChange={(e) => setReason(e.target.value)} required rows={2} />
          </Field>
          <div><Button type="submit" variant="primary" disabled={!plugin.trim() || !reason.trim() || ask.isPending}><Send aria-hidden /> Send request</Button></div>
        </form>
      </CardContent>
    </Card>
  );
}

function RequestsTable({ items, decide }: { items: WhitelistRequestItem[]; decide: boolean }) {
  const qc = useQueryClient();
  const router = useRouter();
  const [declining, setDeclining] = useState<string | null>(null);
  const accept = useMutation({
    mutationFn: (id: string) => reviewApi.acceptWhitelist(id),
    onSuccess: (r) => {
      toast.success("Accepted: an enterprise change is open for review");
      void qc.invalidateQueries({ queryKey: KEY });
      router.push(`/changes/${r.changeId}`);
    },
    onError: (e) => toastError(e, "Could not accept"),
  });
  const decline = useMutation({
    mutationFn: (d: { id: string; reason: string }) => reviewApi.declineWhitelist(d.id, d.reason),
    onSuccess: () => {
      toast.success("Declined");
      setDeclining(null);
      return qc.invalidateQueries({ queryKey: KEY });
    },
    onError: (e) => toastError(e, "Could not decline"),
  });
  if (items.length === 0) return <p className="py-4 text-sm text-slate-500">No whitelist requests.</p>;
  return (
    <>
      <Table aria-label="Whitelist requests">
        <THead><tr><TH>Plugin</TH><TH>Domain</TH><TH>Reason</TH><TH>Requested by</TH><TH>Status</TH><TH><span className="sr-only">Actions</span></TH></tr></THead>
        <TBody>
          {items.map((r) => (
            <TR key={r.id}>
              <TD><span className="font-mono">{r.plugin}</span> <span className="text-xs text-slate-500">in {r.category}</span></TD>
              <TD>{r.domain}</TD>
              <TD className="max-w-72 text-sm">{r.reason}</TD>
              <TD>{r.requestedBy}</TD>
              <TD>
                <Badge tone={TONE[r.status]}>{r.status}</Badge>
                {r.decisionReason && <p className="text-xs text-red-800">{r.decisionReason}</p>}
                {r.change && (
                  <p className="text-xs">
                    {/* Enterprise drafts are read by platform admins only: others see the change's status. */}
                    {decide ? <Link className="text-indigo-700 underline" href={`/changes/${r.change.id}`}>Enterprise change: {STATUS_LABEL[r.change.status]}</Link> : <>Enterprise change: {STATUS_LABEL[r.change.status]}</>}
                  </p>
                )}
              </TD>
              <TD>
                {decide && r.status === "pending" && (
                  <div className="flex gap-2">
                    <Button size="sm" variant="primary" onClick={() => accept.mutate(r.id)} disabled={accept.isPending} aria-label={`Accept ${r.plugin} for ${r.domain}`}><Check aria-hidden /> Accept</Button>
                    <Button size="sm" onClick={() => setDeclining(r.id)} aria-label={`Decline ${r.plugin} for ${r.domain}`}><X aria-hidden /> Decline…</Button>
                  </div>
                )}
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
      <ReasonDialog
        id="whitelist-decline-reason"
        open={declining !== null}
        onOpenChange={(o) => !o && setDeclining(null)}
        title="Decline this request"
        description="The domain owner sees your reason."
        action="Decline request"
        pending={decline.isPending}
        onConfirm={(reason) => declining && decline.mutate({ id: declining, reason })}
      />
    </>
  );
}
