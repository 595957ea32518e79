"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ReactCodeMirrorRef } from "@uiw/react-codemirror";
import { History, Rocket, Save } from "lucide-react";
import Link from "next/link";
import { useEffect, useRef, useState, type ReactNode } from "react";
import semver from "semver";
import { toast } from "sonner";
import { keys, toastError, useVersion } from "@/components/api/hooks";
import { YamlDiff } from "@/components/diff/yaml-diff";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { api, isApiError, type ManifestDetail } from "@/lib/client/api";
import { hasErrors } from "@/lib/violations";
import { ReviewControls, useReviewState } from "@/components/review/review-controls";
import { ConflictNotice } from "./conflict-notice";
import { PublishDialog } from "./publish-dialog";
import { useLiveViolations } from "./use-violations";
import { ViolationList } from "./violation-list";
import { revealViolation, YamlEditor } from "./yaml-editor";

export type FormRenderer = (props: { text: string; setText: (text: string) => void; readOnly: boolean }) => ReactNode;

export function latestVersion(detail: ManifestDetail) {
  return [...detail.versions].sort((a, b) => semver.rcompare(semver.coerce(a.version) ?? "0.0.0", semver.coerce(b.version) ?? "0.0.0"))[0] ?? null;
}

type Draft = NonNullable<ManifestDetail["draft"]>;

/**
 * The enterprise and domain pages: the draft editor for who may edit the manifest, the latest
 * published version (read-only) for everyone else; the server sends drafts to editors only.
 */
export function ManifestWorkbench({ detail, form }: { detail: ManifestDetail; form: FormRenderer }) {
  return detail.draft ? <DraftWorkbench detail={detail} draft={detail.draft} form={form} /> : <PublishedView detail={detail} form={form} />;
}

/** What a reader sees: the latest published version, and whether its editors are working on a draft. */
function PublishedView({ detail, form }: { detail: ManifestDetail; form: FormRenderer }) {
  const name = detail.manifest.name;
  const editorRef = useRef<ReactCodeMirrorRef>(null);
  const latest = latestVersion(detail);
  const published = useVersion(name, latest?.version ?? null);
  const text = published.data?.yaml ?? "";
  const violations = detail.resolution?.violations ?? [];
  return (
    <div className="flex flex-col gap-4">
      <div className="sticky top-0 z-10 flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 bg-white/95 px-3 py-2 shadow-xs backdrop-blur">
        <Badge tone="neutral">{latest ? `published ${latest.version}` : "nothing published"}</Badge>
        <Badge tone="locked">Read only</Badge>
        {detail.draftExists && <span className="text-xs text-slate-500">A draft is in progress; its editors see it.</span>}
        <div className="ml-auto flex items-center gap-2">
          <Link href={`/history/${name}`} className={buttonClasses({ variant: "ghost" })}>
            <History aria-hidden /> History
          </Link>
        </div>
      </div>
      {latest && !published.data ? (
        <p className="text-slate-500">Loading the published version…</p>
      ) : (
        <div className="grid gap-4 xl:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
          <div className="flex flex-col gap-4">{form({ text, setText: () => {}, readOnly: true })}</div>
          <Card>
            <CardHeader>
              <CardTitle>YAML</CardTitle>
            </CardHeader>
            <CardContent className="flex flex-col gap-3">
              <YamlEditor value={text} readOnly violations={[]} label={`${name} published YAML`} editorRef={editorRef} />
              <ViolationList violations={violations} showFile />
            </CardContent>
          </Card>
        </div>
      )}
    </div>
  );
}

/**
 * The shared draft editor: a structured form and the YAML editor both edit one text; save with
 * the revision it was based on (409 → keep mine / reload theirs); diff against the latest
 * published version; publish through the impact preview.
 */
