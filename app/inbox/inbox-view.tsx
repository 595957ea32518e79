"use client";

import { Inbox } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { useMe } from "@/components/api/hooks";
import { QueryView } from "@/components/api/query-state";
import { actorOf } from "@/components/api/permissions";
import { can } from "@/lib/auth/permissions";
import { useInbox, useMarkRead, usePreferences, useSavePreferences, useWebhookActions, useWebhooks, type Preference } from "@/components/notify/api";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { cn } from "@/components/ui/cn";

const when = (iso: string) => iso.replace("T", " ").slice(0, 16) + " UTC";

export function InboxView() {
  const me = useMe();
  const isAdmin = can(actorOf(me.data), "manifest.publish", { tier: "enterprise" });
  return (
    <>
      <PageHeader title="Inbox" description="Requests and reviews waiting for you, decisions on your requests, breakage of your domains and products, and exceptions about to expire." />
      <div className="flex flex-col gap-4 px-6 py-4">
        <Notifications />
        <Preferences />
        {isAdmin && <Webhooks />}
      </div>
    </>
  );
}

function Notifications() {
  const inbox = useInbox();
  const markRead = useMarkRead();
  return (
    <QueryView query={inbox}>
      {(data) => (
        <Card>
          <CardHeader className="flex flex-row items-center justify-between">
            <div>
              <CardTitle>Notifications</CardTitle>
              <CardDescription>{data.unread} unread</CardDescription>
            </div>
            <Button size="sm" disabled={data.unread === 0 || markRead.isPending} onClick={() => markRead.mutate({ all: true })}>Mark all read</Button>
          </CardHeader>
          <CardContent className="flex flex-col gap-2">
            {data.expiring.length > 0 && (
              <ul aria-label="Exceptions about to expire" className="flex flex-col gap-1">
                {data.expiring.map((x) => (
                  <li key={x.id} className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                    <Link href={x.link} className="font-medium hover:underline">{x.title}</Link>
                    <span className="ml-2 text-xs">within {data.expiringWithinDays} days</span>
                  </li>
                ))}
              </ul>
            )}
            {data.items.length === 0 ? (
              <EmptyState icon={Inbox} title="Nothing for you yet" />
            ) : (
              <ul aria-label="Notifications" className="flex flex-col divide-y divide-slate-100">
                {data.items.map((n) => (
                  <li key={n.id} className={cn("flex items-start justify-between gap-3 py-2", !n.read && "font-medium")} data-unread={!n.read}>
                    <div className="flex min-w-0 flex-col gap-0.5">
                      <span className="text-sm text-slate-900">
                        {!n.read && <span aria-label="unread" className="mr-1.5 inline-block size-2 rounded-full bg-indigo-600" />}
                        {n.link ? <Link href={n.link} className="hover:underline">{n.title}</Link> : n.title}
                      </span>
                      <span className="text-xs font-normal text-slate-600">{n.body}</span>
                    </div>
                    <div className="flex shrink-0 items-center gap-2">
                      <Badge tone={n.kind === "breakage" ? "broken" : n.kind === "requests" ? "pending" : "neutral"}>{n.kind}</Badge>
                      <span className="text-xs font-normal text-slate-500">{when(n.createdAt)}</span>
                      {!n.read && <Button size="sm" variant="ghost" onClick={() => markRead.mutate({ ids: [n.id] })}>Mark read</Button>}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      )}
    </QueryView>
  );
}

function Preferences() {
  const prefs = usePreferences();
  const save = useSavePreferences();
  return (
    <QueryView query={prefs}>
      {(data) => <PreferenceForm key={JSON.stringify(data.preferences)} initial={data.preferences} saving={save.isPending} onSave={(p) => save.mutate(p)} />}
    </QueryView>
  );
}

function PreferenceForm({ initial, saving, onSave }: { initial: Preference[]; saving: boolean; onSave: (p: Preference[]) => void }) {
  const [prefs, setPrefs] = useState(initial);
  const set = (kind: string, field: "inApp" | "email", value: boolean) => setPrefs((ps) => ps.map((p) => (p.kind === kind ? { ...p, [field]: value } : p)));
  return (
    <Card>
      <CardHeader>
        <CardTitle>Preferences</CardTitle>
        <CardDescription>Where each kind of notification reaches you. Email goes out only when the server has MESH_SMTP_URL.</CardDescription>
      </CardHeader>
      <CardContent>
        <Table aria-label="Notification preferences">
          <THead><tr><TH>Notification</TH><TH>In the inbox</TH><TH>By email</TH></tr></THead>
          <TBody>
            {prefs.map((p) => (
              <TR key={p.kind}>
                <TD>{p.label}</TD>
                <TD><input type="checkbox" aria-label={`${p.label}: in the inbox`} checked={p.inApp} onChange={(e) => set(p.kind, "inApp", e.target.checked)} /></TD>
                <TD><input type="checkbox" aria-label={`${p.label}: by email`} checked={p.email} onChange={(e) => set(p.kind, "email", e.target.checked)} /></TD>
              </TR>
            ))}
          </TBody>
        </Table>
        <Button className="mt-3" variant="primary" disabled={saving} onClick={() => onSave(prefs)}>Save preferences</Button>
      </CardContent>
    </Card>
  );
}

function Webhooks() {
  const hooks = useWebhooks(true);
  const { add, remove } = useWebhookActions();
  const [url, setUrl] = useState("");
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Webhooks</CardTitle>
        <CardDescription>
          The organisation&apos;s endpoints get every notification as JSON with Slack&apos;s <code>text</code> and <code>blocks</code>, signed: X-Mesh-Signature is
          v1=HMAC-SHA256(secret, &quot;TIMESTAMP.BODY&quot;) with X-Mesh-Timestamp. Failed deliveries retry with backoff.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <form
          aria-label="Add a webhook"
          className="flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate(url.trim(), { onSuccess: (r) => (setSecret(r.secret), setUrl("")) });
          }}
        >
          <Field label="Endpoint URL" htmlFor="webhook-url" className="flex-1">
            <Input id="webhook-url" type="url" required placeholder="https://hooks.slack.com/services/…" value={url} onChange={(e) => setUrl(e.target.value)} />
          </Field>
          <Button type="submit" variant="primary" disabled={!url.trim() || add.isPending}>Add webhook</Button>
        </form>
        {secret && <p className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">Signing secret: <code className="font-mono break-all">{secret}</code></p>}
        <QueryView query={hooks}>
          {(data) => (
            <>
              <Table aria-label="Webhook endpoints">
                <THead><tr><TH>URL</TH><TH>Status</TH><TH><span className="sr-only">Actions</span></TH></tr></THead>
                <TBody>
                  {data.endpoints.map((e) => (
                    <TR key={e.id}>
                      <TD className="font-mono text-xs break-all">{e.url}</TD>
                      <TD><Badge tone={e.enabled ? "valid" : "neutral"}>{e.enabled ? "active" : "removed"}</Badge></TD>
                      <TD>{e.enabled && <Button size="sm" variant="ghost" onClick={() => remove.mutate(e.id)}>Remove</Button>}</TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
              <h3 className="text-sm font-semibold text-slate-900">Delivery log</h3>
              <Table aria-label="Webhook deliveries">
                <THead><tr><TH>When</TH><TH>Notification</TH><TH>Attempt</TH><TH>Answer</TH><TH>Outcome</TH></tr></THead>
                <TBody>
                  {data.deliveries.map((d) => (
                    <TR key={d.id}>
                      <TD className="text-xs whitespace-nowrap">{when(d.at)}</TD>
                      <TD className="text-xs">{d.title}</TD>
                      <TD className="text-xs">{d.attempt}</TD>
                      <TD className="font-mono text-xs">{d.status ?? d.error}</TD>
                      <TD><Badge tone={d.outcome === "sent" ? "valid" : d.outcome === "failed" ? "broken" : "pending"}>{d.outcome === "pending" && d.nextAttemptAt ? `retry at ${when(d.nextAttemptAt)}` : d.outcome}</Badge></TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
            </>
          )}
        </QueryView>
      </CardContent>
    </Card>
  );
}
