"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Check, MessageSquare, RotateCcw, Undo2, X } from "lucide-react";
import Link from "next/link";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { toastError, useInvalidateOrg } from "@/components/api/hooks";
import { ErrorPanel, QueryView } from "@/components/api/query-state";
import { YamlDiff } from "@/components/diff/yaml-diff";
import { ViolationList } from "@/components/editor/violation-list";
import { PageHeader } from "@/components/page-header";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ReasonDialog } from "@/components/ui/reason-dialog";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { Textarea } from "@/components/ui/textarea";
import { isApiError } from "@/lib/client/api";
import { reviewApi, STATUS_LABEL, type ChangeDetail } from "@/lib/client/review-api";
import type { ChangeStatus } from "@/lib/review/workflow";
import type { ReviewImpact } from "@/lib/review/review-impact";

export const changeKey = (id: string) => ["changes", id] as const;
export const STATUS_TONE: Record<ChangeStatus | "unknown", BadgeTone> = { open: "pending", changes_requested: "pending", approved: "valid", rejected: "broken", withdrawn: "neutral", unknown: "neutral" };

/** A value as one short line: lists inline, absent as "—". */
export const show = (v: unknown) => (v === undefined || v === null ? "—" : typeof v === "string" ? v : JSON.stringify(v));

const RULE_TEXT: Record<string, string> = {
  platform_admin: "another platform admin must approve",
  domain_owner_or_admin: "another owner of the domain or a platform admin must approve",
  domain_owner: "another owner of the domain must approve",
  none: "review optional: anyone else who may publish it approves",
};

/** The decisions that need a reason, each with its dialog's wording. */
const REASONED_DECISIONS = [
  { kind: "request_changes", id: "request-changes-reason", title: "Request changes", description: "The author sees your reason; editing the draft sends the change back to review.", action: "Request changes" },
  { kind: "reject", id: "reject-reason", title: "Reject this change", description: "The change is closed with your reason; the draft stays as it is.", action: "Reject change" },
] as const;

export function ChangeView({ id }: { id: string }) {
  const query = useQuery({ queryKey: changeKey(id), queryFn: () => reviewApi.change(id) });
  return <QueryView query={query}>{(c) => <Change change={c} />}</QueryView>;
}

