"use client";

import { TimerOff } from "lucide-react";
import { useState } from "react";
import { useManifests, useMe } from "@/components/api/hooks";
import { QueryView } from "@/components/api/query-state";
import { actorOf } from "@/components/api/permissions";
import { can } from "@/lib/auth/permissions";
import { useExceptionAction, useExceptions, useRequestException, type ExceptionItem } from "@/components/notify/api";
import type { ExceptionState } from "@/lib/statuses";
import { PageHeader } from "@/components/page-header";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ReasonDialog } from "@/components/ui/reason-dialog";
import { Select } from "@/components/ui/select";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { Textarea } from "@/components/ui/textarea";

const TONES: Record<ExceptionState, BadgeTone> = { requested: "pending", granted: "valid", expiring: "pending", expired: "neutral", refused: "broken", withdrawn: "neutral" };
const STATE_TEXT: Record<ExceptionState, string> = { requested: "requested", granted: "granted", expiring: "expires soon", expired: "expired", refused: "refused", withdrawn: "withdrawn" };
/** What each floe policy type lets a domain relax (lib/resolve/rules.ts `exceptable`). */
const TYPE_TEXT: Record<string, string> = {
  naming: "naming enforcement",
  coverage: "test coverage minimums and layer thresholds",
  documentation: "description requirements",
  data_contract: "contract enforcement",
  rbac: "RBAC",
  secret_scanning: "secret scanning",
};

const inDays = (today: string, n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export function ExceptionsView() {
  const exceptions = useExceptions();
  const me = useMe();
  const actor = actorOf(me.data);
  const isAdmin = can(actor, "manifest.publish", { tier: "enterprise" });
  const mayAsk = isAdmin || (actor?.memberships ?? []).some((m) => m.role === "domain_owner" || (m.role === "product_team" && !!m.team));
  return (
    <>
      <PageHeader
        title="Exceptions"
        description="Time-boxed exceptions to one policy for one domain: requested with a reason and an expiry, granted by a platform admin into the enterprise manifest's governance.policy_overrides. An expired exception stops applying."
      />
      <div className="flex flex-col gap-4 px-6 py-4">
        <QueryView query={exceptions}>
          {(data) => (
            <>
              {mayAsk && <RequestForm today={data.today} exceptable={data.exceptable} />}
              <ExceptionTable items={data.items} isAdmin={isAdmin} myId={me.data?.user.id} />
            </>
          )}
        </QueryView>
      </div>
    </>
  );
}

function RequestForm({ today, exceptable }: { today: string; exceptable: string[] }) {
  const manifests = useManifests();
  const request = useRequestException();
  const domains = (manifests.data ?? []).filter((m) => m.tier === "domain");
  const [domain, setDomain] = useState("");
  const [policyType, setPolicyType] = useState(exceptable[0] ?? "");
  const [expires, setExpires] = useState(inDays(today, 30));
  const [reason, setReason] = useState("");
  const chosen = domain || domains.find((d) => d.canEdit)?.name || domains[0]?.name || "";
  return (
    <Card>
      <CardHeader>
        <CardTitle>Request an exception</CardTitle>
        <CardDescription>For a domain you own, or the domain of one of your team's products. At most a year; security policy is never excepted.</CardDescription>
      </CardHeader>
      <CardContent>
        <form
          aria-label="Request an exception"
          className="grid grid-cols-[repeat(3,minmax(0,1fr))] gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            request.mutate({ domain: chosen, policyType, expires, reason: reason.trim() }, { onSuccess: () => setReason("") });
          }}
        >
          <Field label="Domain" htmlFor="exception-domain">
            <Select id="exception-domain" value={chosen} onChange={(e) => setDomain(e.target.value)}>
              {domains.map((d) => <option key={d.id} value={d.name}>{d.name}</option>)}
            </Select>
          </Field>
          <Field label="Policy" htmlFor="exception-type">
            <Select id="exception-type" value={policyType} onChange={(e) => setPolicyType(e.target.value)}>
              {exceptable.map((t) => <option key={t} value={t}>{t}: {TYPE_TEXT[t] ?? t}</option>)}
            </Select>
          </Field>
          <Field label="Expires (inclusive)" htmlFor="exception-expires">
            <Input id="exception-expires" type="date" required min={today} max={inDays(today, 366)} value={expires} onChange={(e) => setExpires(e.target.value)} />
          </Field>
          <Field label="Reason" htmlFor="exception-reason" className="col-span-3">
            <Textarea id="exception-reason" required rows={2} value={reason} onChange={(e) => setReason(e.target.value)} className="font-sans" />
          </Field>
          <div className="col-span-3">
            <Button type="submit" variant="primary" disabled={!reason.trim() || !chosen || request.isPending}>Request exception</Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}

