"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Send } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { toastError, useManifest, useManifests, useMe, useProduct } from "@/components/api/hooks";
import { ErrorPanel } from "@/components/api/query-state";
import { actorOf, requestTeams } from "@/components/api/permissions";
import { useLiveViolations } from "@/components/editor/use-violations";
import { ViolationList } from "@/components/editor/violation-list";
import { YamlEditor } from "@/components/editor/yaml-editor";
import { latestVersion } from "@/components/editor/manifest-workbench";
import { PageHeader } from "@/components/page-header";
import { floeTemplate } from "@/components/product/floe-template";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { api, isApiError } from "@/lib/client/api";
import { hasErrors } from "@/lib/violations";

const NAME = /^[a-z][a-z0-9-]*$/;

/** Ask a domain to register a product. `from` pre-fills everything from an earlier, rejected or withdrawn request. */
export function RequestForm({ from, initialDomain, owner }: { from: string | null; initialDomain: string; owner: string }) {
  const router = useRouter();
  const qc = useQueryClient();
  const me = useMe();
  const teams = requestTeams(actorOf(me.data));
  const manifests = useManifests();
  const domains = manifests.data?.filter((m) => m.tier === "domain") ?? [];
  const previous = useProduct(from ?? "");
  const [name, setName] = useState(from ?? "");
  const [team, setTeam] = useState("");
  const [description, setDescription] = useState("");
  const [domain, setDomain] = useState(initialDomain);
  const [yaml, setYaml] = useState<string | null>(null); // null: follows the template until edited
  const domainDetail = useManifest(domain);
  const domainRef = domainDetail.data ? (latestVersion(domainDetail.data)?.ref ?? "") : "";
  const text = yaml ?? floeTemplate({ name, description, owner, domainRef });
  const live = useLiveViolations("product", text, undefined, "floe.yaml");
  // Not being approved yet is what this request is for, not a problem with it.
  const violations = live.violations.filter((v) => v.code !== "PRODUCT_NOT_APPROVED");

  useEffect(() => {
    if (!team && teams.length) setTeam(teams[0]);
  }, [team, teams]);
  useEffect(() => {
    const p = previous.data;
    if (!p?.product) return;
    setTeam(p.product.team);
    setDescription(p.product.description);
    setDomain(p.product.domain);
    setYaml(p.floeYaml);
  }, [previous.data]);

  const submit = useMutation({
    mutationFn: () => api.createRequest({ name, team, description, domain, floeYaml: text }),
    onSuccess: async () => {
      toast.success(`Requested registration of ${name} in ${domain}`);
      await Promise.all([qc.invalidateQueries({ queryKey: ["requests"] }), qc.invalidateQueries({ queryKey: ["products"] })]);
      router.push(`/products/${name}`);
    },
    onError: (e) => toastError(e, "Request failed"),
  });
  const nameError = name && !NAME.test(name) ? "Lowercase letters, digits and dashes, starting with a letter" : undefined;
  const ready = NAME.test(name) && team && domain && description.trim() && !hasErrors(violations);

  return (
    <>
      <PageHeader title={from ? `Request ${from} again` : "Request product registration"} description="The domain owner reviews the request; once approved, the product is added to the domain's approved products." />
      <form
        className="grid gap-4 px-6 py-4 xl:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]"
        onSubmit={(e) => {
          e.preventDefault();
          submit.mutate();
        }}
      >
        <Card>
          <CardHeader><CardTitle>Product</CardTitle></CardHeader>
          <CardContent className="flex flex-col gap-3">
            <Field label="Name" htmlFor="req-name" error={nameError} hint="Unique product name, e.g. churn-signals">
              <Input id="req-name" required value={name} onChange={(e) => setName(e.target.value)} aria-invalid={!!nameError} aria-describedby="req-name-hint" readOnly={!!from} />
            </Field>
            <Field label="Team" htmlFor="req-team">
              {teams.length > 0 ? (
                <Select id="req-team" value={team} onChange={(e) => setTeam(e.target.value)}>{teams.map((t) => <option key={t}>{t}</option>)}</Select>
              ) : (
                <Input id="req-team" required value={team} onChange={(e) => setTeam(e.target.value)} />
              )}
            </Field>
            <Field label="Target domain" htmlFor="req-domain">
              <Select id="req-domain" required value={domain} onChange={(e) => setDomain(e.target.value)}>
                <option value="">Choose a domain…</option>
                {domains.map((d) => <option key={d.id} value={d.name}>{d.name}{d.title ? ` — ${d.title}` : ""}</option>)}
              </Select>
            </Field>
            <Field label="Description" htmlFor="req-description">
              <Textarea id="req-description" required value={description} onChange={(e) => setDescription(e.target.value)} className="font-sans" />
            </Field>
            {submit.error && <ErrorPanel error={submit.error} title="The request was refused" />}
            {isApiError(submit.error) && submit.error.violations.length > 0 && <ViolationList violations={submit.error.violations} />}
            <Button type="submit" variant="primary" disabled={!ready || submit.isPending} className="self-start">
              <Send aria-hidden /> {submit.isPending ? "Sending…" : "Request registration"}
            </Button>
          </CardContent>
        </Card>
        <Card>
          <CardHeader><CardTitle>floe.yaml</CardTitle></CardHeader>
          <CardContent className="flex flex-col gap-3">
            <YamlEditor value={text} onChange={setYaml} violations={violations} label="floe.yaml of the requested product" height="22rem" />
            <ViolationList violations={violations} />
          </CardContent>
        </Card>
      </form>
    </>
  );
}