function Change({ change }: { change: ChangeDetail }) {
  const qc = useQueryClient();
  const invalidateOrg = useInvalidateOrg();
  const [dialog, setDialog] = useState<null | "approve" | "request_changes" | "reject">(null);
  const [commentLine, setCommentLine] = useState<number | null>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: ["changes"] }), invalidateOrg()]);
  const decide = useMutation({
    mutationFn: (d: { kind: "request_changes" | "reject"; reason: string } | { kind: "withdraw" }) =>
      d.kind === "withdraw" ? reviewApi.withdraw(change.id) : d.kind === "reject" ? reviewApi.reject(change.id, d.reason) : reviewApi.requestChanges(change.id, d.reason),
    onSuccess: (_r, d) => {
      toast.success(d.kind === "withdraw" ? "Change withdrawn" : d.kind === "reject" ? "Change rejected" : "Changes requested");
      setDialog(null);
      return refresh();
    },
    onError: (e) => toastError(e, "Could not update the change"),
  });
  const impact: ReviewImpact = change.impactNow && "version" in change.impactNow ? change.impactNow : change.impactAtSubmission;
  const nowInvalid = change.impactNow && !("version" in change.impactNow) ? change.impactNow.violations : null;
  const active = change.status === "open" || change.status === "changes_requested";
  const editor = change.manifest.tier === "domain" ? `/domains/${change.manifest.name}` : "/enterprise";
  const focusComment = (line: number | null) => {
    setCommentLine(line);
    commentRef.current?.focus();
  };

  return (
    <>
      <PageHeader
        title={change.title}
        description={
          <>
            Change to <Link className="text-indigo-700 underline" href={editor}>{change.manifest.name}</Link> ({change.manifest.tier}) by {change.author.name} ({change.author.email}),
            draft revision {change.revision}. Review rule: {RULE_TEXT[change.rule] ?? change.rule}.
          </>
        }
        actions={<Badge tone={STATUS_TONE[change.status]}>{STATUS_LABEL[change.status]}</Badge>}
      />
      <div className="flex flex-col gap-4 px-6 py-4">
        <section aria-label="Decision" className="flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 bg-white px-3 py-2">
          {active ? (
            <>
              <Button variant="primary" onClick={() => setDialog("approve")} disabled={!change.you.approve} aria-describedby="approve-why">
                <Check aria-hidden /> Approve and publish…
              </Button>
              {change.you.review && (
                <>
                  <Button onClick={() => setDialog("request_changes")}><Undo2 aria-hidden /> Request changes…</Button>
                  <Button variant="danger" onClick={() => setDialog("reject")}><X aria-hidden /> Reject…</Button>
                </>
              )}
              {change.you.withdraw && (
                <Button variant="ghost" onClick={() => decide.mutate({ kind: "withdraw" })}><RotateCcw aria-hidden /> Withdraw</Button>
              )}
              <p id="approve-why" className="text-sm text-slate-600">
                {change.you.isAuthor
                  ? "You wrote this change: nobody approves their own change. Another reviewer decides."
                  : change.you.approve
                    ? `Approving publishes exactly revision ${change.revision}.`
                    : change.status === "changes_requested"
                      ? "Changes were requested: the author edits the draft, which sends it back to review."
                      : "You are not a reviewer of this change."}
                {" "}Reviewers: {change.reviewers.join(", ") || "nobody yet"}.
              </p>
            </>
          ) : (
            <p className="text-sm text-slate-700">
              {STATUS_LABEL[change.status]}
              {change.decidedBy ? ` by ${change.decidedBy.name} (${change.decidedBy.email})` : ""}
              {change.decidedAt ? ` on ${new Date(change.decidedAt).toLocaleString()}` : ""}
              {change.published ? `: published ${change.manifest.name} ${change.published.version}` : ""}
              {change.reason ? `. Reason: ${change.reason}` : ""}
            </p>
          )}
          {change.status === "changes_requested" && change.reason && <p className="w-full text-sm text-amber-900">Requested: {change.reason}</p>}
        </section>

        {change.description && (
          <Card>
            <CardHeader><CardTitle>Description</CardTitle></CardHeader>
            <CardContent><p className="text-sm whitespace-pre-wrap">{change.description}</p></CardContent>
          </Card>
        )}

        {nowInvalid && (
          <div className="flex flex-col gap-2">
            <ErrorPanel error={new Error("the organisation moved on since submission and this draft no longer publishes cleanly")} title="Not publishable now" />
            <ViolationList violations={nowInvalid} />
          </div>
        )}
        {/* "Recomputed" only when the answer moved: any write (a comment too) invalidates the stored preview. */}
        <ImpactSection impact={impact} recomputed={change.impactNow !== null && !nowInvalid && JSON.stringify(change.impactNow) !== JSON.stringify(change.impactAtSubmission)} />

        <Card>
          <CardHeader><CardTitle>Diff against published {change.base?.version ?? "(nothing published)"}</CardTitle></CardHeader>
          <CardContent>
            <YamlDiff before={change.base?.yaml ?? ""} after={change.yaml} beforeLabel={change.base ? `Published ${change.base.version}` : "Nothing published"} afterLabel={`Reviewed revision ${change.revision}`} />
          </CardContent>
        </Card>

        <div className="grid gap-4 xl:grid-cols-[minmax(0,6fr)_minmax(0,5fr)]">
          <Card>
            <CardHeader><CardTitle>Reviewed YAML</CardTitle></CardHeader>
            <CardContent>
              <AnnotatedYaml yaml={change.yaml} comments={change.comments} canComment={change.you.comment} onComment={focusComment} />
            </CardContent>
          </Card>
          <Discussion change={change} line={commentLine} setLine={setCommentLine} textareaRef={commentRef} />
        </div>
      </div>

      <ApproveDialog change={change} impact={impact} open={dialog === "approve"} onOpenChange={(o) => setDialog(o ? "approve" : null)} onDone={refresh} />
      {REASONED_DECISIONS.map((d) => (
        <ReasonDialog
          key={d.kind}
          id={d.id}
          open={dialog === d.kind}
          onOpenChange={(o) => setDialog(o ? d.kind : null)}
          title={d.title}
          description={d.description}
          action={d.action}
          pending={decide.isPending}
          onConfirm={(reason) => decide.mutate({ kind: d.kind, reason })}
        />
      ))}
    </>
  );
}

