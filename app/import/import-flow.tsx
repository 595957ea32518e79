"use client";
// Upload an archive (or name a server folder) → report → confirm → import. The confirmation
// re-sends the same input with the report's fingerprint, so the import is exactly what was shown.
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { formatViolation, type Violation } from "@/lib/violations";

interface Report {
  registry: { host: string; prefix: string } | null;
  fingerprint: string;
  manifests: { path: string; ref: string; name: string; version: string; tier: string }[];
  products: { path: string; name: string; status: string; domainName: string; team: string }[];
  skipped: { path: string; reason: string; detail: string }[];
  violations: Violation[];
  blockers: Violation[];
  /** Domains and products of the current tree the import would break (importing them then needs a confirmation). */
  impact?: { broken: { kind: string; name: string }[] };
}
interface Result { manifests: number; versions: number; products: number; skipped: number; registry: { ref: string; status: string }[] }
type Input = { kind: "archive"; file: File } | { kind: "folder"; folder: string };

async function send(input: Input, confirm?: string, confirmBreaking = false): Promise<unknown> {
  const query = new URLSearchParams(input.kind === "archive" ? { name: input.file.name } : {});
  if (confirm) query.set("confirm", confirm);
  if (confirmBreaking) query.set("confirmBreaking", "1");
  const res = await fetch(`/api/import?${query}`, {
    method: "POST",
    headers: { "content-type": input.kind === "archive" ? "application/octet-stream" : "application/json" },
    body: input.kind === "archive" ? input.file : JSON.stringify({ folder: input.folder }),
  });
  const body = await res.json();
  if (!res.ok) throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
  return body;
}

export function ImportFlow() {
  const [input, setInput] = useState<Input | null>(null);
  const [folder, setFolder] = useState("");
  const [report, setReport] = useState<Report | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run<T>(action: () => Promise<T>, then: (value: T) => void) {
    setBusy(true);
    setError(null);
    try {
      then(await action());
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }
  const review = (next: Input) => {
    setInput(next);
    setResult(null);
    void run(() => send(next), (r) => setReport(r as Report));
  };

  return (
    <div className="flex max-w-5xl flex-col gap-4">
      <Card>
        <CardHeader>
          <CardTitle>Source</CardTitle>
          <CardDescription>A .tar, .tar.gz or .zip of the directory (an export of this console works), or a folder inside the server's import root (MESH_IMPORT_ROOT).</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-wrap items-end gap-4">
          <label className="flex flex-col gap-1 text-sm">
            Archive
            <input type="file" accept=".tar,.tgz,.gz,.zip" disabled={busy} onChange={(e) => e.target.files?.[0] && review({ kind: "archive", file: e.target.files[0] })} />
          </label>
          <form className="flex items-end gap-2" onSubmit={(e) => (e.preventDefault(), folder && review({ kind: "folder", folder }))}>
            <label className="flex flex-col gap-1 text-sm">
              Server folder
              <Input value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="acme" className="w-72" />
            </label>
            <Button type="submit" disabled={busy || !folder}>Review</Button>
          </form>
        </CardContent>
      </Card>

      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      {result && (
        <p role="status" className="text-sm text-emerald-800">
          Imported {result.versions} version(s) of {result.manifests} manifest(s) and {result.products} product(s); {result.skipped} file(s) skipped.
          {result.registry.length > 0 && ` Registry: ${result.registry.filter((r) => r.status === "pushed" || r.status === "unchanged").length}/${result.registry.length} pushed.`}
        </p>
      )}
      {report && !result && <ReportView report={report} busy={busy} onConfirm={() => input && run(() => send(input, report.fingerprint, (report.impact?.broken.length ?? 0) > 0), (r) => setResult(r as Result))} />}
    </div>
  );
}

function ReportView({ report, busy, onConfirm }: { report: Report; busy: boolean; onConfirm: () => void }) {
  const nothing = !report.manifests.length && !report.products.length;
  const broken = report.impact?.broken ?? [];
  return (
    <>
      <Card>
        <CardHeader>
          <CardTitle>Found {report.manifests.length} manifest version(s) and {report.products.length} product(s)</CardTitle>
          <CardDescription>{report.registry ? `References under oci://${report.registry.host}/${report.registry.prefix}/` : "No manifest found"}</CardDescription>
        </CardHeader>
        <CardContent>
          <Table>
            <THead><TR><TH>File</TH><TH>What</TH><TH>Domain</TH><TH>Status</TH></TR></THead>
            <TBody>
              {report.manifests.map((m) => (
                <TR key={m.path}><TD className="font-mono text-xs">{m.path}</TD><TD>{m.tier} {m.name}@{m.version}</TD><TD>{m.tier === "domain" ? m.name : "—"}</TD><TD><Badge>published</Badge></TD></TR>
              ))}
              {report.products.map((p) => (
                <TR key={p.path}><TD className="font-mono text-xs">{p.path}</TD><TD>product {p.name} (team {p.team})</TD><TD>{p.domainName}</TD><TD><Badge tone={p.status === "approved" ? "valid" : "pending"}>{p.status}</Badge></TD></TR>
              ))}
            </TBody>
          </Table>
        </CardContent>
      </Card>
      <Card>
        <CardHeader><CardTitle>Skipped files ({report.skipped.length})</CardTitle></CardHeader>
        <CardContent>
          {report.skipped.length === 0 ? <p className="text-sm text-slate-500">None: every file is imported.</p> : (
            <Table>
              <THead><TR><TH>File</TH><TH>Reason</TH><TH>Detail</TH></TR></THead>
              <TBody>{report.skipped.map((s) => <TR key={s.path}><TD className="font-mono text-xs">{s.path}</TD><TD><Badge tone="pending">{s.reason}</Badge></TD><TD className="text-xs">{s.detail}</TD></TR>)}</TBody>
            </Table>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader><CardTitle>Violations ({report.violations.length})</CardTitle><CardDescription>Blocking: {report.blockers.length} (errors that publishing would refuse too)</CardDescription></CardHeader>
        <CardContent>
          <ul className="flex flex-col gap-1 font-mono text-xs">
            {report.violations.map((v) => <li key={formatViolation(v)} className={report.blockers.some((b) => formatViolation(b) === formatViolation(v)) ? "text-red-700" : "text-slate-700"}>{formatViolation(v)}</li>)}
          </ul>
        </CardContent>
      </Card>
      {broken.length > 0 && (
        <p role="alert" className="text-sm text-red-700">
          Importing breaks {broken.length} {broken.length === 1 ? "entry" : "entries"} of the current tree: {broken.slice(0, 20).map((e) => `${e.kind} ${e.name}`).join(", ")}
          {broken.length > 20 ? ", …" : ""}. Importing anyway is recorded as a confirmed breaking change.
        </p>
      )}
      <div className="flex items-center gap-3">
        <Button variant="primary" disabled={busy || nothing || report.blockers.length > 0} onClick={onConfirm}>{broken.length > 0 ? "Import anyway (breaking)" : "Import in one transaction"}</Button>
        {report.blockers.length > 0 && <span className="text-sm text-red-700">Fix the blocking violations first.</span>}
      </div>
    </>
  );
}
