import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { GitSide } from "@/lib/gitops/agreement";
import { getDb } from "@/server/db/client";
import { gitStatus } from "@/server/git/incoming";

const TONE: Record<GitSide, BadgeTone> = { same: "valid", differs: "broken", "not-in-git": "pending", "pending-push": "pending" };

/** Per manifest: do git, the console and the registry agree; what came in from git (adopted only by a console publish). */
export async function GitStatusCard() {
  const status = await gitStatus(getDb());
  if (!status.configured) {
    return (
      <Card>
        <CardHeader>
          <CardTitle>Git</CardTitle>
          <CardDescription>No git repository configured (set MESH_GIT_REMOTE): publishing does not commit anywhere.</CardDescription>
        </CardHeader>
      </Card>
    );
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle>Git</CardTitle>
        <CardDescription>
          {status.remote} ({status.branch}{status.path ? `, ${status.path}/` : ""}): {status.remoteError ? `unreachable, retrying: ${status.remoteError}` : `last fetched ${status.fetchedAt ?? "never"}`}
          {status.outbox.pending > 0 && ` · ${status.outbox.pending} commit(s) waiting to be pushed${status.outbox.lastError ? ` (${status.outbox.lastError})` : ""}`}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Table>
          <THead><TR><TH>Manifest</TH><TH>Version</TH><TH>Git</TH><TH>Registry</TH></TR></THead>
          <TBody>
            {status.manifests.flatMap((m) =>
              m.versions.map((v) => (
                <TR key={v.ref}><TD>{m.name}</TD><TD className="font-mono text-xs">{v.version}</TD><TD><Badge tone={TONE[v.git]}>{v.git}</Badge></TD><TD>{v.registry}</TD></TR>
              )),
            )}
          </TBody>
        </Table>
        {status.manifests.some((m) => m.incoming.length > 0) && (
          <div className="mt-4">
            <h3 className="text-sm font-semibold">Incoming from git (takes effect only when adopted into a draft and published here)</h3>
            <ul className="mt-2 list-disc pl-5 text-sm">
              {status.manifests.flatMap((m) =>
                m.incoming.map((i) => (
                  <li key={i.path}>
                    <span className="font-mono text-xs">{i.path}</span> — {i.kind}; {i.violations.length === 0 ? "valid" : i.violations.map((v) => `${v.code} at ${v.line}:${v.column}`).join(", ")}
                  </li>
                )),
              )}
            </ul>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
