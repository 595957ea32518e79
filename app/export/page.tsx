import type { Metadata } from "next";
import { GitStatusCard } from "@/components/git/git-status-card";
import { PageHeader } from "@/components/page-header";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { requireActor } from "@/server/auth/require";
import { getDb } from "@/server/db/client";
import { registryStatus, type VersionRegistryState } from "@/server/registry/status";
import { exportTargets } from "@/server/services/export-org";

export const metadata: Metadata = { title: "Export and registry" };
export const dynamic = "force-dynamic";

const TONE: Record<VersionRegistryState, BadgeTone> = { "in-sync": "valid", missing: "pending", drifted: "broken" };

export default async function ExportPage() {
  const actor = await requireActor();
  const db = getDb();
  const [domains, status] = await Promise.all([exportTargets(db, actor), registryStatus(db)]);
  return (
    <>
      <PageHeader title="Export and registry" description="Download the organisation in the mesh check layout; see whether every published version is in the OCI registry." />
      <div className="flex max-w-5xl flex-col gap-4 p-6">
        <Card>
          <CardHeader>
            <CardTitle>Export</CardTitle>
            <CardDescription>Every published version byte for byte (values that look like secrets masked), plus approved (products/) and pending (pending/) floe.yaml files. Run <code>mesh check</code> on the unpacked folder, or import it elsewhere.</CardDescription>
          </CardHeader>
          <CardContent className="flex flex-wrap gap-2">
            <a className={buttonClasses({ variant: "primary" })} href="/api/export" download>Whole organisation (.tar.gz)</a>
            {domains.map((name) => (
              <a key={name} className={buttonClasses()} href={`/api/export?domain=${encodeURIComponent(name)}`} download>{name} only</a>
            ))}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>OCI registry</CardTitle>
            <CardDescription>
              {!status.configured ? "No registry configured (set MESH_REGISTRY_URL): versions live in the database only." : status.reachable ? `${status.url}: ${status.counts["in-sync"]} in sync, ${status.counts.missing} missing, ${status.counts.drifted} drifted` : `${status.url} is unreachable: ${status.error}`}
            </CardDescription>
          </CardHeader>
          {status.configured && status.reachable && (
            <CardContent>
              <Table>
                <THead><TR><TH>Reference</TH><TH>State</TH><TH>Registry digest</TH></TR></THead>
                <TBody>
                  {status.versions.map((v) => (
                    <TR key={v.ref}><TD className="font-mono text-xs">{v.ref}</TD><TD><Badge tone={TONE[v.state]}>{v.state}</Badge></TD><TD className="font-mono text-xs">{v.registryDigest?.slice(0, 19) ?? "—"}</TD></TR>
                  ))}
                </TBody>
              </Table>
              {status.unknownTags.length > 0 && (
                <p className="mt-3 text-sm text-slate-600">Tags the console never published: {status.unknownTags.map((u) => `${u.repository}: ${u.tags.join(", ")}`).join("; ")}</p>
              )}
            </CardContent>
          )}
        </Card>
        <GitStatusCard />
      </div>
    </>
  );
}