function DraftWorkbench({ detail, draft, form }: { detail: ManifestDetail; draft: Draft; form: FormRenderer }) {
  const name = detail.manifest.name;
  const readOnly = !detail.canEdit;
  const qc = useQueryClient();
  const editorRef = useRef<ReactCodeMirrorRef>(null);
  const [text, setText] = useState(draft.yaml);
  const [saved, setSaved] = useState({ yaml: draft.yaml, revision: draft.revision });
  const [conflict, setConflict] = useState<{ yaml: string; revision: number } | null>(null);
  const [publishing, setPublishing] = useState(false);
  const dirty = text !== saved.yaml;

  // A refetch that brings a newer revision (someone else saved) updates the editor only when nothing
  // is unsaved. An older one (the cache behind a "Reload theirs") must not overwrite what we hold.
  useEffect(() => {
    if (draft.revision <= saved.revision) return;
    if (!dirty) setText(draft.yaml);
    if (!dirty) setSaved({ yaml: draft.yaml, revision: draft.revision });
  }, [draft.revision, draft.yaml, dirty, saved.revision]);

  const { violations, checking } = useLiveViolations("manifest", text, name, `${name}.yaml`);
  const errors = hasErrors(violations);
  const latest = latestVersion(detail);
  const published = useVersion(name, latest?.version ?? null);
  const unchanged = published.data?.yaml === saved.yaml;
  const review = useReviewState(name, detail.manifest.tier);
  const reviewRequired = review.rule !== "none" || review.active !== null;

  const save = useMutation({
    mutationFn: () => api.saveDraft(name, text, conflict?.revision ?? saved.revision),
    onSuccess: (r) => {
      setSaved({ yaml: text, revision: r.revision });
      setConflict(null);
      toast.success("Draft saved", { description: `Revision ${r.revision}` });
      return Promise.all([qc.invalidateQueries({ queryKey: keys.manifest(name) }), qc.invalidateQueries({ queryKey: keys.manifests })]);
    },
    onError: (e) => {
      if (isApiError(e, "STALE_REVISION")) {
        const current = e.body.current as { yaml: string; revision: number } | undefined;
        if (current) setConflict(current);
        toast.error("Save conflict: STALE_REVISION", { description: "Someone else saved this draft. Your text is kept." });
      } else toastError(e, "Could not save the draft");
    },
  });

  // Ctrl/⌘+S saves the draft from anywhere on the page (the browser's "save page" is never wanted here).
  const saveRef = useRef(() => {});
  saveRef.current = () => {
    if (!readOnly && (dirty || conflict) && !save.isPending) save.mutate();
  };
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() === "s" && (e.metaKey || e.ctrlKey)) {
        e.preventDefault();
        saveRef.current();
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);

  return (
    <div className="flex flex-col gap-4">
      <div className="sticky top-0 z-10 flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 bg-white/95 px-3 py-2 shadow-xs backdrop-blur">
        <Badge tone="neutral">draft rev {saved.revision}</Badge>
        {readOnly ? <Badge tone="locked">Read only</Badge> : dirty ? <Badge tone="pending">Unsaved changes</Badge> : <Badge tone="valid">Saved</Badge>}
        <span className="text-xs text-slate-500" aria-live="polite">
          {checking ? "Checking…" : errors ? `${violations.filter((v) => v.severity === "error").length} error(s)` : "No errors"}
        </span>
        <div className="ml-auto flex items-center gap-2">
          <Link href={`/history/${name}`} className={buttonClasses({ variant: "ghost" })}>
            <History aria-hidden /> History
          </Link>
          {!readOnly && (
            <>
              <Button onClick={() => save.mutate()} disabled={!dirty && !conflict} aria-keyshortcuts="Control+S Meta+S" title="Save draft (Ctrl+S)">
                <Save aria-hidden /> {save.isPending ? "Saving…" : "Save draft"}
              </Button>
              <ReviewControls name={name} tier={detail.manifest.tier} revision={saved.revision} unchanged={unchanged} disabledReason={errors ? "Fix the errors first" : dirty ? "Save the draft first" : conflict ? "Resolve the conflict first" : undefined} />
              <Button
                variant="primary"
                onClick={() => setPublishing(true)}
                disabled={errors || dirty || !!conflict || unchanged || reviewRequired}
                title={errors ? "Fix the errors first" : dirty ? "Save the draft first" : unchanged ? "The draft equals the published version" : reviewRequired ? "Changes of this tier are reviewed: submit for review" : undefined}
              >
                <Rocket aria-hidden /> Publish…
              </Button>
            </>
          )}
        </div>
      </div>

      {conflict && (
        <ConflictNotice
          mine={text}
          theirs={conflict}
          onReloadTheirs={() => {
            setText(conflict.yaml);
            setSaved(conflict);
            setConflict(null);
          }}
          onKeepMine={() => {
            setSaved({ yaml: conflict.yaml, revision: conflict.revision });
            setConflict(null);
          }}
        />
      )}

      <Tabs defaultValue="edit">
        <TabsList aria-label="Draft views">
          <TabsTrigger value="edit">Edit</TabsTrigger>
          <TabsTrigger value="diff">Diff vs published{latest ? ` ${latest.version}` : ""}</TabsTrigger>
        </TabsList>
        <TabsContent value="edit">
          <div className="grid gap-4 xl:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
            <div className="flex flex-col gap-4">{form({ text, setText, readOnly })}</div>
            <Card>
              <CardHeader>
                <CardTitle>YAML</CardTitle>
              </CardHeader>
              <CardContent className="flex flex-col gap-3">
                <YamlEditor value={text} onChange={readOnly ? undefined : setText} readOnly={readOnly} violations={violations} label={`${name} draft YAML`} editorRef={editorRef} />
                <ViolationList violations={violations} onSelect={(v) => revealViolation(editorRef, v)} />
              </CardContent>
            </Card>
          </div>
        </TabsContent>
        <TabsContent value="diff">
          {latest ? (
            published.data ? (
              <YamlDiff before={published.data.yaml} after={text} beforeLabel={`Published ${latest.version}`} afterLabel={dirty ? "Draft (unsaved)" : "Draft"} />
            ) : (
              <p className="text-slate-500">Loading the published version…</p>
            )
          ) : (
            <p className="text-slate-500">Nothing published yet.</p>
          )}
        </TabsContent>
      </Tabs>

      <PublishDialog name={name} baseRevision={saved.revision} open={publishing} onOpenChange={setPublishing} onPublished={() => qc.invalidateQueries({ queryKey: keys.manifest(name) })} />
    </div>
  );
}
