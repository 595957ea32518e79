"use client";

import { useMutation } from "@tanstack/react-query";
import { GitMerge } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { toastError, useInvalidateOrg, useManifests } from "@/components/api/hooks";
import { QueryView } from "@/components/api/query-state";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { z } from "zod";
import { apiFetch } from "@/lib/client/api";
import type { TierMigrationApplied, TierMigrationPreview } from "@/lib/contract/responses";

type Preview = z.output<typeof TierMigrationPreview>;

export function MigrateView() {
  const manifests = useManifests();
  return (
    <>
      <PageHeader
        title="Migrate to three tiers"
        description="ADR-0038 phase 2: a 2-tier platform manifest becomes a domain under an enterprise manifest. No product's floe.yaml changes: they keep naming the platform's repository, whose next version is the domain."
      />
      <div className="flex flex-col gap-4 px-6 py-4">
        <QueryView query={manifests}>
          {(all) => {
            const platforms = all.filter((m) => m.tier === "platform");
            const enterprise = all.find((m) => m.tier === "enterprise");
            return platforms.length === 0 ? <EmptyState icon={GitMerge} title="No 2-tier platform manifests to migrate" /> : <Wizard platforms={platforms.map((p) => p.name)} enterprise={enterprise?.name ?? null} />;
          }}
        </QueryView>
      </div>
    </>
  );
}

function Wizard({ platforms, enterprise }: { platforms: string[]; enterprise: string | null }) {
  const [platform, setPlatform] = useState(platforms[0]);
  const [name, setName] = useState(enterprise ?? "enterprise");
  const body = { platform, ...(enterprise ? {} : { enterprise: name }) };
  const preview = useMutation({ mutationFn: () => apiFetch<Preview>("/api/migrations/tiers/preview", { method: "POST", body }), onError: (e) => toastError(e, "Could not preview") });
  const invalidate = useInvalidateOrg();
  const router = useRouter();
  const apply = useMutation({
    mutationFn: () => apiFetch<z.output<typeof TierMigrationApplied>>("/api/migrations/tiers/apply", { method: "POST", body }),
    onSuccess: async (r) => {
      toast.success(`Migrated: ${platform} ${r.version} is a domain of ${r.enterprise}`);
      await invalidate();
      router.push(`/domains/${platform}`);
    },
    onError: (e) => toastError(e, "Could not migrate"),
  });
  const p = preview.data;
  return (
    <>
      <Card>
        <CardHeader>
          <CardTitle>1. Choose</CardTitle>
          <CardDescription>{enterprise ? `The domain joins the organisation's enterprise manifest '${enterprise}'.` : "A new enterprise manifest is created from the platform's own values, so nothing it resolved to changes."}</CardDescription>
        </CardHeader>
        <CardContent>
          <form
            aria-label="Migration"
            className="flex items-end gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              preview.mutate();
            }}
          >
            <Field label="Platform manifest" htmlFor="migrate-platform">
              <Select id="migrate-platform" value={platform} onChange={(e) => (setPlatform(e.target.value), preview.reset())}>
                {platforms.map((x) => <option key={x} value={x}>{x}</option>)}
              </Select>
            </Field>
            <Field label="Enterprise manifest" htmlFor="migrate-enterprise">
              <Input id="migrate-enterprise" value={name} disabled={!!enterprise} onChange={(e) => (setName(e.target.value), preview.reset())} />
            </Field>
            <Button type="submit" disabled={preview.isPending}>Preview migration</Button>
          </form>
        </CardContent>
      </Card>
      {p && (
        <Card>
          <CardHeader>
            <CardTitle>2. Check the impact</CardTitle>
            <CardDescription>
              {p.platform} {p.fromVersion} → domain {p.domain.version} under {p.enterprise.name}
              {p.enterprise.created ? " (new, 1.0.0)" : ""}. Every product must still resolve with its floe.yaml unchanged.
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-3">
            <Table aria-label="Products after the migration">
              <THead><tr><TH>Product</TH><TH>Before</TH><TH>After</TH><TH>floe.yaml</TH></tr></THead>
              <TBody>
                {p.products.map((x) => (
                  <TR key={x.name}>
                    <TD className="font-medium">{x.name}</TD>
                    <TD className="text-xs">{x.before.mode}, {x.before.errors} error(s)</TD>
                    <TD>
                      <Badge tone={x.resolves ? "valid" : "broken"}>{x.resolves ? `resolves (${x.after.mode})` : `${x.after.errors} error(s)`}</Badge>
                      {x.after.violations.map((v, i) => <div key={i} className="text-xs text-red-700">{v.code}: {v.message}</div>)}
                    </TD>
                    <TD className="text-xs text-slate-600">unchanged</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
            {p.manifestProblems.map((v, i) => <p key={i} className="text-sm text-red-700">{v.file}:{v.line}:{v.column}: {v.code}: {v.message}</p>)}
            <div className="grid grid-cols-2 gap-3">
              {p.enterprise.yaml && (
                <section aria-label="New enterprise manifest">
                  <h3 className="mb-1 text-sm font-semibold">{p.enterprise.ref}</h3>
                  <pre className="max-h-96 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-2 font-mono text-xs">{p.enterprise.yaml}</pre>
                </section>
              )}
              <section aria-label="Domain manifest">
                <h3 className="mb-1 text-sm font-semibold">{p.domain.ref}</h3>
                <pre className="max-h-96 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-2 font-mono text-xs">{p.domain.yaml}</pre>
              </section>
            </div>
            <div className="flex items-center gap-3">
              <Button variant="primary" disabled={!p.valid || apply.isPending} onClick={() => apply.mutate()}>Migrate {p.platform}</Button>
              {!p.valid && <span className="text-sm text-red-700">Not every product would resolve cleanly: fix the platform first.</span>}
            </div>
          </CardContent>
        </Card>
      )}
    </>
  );
}
