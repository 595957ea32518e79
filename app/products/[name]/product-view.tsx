"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ReactCodeMirrorRef } from "@uiw/react-codemirror";
import { Save } from "lucide-react";
import Link from "next/link";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { keys, toastError, useProduct } from "@/components/api/hooks";
import { QueryView } from "@/components/api/query-state";
import { ConflictNotice } from "@/components/editor/conflict-notice";
import { useLiveViolations } from "@/components/editor/use-violations";
import { ViolationList } from "@/components/editor/violation-list";
import { revealViolation, YamlEditor } from "@/components/editor/yaml-editor";
import { PageHeader } from "@/components/page-header";
import { ValidityBadge } from "@/components/policy/status-badge";
import { ProductStatusBadge } from "@/components/product/product-status";
import { RequestHistory } from "@/components/product/request-history";
import { ProvenanceTable } from "@/components/provenance/provenance-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { api, isApiError, type ProductDetail } from "@/lib/client/api";
import { hasErrors } from "@/lib/violations";

export function ProductView({ name }: { name: string }) {
  const product = useProduct(name);
  return <QueryView query={product}>{(d) => <Product detail={d} />}</QueryView>;
}

function Product({ detail }: { detail: ProductDetail }) {
  const { product, resolution } = detail;
  // The server asked can(product.edit) for this caller: the team's own members.
  const mine = detail.canEdit;
  return (
    <>
      <PageHeader
        title={<span className="flex items-center gap-2">{product.name} <ProductStatusBadge product={product} /> <ValidityBadge violations={resolution?.violations} unknown={!resolution} /></span>}
        description={
          <>
            {product.description ?? ""} {product.domain && <>· domain <Link className="text-indigo-700 hover:underline" href={`/domains/${product.domain}`}>{product.domain}</Link>{product.domainVersion ? ` ${product.domainVersion}` : ""}</>} {product.team && <>· team {product.team}</>}
          </>
        }
      />
      <div className="flex flex-col gap-4 px-6 py-4">
        {resolution && (
          <nav aria-label="Resolution chain" className="flex flex-wrap items-center gap-1.5 text-xs text-slate-600">
            <span className="font-medium">Resolves through</span>
            {resolution.chain.map((link, i) => (
              <span key={`${link.tier}-${link.name}`} className="flex items-center gap-1.5">
                {i > 0 && <span aria-hidden>→</span>}
                <Badge tone="neutral" title={link.ref ?? undefined}>{link.tier} {link.name} {link.version}</Badge>
              </span>
            ))}
            {resolution.mode && <span className="text-slate-500">({resolution.mode})</span>}
          </nav>
        )}
        <Tabs defaultValue="resolved">
          <TabsList aria-label="Product sections">
            <TabsTrigger value="resolved">Resolved configuration</TabsTrigger>
            <TabsTrigger value="floe">floe.yaml</TabsTrigger>
            <TabsTrigger value="violations">Violations{resolution ? ` (${resolution.violations.length})` : ""}</TabsTrigger>
            <TabsTrigger value="requests">Registration ({detail.requests.length})</TabsTrigger>
          </TabsList>
          <TabsContent value="resolved">
            {resolution?.resolved ? <ProvenanceTable resolution={resolution} idPrefix="product-resolved" /> : <p className="text-slate-500">This product does not resolve yet: see its violations.</p>}
          </TabsContent>
          <TabsContent value="floe">
            {detail.floeYaml === null ? (
              <p className="text-slate-500">This product is {product.status}: its floe.yaml is shown to team {product.team} and the owners of {product.domain} only.</p>
            ) : (
              <FloeEditor detail={detail} floeYaml={detail.floeYaml} />
            )}
          </TabsContent>
          <TabsContent value="violations">
            <ViolationList violations={resolution?.violations ?? []} showFile label="Product violations" emptyText="This product resolves without problems." />
          </TabsContent>
          <TabsContent value="requests">
            <RequestHistory product={product.name} domain={product.domain} requests={detail.requests} canAct={mine} />
          </TabsContent>
        </Tabs>
      </div>
    </>
  );
}

/** The product's floe.yaml: editable by its team, read-only for everyone else. */
function FloeEditor({ detail, floeYaml }: { detail: ProductDetail; floeYaml: string }) {
  const name = detail.product.name;
  const qc = useQueryClient();
  const editorRef = useRef<ReactCodeMirrorRef>(null);
  const [text, setText] = useState(floeYaml);
  const [saved, setSaved] = useState({ yaml: floeYaml, revision: detail.revision });
  const [conflict, setConflict] = useState<{ yaml: string; revision: number } | null>(null);
  const { violations } = useLiveViolations("product", text, name, "floe.yaml");
  const dirty = text !== saved.yaml;
  const save = useMutation({
    mutationFn: () => api.saveFloe(name, text, conflict?.revision ?? saved.revision),
    onSuccess: (r) => {
      setSaved({ yaml: text, revision: r.revision });
      setConflict(null);
      toast.success("floe.yaml saved", { description: `Revision ${r.revision}` });
      return qc.invalidateQueries({ queryKey: keys.product(name) });
    },
    onError: (e) => {
      const current = isApiError(e, "STALE_REVISION") ? (e.body.current as { yaml: string; revision: number } | undefined) : undefined;
      if (current) setConflict(current);
      toastError(e, "Could not save floe.yaml");
    },
  });
  return (
    <Card>
      <CardHeader className="flex-row items-center gap-2">
        <CardTitle>floe.yaml</CardTitle>
        <Badge tone="neutral">rev {saved.revision}</Badge>
        {!detail.canEdit && <Badge tone="locked">Read only</Badge>}
        {detail.canEdit && (
          <Button className="ml-auto" variant="primary" onClick={() => save.mutate()} disabled={(!dirty && !conflict) || hasErrors(violations) || save.isPending}>
            <Save aria-hidden /> Save
          </Button>
        )}
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {conflict && (
          <ConflictNotice mine={text} theirs={conflict} onReloadTheirs={() => { setText(conflict.yaml); setSaved(conflict); setConflict(null); }} onKeepMine={() => { setSaved(conflict); setConflict(null); }} />
        )}
        <YamlEditor value={text} onChange={detail.canEdit ? setText : undefined} readOnly={!detail.canEdit} violations={violations} label={`${name} floe.yaml`} editorRef={editorRef} height="26rem" />
        <ViolationList violations={violations} onSelect={(v) => revealViolation(editorRef, v)} emptyText="No problems in this file." />
      </CardContent>
    </Card>
  );
}
