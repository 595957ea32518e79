"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Eraser, GitPullRequestArrow } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { keys, toastError } from "@/components/api/hooks";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { reviewApi, STATUS_LABEL } from "@/lib/client/review-api";

/** The tier's review rule and the change of this manifest under review, if any. */
export function useReviewState(name: string, tier: string) {
  const rules = useQuery({ queryKey: ["review-rules"], queryFn: reviewApi.rules, staleTime: 60_000 });
  const active = useQuery({ queryKey: ["changes", "active", name], queryFn: () => reviewApi.changes({ status: "active", manifest: name }) });
  const rule = rules.data ? (tier === "domain" ? rules.data.domain : rules.data.enterprise) : "none";
  return { rule, active: active.data?.items[0] ?? null };
}

/**
 * Beside "Publish": submit the saved draft for review, see the change under review, discard the
 * draft (back to the latest published version).
 */
export function ReviewControls({ name, tier, revision, disabledReason, unchanged }: { name: string; tier: string; revision: number; disabledReason?: string; unchanged: boolean }) {
  const { active } = useReviewState(name, tier);
  const [open, setOpen] = useState(false);
  const qc = useQueryClient();
  const discard = useMutation({
    mutationFn: () => reviewApi.discardDraft(name, revision),
    onSuccess: (r) => {
      toast.success(`Draft discarded: back to ${r.version}`);
      return qc.invalidateQueries({ queryKey: keys.manifest(name) });
    },
    onError: (e) => toastError(e, "Could not discard the draft"),
  });
  if (active)
    return (
      <Link href={`/changes/${active.id}`} className="text-sm font-medium text-amber-800 underline">
        {STATUS_LABEL[active.status]}: {active.title}
      </Link>
    );
  return (
    <>
      <Button onClick={() => discard.mutate()} disabled={unchanged || discard.isPending} title={unchanged ? "The draft equals the published version" : "Reset the draft to the latest published version"}>
        <Eraser aria-hidden /> Discard draft
      </Button>
      <Button onClick={() => setOpen(true)} disabled={!!disabledReason || unchanged} title={disabledReason ?? (unchanged ? "The draft equals the published version" : undefined)}>
        <GitPullRequestArrow aria-hidden /> Submit for review…
      </Button>
      <SubmitDialog name={name} revision={revision} open={open} onOpenChange={setOpen} />
    </>
  );
}

function SubmitDialog({ name, revision, open, onOpenChange }: { name: string; revision: number; open: boolean; onOpenChange: (o: boolean) => void }) {
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const router = useRouter();
  const submit = useMutation({
    mutationFn: () => reviewApi.submit({ name, baseRevision: revision, title: title.trim(), description }),
    onSuccess: (r) => {
      toast.success("Submitted for review");
      onOpenChange(false);
      router.push(`/changes/${r.id}`);
    },
    onError: (e) => toastError(e, "Could not submit the change"),
  });
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title={`Submit ${name} for review`} description={`Revision ${revision} of the draft goes to review; its impact is computed now. Editing the draft later sends it back to review.`}>
        <form className="flex flex-col gap-3" onSubmit={(e) => { e.preventDefault(); submit.mutate(); }}>
          <Field label="Title" htmlFor="change-title">
            <Input id="change-title" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} placeholder="What changes" />
          </Field>
          <Field label="Description" htmlFor="change-description" hint="Why, and what reviewers should look at.">
            <Textarea id="change-description" value={description} onChange={(e) => setDescription(e.target.value)} rows={4} aria-describedby="change-description-hint" />
          </Field>
          <DialogFooter>
            <Button variant="ghost" onClick={() => onOpenChange(false)}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={!title.trim() || submit.isPending}>
              <GitPullRequestArrow aria-hidden /> {submit.isPending ? "Submitting…" : "Submit for review"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
