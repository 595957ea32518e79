"use client";

import { useMutation } from "@tanstack/react-query";
import { Rocket } from "lucide-react";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { useImpact, useInvalidateOrg } from "@/components/api/hooks";
import { ErrorPanel, Loading } from "@/components/api/query-state";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { api, isApiError, type PagedImpact } from "@/lib/client/api";
import { ImpactList } from "./impact-list";
import { ViolationList } from "./violation-list";

/**
 * Impact preview, then publish with a message. Breaking changes need an explicit confirmation;
 * a 428 from the server (the tree changed since the preview) shows its impact and asks again.
 */
export function PublishDialog({ name, baseRevision, open, onOpenChange, onPublished }: {
  name: string;
  baseRevision: number;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onPublished: (version: string) => void;
}) {
  const impactQuery = useImpact(name, open);
  const [message, setMessage] = useState("");
  const [confirm, setConfirm] = useState(false);
  const [serverImpact, setServerImpact] = useState<PagedImpact | null>(null);
  const invalidate = useInvalidateOrg();
  const publish = useMutation({
    mutationFn: () => api.publish(name, { baseRevision, message, confirmBreaking: confirm || undefined }),
    onSuccess: async (r) => {
      toast.success(`Published ${name} ${r.version}`, { description: r.ref });
      await invalidate();
      onPublished(r.version);
      onOpenChange(false);
    },
    onError: (e) => {
      if (isApiError(e, "CONFIRMATION_REQUIRED")) setServerImpact((e.body.impact as PagedImpact) ?? null);
    },
  });

  const { reset: resetPublish } = publish; // stable across renders, unlike the mutation object
  useEffect(() => {
    if (!open) {
      setConfirm(false);
      setServerImpact(null);
      resetPublish();
    }
  }, [open, resetPublish]);

  const impact = serverImpact ?? impactQuery.data;
  // What publishing rewrites into floe's canonical form (FLOE_COMPAT notes from the preview).
  const normalised = (impactQuery.data?.violations ?? []).filter((v) => v.code === "FLOE_COMPAT" && v.message.startsWith("published in floe's form"));
  const brokenCount = impact ? impact.summary.broken.domains + impact.summary.broken.products : 0;
  const breaking = brokenCount > 0;
  const needsConfirm = breaking || serverImpact !== null;
  const error = publish.error && !isApiError(publish.error, "CONFIRMATION_REQUIRED") ? publish.error : null;

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title={`Publish ${name}`} description="Review what this version changes across the organisation." className="w-[min(44rem,calc(100vw-2rem))]">
        <form
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            publish.mutate();
          }}
        >
          <section aria-label="Impact preview" className="flex flex-col gap-2">
            {impactQuery.error && !serverImpact ? <ErrorPanel error={impactQuery.error} title="Could not compute the impact" /> : impact ? <ImpactList impact={impact} pages={{ load: (group, cursor) => api.impactPage(name, group, cursor), overlay: name }} /> : <Loading label="Computing impact…" />}
          </section>
          {normalised.length > 0 && (
            <section aria-label="Written in floe's form" className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-950">
              <p className="font-medium">Published in floe&apos;s form: the draft uses the ADR&apos;s shorthand, which floe-core does not read.</p>
              <ul className="mt-1 list-disc pl-5 font-mono text-xs">
                {normalised.map((v) => <li key={`${v.path}:${v.message}`}>{v.message.replace(/^published in floe's form: /, "")}</li>)}
              </ul>
            </section>
          )}
          <Field label="Publish message" htmlFor="publish-message" hint="Shown in the history and the audit log.">
            <Input id="publish-message" value={message} onChange={(e) => setMessage(e.target.value)} required aria-describedby="publish-message-hint" placeholder="What changes and why" />
          </Field>
          {needsConfirm && (
            <label className="flex items-start gap-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
              <input type="checkbox" className="mt-0.5" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} />
              <span>
                I understand that {impact ? brokenCount : "some"} domain(s)/product(s) will become invalid: {impact?.broken.slice(0, 10).map((b) => b.name).join(", ")}
                {brokenCount > 10 ? ` and ${brokenCount - 10} more` : ""}.
              </span>
            </label>
          )}
          {error && (
            <div className="flex flex-col gap-2">
              <ErrorPanel error={error} title="Publish failed" />
              {isApiError(error) && error.violations.length > 0 && <ViolationList violations={error.violations} />}
            </div>
          )}
          <DialogFooter>
            <Button variant="ghost" onClick={() => onOpenChange(false)}>Cancel</Button>
            <Button type="submit" variant={needsConfirm ? "danger" : "primary"} disabled={!message.trim() || !impact || (needsConfirm && !confirm) || publish.isPending}>
              <Rocket aria-hidden />
              {publish.isPending ? "Publishing…" : needsConfirm ? "Publish anyway" : "Publish"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
