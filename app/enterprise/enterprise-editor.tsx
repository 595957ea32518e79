"use client";

import { Building2 } from "lucide-react";
import { useManifest, useManifests } from "@/components/api/hooks";
import { ErrorPanel, Loading, QueryView } from "@/components/api/query-state";
import { latestVersion, ManifestWorkbench } from "@/components/editor/manifest-workbench";
import { PageHeader } from "@/components/page-header";
import { EnterpriseForm } from "@/components/policy/enterprise-form";
import { EmptyState } from "@/components/ui/empty-state";

export function EnterpriseEditor() {
  const list = useManifests();
  const enterprise = list.data?.find((m) => m.tier === "enterprise");
  return (
    <>
      <PageHeader title="Enterprise policy" description="The baseline every domain inherits: whitelisted plugins, observability, security and governance." />
      <div className="flex flex-col gap-4 px-6 py-4">
        {list.error ? (
          <ErrorPanel error={list.error} />
        ) : list.isPending ? (
          <Loading />
        ) : enterprise ? (
          <EnterpriseDraft name={enterprise.name} />
        ) : (
          <EmptyState icon={Building2} title="No enterprise manifest" description="This organisation runs two-tier: edit its platform manifest from the Domains page." />
        )}
      </div>
    </>
  );
}

function EnterpriseDraft({ name }: { name: string }) {
  const detail = useManifest(name);
  return (
    <QueryView query={detail}>
      {(d) => (
        <>
          <p className="text-sm text-slate-600">
            <span className="font-semibold text-slate-900">{name}</span> · latest published <span className="font-mono">{latestVersion(d)?.version ?? "none"}</span>
          </p>
          <ManifestWorkbench key={name} detail={d} form={(p) => <EnterpriseForm {...p} />} />
        </>
      )}
    </QueryView>
  );
}