function ExceptionTable({ items, isAdmin, myId }: { items: ExceptionItem[]; isAdmin: boolean; myId: string | undefined }) {
  const action = useExceptionAction();
  const [refusing, setRefusing] = useState<ExceptionItem | null>(null);
  if (items.length === 0) return <EmptyState icon={TimerOff} title="No exceptions" />;
  return (
    <>
      <Table aria-label="Exceptions">
        <THead>
          <tr><TH>Domain</TH><TH>Policy</TH><TH>Until</TH><TH>State</TH><TH>Reason</TH><TH>Requested by</TH><TH>Decided</TH><TH><span className="sr-only">Actions</span></TH></tr>
        </THead>
        <TBody>
          {items.map((x) => (
            <TR key={x.id} data-testid={`exception-${x.domain}-${x.policyType}`}>
              <TD className="font-medium">{x.domain}</TD>
              <TD><span className="font-mono text-xs">{x.policyType}</span></TD>
              <TD className="font-mono text-xs whitespace-nowrap">{x.expires}</TD>
              <TD><Badge tone={TONES[x.state]}>{STATE_TEXT[x.state]}</Badge></TD>
              <TD className="max-w-xs text-xs">{x.reason}{x.decisionReason && <div className="text-red-700">Refused: {x.decisionReason}</div>}</TD>
              <TD className="text-xs">{x.requestedBy}</TD>
              <TD className="text-xs">{x.decidedBy ? `${x.decidedBy}${x.grantedVersion ? ` (enterprise ${x.grantedVersion})` : ""}` : "—"}</TD>
              <TD>
                <div className="flex justify-end gap-1.5">
                  {isAdmin && x.state === "requested" && (
                    <>
                      <Button size="sm" variant="primary" disabled={action.isPending} onClick={() => action.mutate({ id: x.id, action: "grant" })}>Grant</Button>
                      <Button size="sm" variant="secondary" disabled={action.isPending} onClick={() => setRefusing(x)}>Refuse</Button>
                    </>
                  )}
                  {isAdmin && (x.state === "granted" || x.state === "expiring") && (
                    <Button size="sm" variant="secondary" disabled={action.isPending} onClick={() => action.mutate({ id: x.id, action: "end" })} title="Sets its expiry to yesterday: the domain's value is refused again">End now</Button>
                  )}
                  {x.state === "requested" && x.requestedById === myId && (
                    <Button size="sm" variant="ghost" disabled={action.isPending} onClick={() => action.mutate({ id: x.id, action: "withdraw" })}>Withdraw</Button>
                  )}
                </div>
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
      <ReasonDialog
        id="refuse-exception"
        open={refusing !== null}
        onOpenChange={(open) => !open && setRefusing(null)}
        title={`Refuse the ${refusing?.policyType} exception for ${refusing?.domain}`}
        description="The requester sees your reason."
        action="Refuse exception"
        pending={action.isPending}
        onConfirm={(reason) => refusing && action.mutate({ id: refusing.id, action: "refuse", reason }, { onSuccess: () => setRefusing(null) })}
      />
    </>
  );
}
