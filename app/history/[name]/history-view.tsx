"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { RotateCcw } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import semver from "semver";
import { toast } from "sonner";
import { toastError, useInvalidateOrg, useManifest, useVersion } from "@/components/api/hooks";
import { ErrorPanel, Loading, QueryView } from "@/components/api/query-state";
import { ImpactList } from "@/components/editor/impact-list";
import { YamlDiff } from "@/components/diff/yaml-diff";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { api, apiFetch, isApiError, personLabel, type ManifestDetail, type PagedImpact, type VersionInfo } from "@/lib/client/api";

const newestFirst = (vs: VersionInfo[]) => [...vs].sort((a, b) => semver.rcompare(semver.coerce(a.version) ?? "0.0.0", semver.coerce(b.version) ?? "0.0.0"));

export function HistoryView({ name }: { name: string }) {
  const detail = useManifest(name);
  return <QueryView query={detail}>{(d) => <History detail={d} />}</QueryView>;
}

function History({ detail }: { detail: ManifestDetail }) {
  const name = detail.manifest.name;
  const versions = newestFirst(detail.versions);
  const [left, setLeft] = useState(versions[1]?.version ?? versions[0]?.version ?? "");
  const [right, setRight] = useState(versions[0]?.version ?? "");
  const [rollbackTo, setRollbackTo] = useState<string | null>(null);
  const before = useVersion(name, left || null);
  const after = useVersion(name, right || null);
  const section = detail.manifest.tier === "enterprise" ? "/enterprise" : `/domains/${name}`;
  return (
    <>
      <PageHeader title={`History of ${name}`} description={<>Every published version of this manifest. <Link className="text-indigo-700 underline" href={section}>Back to the editor</Link></>} />
      <div className="flex flex-col gap-4 px-6 py-4">
        <Card>
          <CardHeader><CardTitle>Versions</CardTitle></CardHeader>
          <CardContent>
            <Table aria-label="Versions">
              <THead>
                <tr><TH>Version</TH><TH>Published</TH><TH>By</TH><TH>Message</TH><TH>Builds on</TH><TH><span className="sr-only">Actions</span></TH></tr>
              </THead>
              <TBody>
                {versions.map((v, i) => (
                  <TR key={v.version}>
                    <TD className="font-mono text-xs">
                      {v.version} {i === 0 && <Badge tone="valid">latest</Badge>}
                      <div className="max-w-56 truncate text-slate-500" title={v.digest}>{v.digest}</div>
                    </TD>
                    <TD className="whitespace-nowrap">{new Date(v.publishedAt).toLocaleString()}</TD>
                    <TD>{personLabel(v.publishedBy)}</TD>
                    <TD>{v.message ?? "—"}</TD>
                    <TD className="font-mono text-xs">{v.parentVersion ?? "—"}</TD>
                    <TD>
                      {detail.canEdit && i > 0 && (
                        <Button size="sm" onClick={() => setRollbackTo(v.version)} aria-label={`Roll back to ${v.version}`}>
                          <RotateCcw aria-hidden /> Roll back
                        </Button>
                      )}
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          </CardContent>
        </Card>
        <Card>
          <CardHeader className="flex-row flex-wrap items-end gap-3">
            <CardTitle className="mr-auto">Compare versions</CardTitle>
            <Field label="From" htmlFor="diff-left">
              <Select id="diff-left" value={left} onChange={(e) => setLeft(e.target.value)} className="w-32">{versions.map((v) => <option key={v.version}>{v.version}</option>)}</Select>
            </Field>
            <Field label="To" htmlFor="diff-right">
              <Select id="diff-right" value={right} onChange={(e) => setRight(e.target.value)} className="w-32">{versions.map((v) => <option key={v.version}>{v.version}</option>)}</Select>
            </Field>
          </CardHeader>
          <CardContent>
            {before.data && after.data ? <YamlDiff before={before.data.yaml} after={after.data.yaml} beforeLabel={left} afterLabel={right} /> : <p className="text-slate-500">Loading…</p>}
          </CardContent>
        </Card>
      </div>
      <RollbackDialog name={name} version={rollbackTo} onClose={() => setRollbackTo(null)} />
    </>
  );
}

/**
 * Rollback publishes the old content as a new version (the history is never rewritten). The dialog
 * shows its impact first; one that breaks domains or products needs the explicit confirmation
 * (the server answers 428 without it, and its impact is shown then too).
 */
function RollbackDialog({ name, version, onClose }: { name: string; version: string | null; onClose: () => void }) {
  const [message, setMessage] = useState("");
  const [confirm, setConfirm] = useState(false);
  const invalidate = useInvalidateOrg();
  const preview = useQuery({
    queryKey: ["manifests", name, "rollback", version],
    queryFn: () => apiFetch<PagedImpact & { version: string }>(`/api/manifests/${encodeURIComponent(name)}/rollback?version=${encodeURIComponent(version!)}`),
    enabled: version !== null,
    staleTime: 0,
  });
  const rollback = useMutation({
    mutationFn: () => api.rollback(name, version!, message || `Roll back to ${version}`, confirm || undefined),
    onSuccess: async (r) => {
      toast.success(`Rolled back: published ${name} ${r.version} with the content of ${version}`);
      await invalidate();
      setConfirm(false);
      onClose();
    },
    onError: (e) => {
      if (!isApiError(e, "CONFIRMATION_REQUIRED")) toastError(e, "Rollback failed");
    },
  });
  const refusedImpact = isApiError(rollback.error, "CONFIRMATION_REQUIRED") ? ((rollback.error.body.impact as PagedImpact | undefined) ?? null) : null;
  const impact = refusedImpact ?? preview.data;
  const brokenCount = impact ? impact.summary.broken.domains + impact.summary.broken.products : 0;
  const breaking = brokenCount > 0;
  return (
    <Dialog open={version !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent title={`Roll back ${name} to ${version}?`} description={`This publishes the content of ${version} as a new version. Domains and products follow the new version.`} className="w-[min(44rem,calc(100vw-2rem))]">
        <form className="flex flex-col gap-3" onSubmit={(e) => { e.preventDefault(); rollback.mutate(); }}>
          <section aria-label="Impact preview" className="flex flex-col gap-2">
            {preview.error && !refusedImpact ? <ErrorPanel error={preview.error} title="Could not compute the impact" /> : impact ? <ImpactList impact={impact} /> : <Loading label="Computing impact…" />}
          </section>
          <Field label="Message" htmlFor="rollback-message">
            <Input id="rollback-message" value={message} onChange={(e) => setMessage(e.target.value)} placeholder={`Roll back to ${version}`} />
          </Field>
          {breaking && (
            <label className="flex items-start gap-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
              <input type="checkbox" className="mt-0.5" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} />
              <span>
                I understand that {impact?.broken.slice(0, 10).map((b) => b.name).join(", ")}
                {brokenCount > 10 ? ` and ${brokenCount - 10} more` : ""} will become invalid.
              </span>
            </label>
          )}
          <DialogFooter>
            <Button variant="ghost" onClick={onClose}>Cancel</Button>
            <Button type="submit" variant="danger" disabled={rollback.isPending || !impact || (breaking && !confirm)}>{breaking ? "Roll back anyway" : "Publish rollback"}</Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