/** What the change moves (before → after), and every domain and product it breaks, with owners. */
export function ImpactSection({ impact, recomputed }: { impact: ReviewImpact; recomputed: boolean }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Impact{recomputed ? " (recomputed: the organisation changed since submission)" : " (at submission)"}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <p className="text-sm text-slate-700">
          Publishes version <span className="font-mono">{impact.version}</span>. {impact.changedCount} domain(s)/product(s) change, {impact.broken.length} break, {impact.fixed.length} get fixed.
        </p>
        <section aria-labelledby="value-changes" className="flex flex-col gap-1">
          <h3 id="value-changes" className="text-xs font-semibold tracking-wide text-slate-600 uppercase">What changes</h3>
          {impact.valueChanges.length === 0 ? (
            <p className="text-sm text-slate-500">No value changes (layout or comments only).</p>
          ) : (
            <Table aria-label="Value changes">
              <THead><tr><TH>Path</TH><TH>Before</TH><TH>After</TH></tr></THead>
              <TBody>
                {impact.valueChanges.map((c) => (
                  <TR key={c.path}>
                    <TD className="font-mono text-xs">{c.path}</TD>
                    <TD className="font-mono text-xs text-red-800">{show(c.before)}</TD>
                    <TD className="font-mono text-xs text-emerald-800">{show(c.after)}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </section>
        <section aria-labelledby="breaking" className="flex flex-col gap-1">
          <h3 id="breaking" className="flex items-center gap-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">
            Would break <Badge tone={impact.broken.length ? "broken" : "valid"}>{impact.broken.length}</Badge>
          </h3>
          {impact.broken.length === 0 ? (
            <p className="text-sm text-slate-500">Nothing breaks.</p>
          ) : (
            <Table aria-label="Would break">
              <THead><tr><TH>Domain / product</TH><TH>Owners</TH><TH>Rule</TH><TH>Before → after</TH></tr></THead>
              <TBody>
                {impact.broken.flatMap((b) =>
                  b.errors.map((e, i) => (
                    <TR key={`${b.kind}-${b.name}-${i}`}>
                      <TD>
                        {i === 0 && (
                          <>
                            <Badge tone="neutral">{b.kind}</Badge>{" "}
                            <Link className="font-medium text-indigo-700 hover:underline" href={b.kind === "domain" ? `/domains/${b.name}` : `/products/${b.name}`}>{b.name}</Link>
                            {b.kind === "product" && b.domain ? <span className="text-xs text-slate-500"> in {b.domain}</span> : null}
                          </>
                        )}
                      </TD>
                      <TD className="text-xs">{i === 0 ? b.owners.join(", ") || "no owner" : ""}</TD>
                      <TD className="font-mono text-xs text-red-800">{e.code}<div className="text-slate-500">{e.path}</div></TD>
                      <TD className="text-xs">
                        <span className="font-mono">{show(e.before)}</span> → <span className="text-red-800">{e.message}</span>
                      </TD>
                    </TR>
                  )),
                )}
              </TBody>
            </Table>
          )}
        </section>
      </CardContent>
    </Card>
  );
}

/** The reviewed YAML with line numbers; each number is a button that starts a comment on its line. */
function AnnotatedYaml({ yaml, comments, canComment, onComment }: { yaml: string; comments: ChangeDetail["comments"]; canComment: boolean; onComment: (line: number) => void }) {
  const byLine = new Map<number, number>();
  for (const c of comments) if (c.line) byLine.set(c.line, (byLine.get(c.line) ?? 0) + 1);
  return (
    <ol aria-label="Reviewed YAML lines" className="max-h-[32rem] overflow-auto rounded-md border border-slate-200 font-mono text-xs">
      {yaml.split("\n").map((text, i) => {
        const line = i + 1;
        const count = byLine.get(line) ?? 0;
        return (
          <li key={line} className={count ? "flex bg-amber-50" : "flex"}>
            {canComment ? (
              <button type="button" className="w-12 shrink-0 border-r border-slate-100 pr-2 text-right text-slate-600 hover:bg-indigo-50 hover:text-indigo-700 focus-visible:bg-indigo-50" onClick={() => onComment(line)} aria-label={`Comment on line ${line}`}>
                {line}
              </button>
            ) : (
              <span className="w-12 shrink-0 border-r border-slate-100 pr-2 text-right text-slate-600">{line}</span>
            )}
            <span className="px-2 whitespace-pre-wrap">{text}</span>
            {count > 0 && <span className="ml-auto flex items-center gap-1 px-2 text-amber-800"><MessageSquare aria-hidden className="size-3" />{count}<span className="sr-only"> comment(s)</span></span>}
          </li>
        );
      })}
    </ol>
  );
}

function Discussion({ change, line, setLine, textareaRef }: { change: ChangeDetail; line: number | null; setLine: (l: number | null) => void; textareaRef: React.RefObject<HTMLTextAreaElement | null> }) {
  const qc = useQueryClient();
  const [body, setBody] = useState("");
  const lines = change.yaml.split("\n");
  const post = useMutation({
    mutationFn: () => reviewApi.comment(change.id, body.trim(), line),
    onSuccess: () => {
      setBody("");
      setLine(null);
      toast.success("Comment added");
      return qc.invalidateQueries({ queryKey: changeKey(change.id) });
    },
    onError: (e) => toastError(e, "Could not add the comment"),
  });
  return (
    <Card>
      <CardHeader><CardTitle>Discussion</CardTitle></CardHeader>
      <CardContent className="flex flex-col gap-3">
        {change.comments.length === 0 ? (
          <p className="text-sm text-slate-500">No comments yet.</p>
        ) : (
          <ol aria-label="Comments" className="flex flex-col gap-2">
            {change.comments.map((c) => (
              <li key={c.id} className="rounded-md border border-slate-200 px-3 py-2 text-sm">
                <p className="text-xs text-slate-500">
                  {c.author} · {new Date(c.createdAt).toLocaleString()}
                  {c.line ? ` · line ${c.line}${c.revision !== change.revision ? ` of revision ${c.revision}` : ""}` : ""}
                </p>
                {c.line && c.revision === change.revision && <pre className="my-1 truncate rounded bg-slate-50 px-2 font-mono text-xs text-slate-600">{lines[c.line - 1]}</pre>}
                <p className="whitespace-pre-wrap">{c.body}</p>
              </li>
            ))}
          </ol>
        )}
        {change.you.comment && (
          <form
            className="flex flex-col gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              if (body.trim()) post.mutate();
            }}
          >
            <Field label="Line (optional)" htmlFor="comment-line" hint="Or press a line number in the reviewed YAML.">
              <Input
                id="comment-line"
                type="number"
                min={1}
                max={lines.length}
                value={line ?? ""}
                onChange={(e) => setLine(e.target.value ? Math.max(1, Math.min(lines.length, Number(e.target.value))) : null)}
                aria-describedby="comment-line-hint"
                className="w-28"
              />
            </Field>
            <Field label="Comment" htmlFor="comment-body">
              <Textarea id="comment-body" ref={textareaRef} value={body} onChange={(e) => setBody(e.target.value)} rows={3} required />
            </Field>
            <div><Button type="submit" disabled={!body.trim() || post.isPending}><MessageSquare aria-hidden /> {post.isPending ? "Posting…" : "Add comment"}</Button></div>
          </form>
        )}
      </CardContent>
    </Card>
  );
}

/** Approve: publishes exactly the reviewed revision; a breaking change needs the explicit confirmation. */
function ApproveDialog({ change, impact, open, onOpenChange, onDone }: { change: ChangeDetail; impact: ReviewImpact; open: boolean; onOpenChange: (o: boolean) => void; onDone: () => Promise<unknown> }) {
  const [confirm, setConfirm] = useState(false);
  const approve = useMutation({
    mutationFn: () => reviewApi.approve(change.id, change.revision, confirm || undefined),
    onSuccess: async (r) => {
      toast.success(`Approved: published ${change.manifest.name} ${r.version}`, { description: r.ref });
      onOpenChange(false);
      await onDone();
    },
  });
  const breaking = impact.broken.length > 0 || isApiError(approve.error, "CONFIRMATION_REQUIRED");
  const error = approve.error && !isApiError(approve.error, "CONFIRMATION_REQUIRED") ? approve.error : null;
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title={`Approve and publish ${change.manifest.name}?`} description={`Publishes revision ${change.revision} as version ${impact.version}, in one step.`}>
        <form className="flex flex-col gap-3" onSubmit={(e) => { e.preventDefault(); approve.mutate(); }}>
          {breaking && (
            <label className="flex items-start gap-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
              <input type="checkbox" className="mt-0.5" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} />
              <span>I understand that {impact.broken.map((b) => b.name).join(", ") || "some domains or products"} will become invalid.</span>
            </label>
          )}
          {error && <ErrorPanel error={error} title="Approval refused" />}
          <DialogFooter>
            <Button variant="ghost" onClick={() => onOpenChange(false)}>Cancel</Button>
            <Button type="submit" variant={breaking ? "danger" : "primary"} disabled={(breaking && !confirm) || approve.isPending}>
              <Check aria-hidden /> {approve.isPending ? "Publishing…" : breaking ? "Approve anyway" : "Approve and publish"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
