import { Building2, Cpu, FolderOpen, Layers, Package } from "lucide-react";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { loadExampleOrg, type ExampleDomain } from "@/server/example-org";

// Read the example files on each request, so edits show without a rebuild.
export const dynamic = "force-dynamic";

export default async function HomePage() {
  const org = await loadExampleOrg();
  const products = org?.domains.flatMap((d) => d.products) ?? [];
  const pendingCount = products.filter((p) => !p.approved).length;

  return (
    <>
      <PageHeader
        title="Organisation"
        description={
          org
            ? `${org.domains.length} domains · ${products.length} data products (${pendingCount} pending approval) · example organisation from examples/acme`
            : "Enterprise → domain → product configuration"
        }
      />
      <div className="flex flex-col gap-4 p-6">
        {!org || !org.enterprise ? (
          <EmptyState
            icon={FolderOpen}
            title="No organisation found"
            description="Add an enterprise manifest under examples/acme/registry to see the organisation here."
          />
        ) : (
          <Card aria-labelledby="enterprise-title">
            <CardHeader className="flex-row items-center gap-3">
              <Building2 aria-hidden className="size-5 text-indigo-600" />
              <div className="flex min-w-0 flex-1 flex-col">
                <CardTitle id="enterprise-title">
                  {org.enterprise.name} <span className="font-normal text-slate-500">v{org.enterprise.version}</span>
                </CardTitle>
                <CardDescription className="truncate font-mono">{org.enterprise.ref}</CardDescription>
              </div>
              <Badge tone="neutral">Enterprise</Badge>
              {org.enterprise.compute && <ComputeBadge compute={org.enterprise.compute} label="default compute" />}
            </CardHeader>
            <CardContent className="flex flex-col gap-3">
              {org.enterprise.description && <p className="text-slate-600">{org.enterprise.description}</p>}
              {org.domains.length === 0 ? (
                <EmptyState icon={Layers} title="No domains yet" description="Domain manifests whose parent is this enterprise appear here." />
              ) : (
                <ul aria-label="Domains" className="grid gap-3 lg:grid-cols-3">
                  {org.domains.map((domain) => (
                    <DomainItem key={domain.ref} domain={domain} />
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>
        )}
      </div>
    </>
  );
}

function DomainItem({ domain }: { domain: ExampleDomain }) {
  const headingId = `domain-${domain.name}`;
  return (
    <li aria-labelledby={headingId} className="flex flex-col rounded-md border border-slate-200">
      <div className="flex flex-col gap-1 border-b border-slate-100 bg-slate-50/60 px-3 py-2">
        <div className="flex items-center gap-2">
          <Layers aria-hidden className="size-4 text-slate-500" />
          <h3 id={headingId} className="font-semibold">{domain.name}</h3>
          <span className="text-xs text-slate-500">v{domain.version}</span>
          <span className="ml-auto">{domain.compute ? <ComputeBadge compute={domain.compute} /> : <Badge tone="neutral">inherits compute</Badge>}</span>
        </div>
        {domain.description && <p className="text-xs text-slate-500">{domain.description}</p>}
      </div>
      {domain.products.length === 0 ? (
        <p className="px-3 py-2 text-slate-500">No data products.</p>
      ) : (
        <ul aria-label={`${domain.name} products`} className="divide-y divide-slate-100">
          {domain.products.map((product) => (
            <li key={product.name} className="flex items-center gap-2 px-3 py-1.5" title={product.description}>
              <Package aria-hidden className="size-3.5 shrink-0 text-slate-400" />
              <span className="truncate">{product.name}</span>
              <span className="text-xs text-slate-500">{product.version}</span>
              <Badge tone={product.approved ? "valid" : "pending"} className="ml-auto">
                {product.approved ? "approved" : "pending approval"}
              </Badge>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function ComputeBadge({ compute, label = "compute" }: { compute: string; label?: string }) {
  return (
    <Badge tone="neutral" title={label}>
      <Cpu aria-hidden className="size-3" />
      <span className="sr-only">{label}: </span>
      {compute}
    </Badge>
  );
}
