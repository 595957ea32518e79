"use client";

import Link from "next/link";
import { useState } from "react";
import type { ImpactEntry, ImpactEntryPage, ImpactGroup, PagedImpact } from "@/lib/client/api";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { toastError } from "@/components/api/hooks";

const hrefOf = (e: ImpactEntry) => (e.kind === "domain" ? `/domains/${e.name}` : `/products/${e.name}`);

const countText = ({ domains, products }: { domains: number; products: number }) =>
  [domains && `${domains} domain${domains === 1 ? "" : "s"}`, products && `${products} product${products === 1 ? "" : "s"}`].filter(Boolean).join(", ");

/**
 * One group of the preview: the server sends its first page (domains first, then by name) and the
 * count; further pages come on demand, so an edit touching 25,000 products shows at once.
 */
/** Where further pages come from, and the manifest whose draft the tree's overlay can show. */
export interface ImpactPages {
  load: (group: ImpactGroup, cursor: string) => Promise<ImpactEntryPage>;
  overlay?: string;
}

function Group({ group, title, tone, impact, pages }: { group: ImpactGroup; title: string; tone: "broken" | "neutral" | "valid"; impact: PagedImpact; pages?: ImpactPages }) {
  const [more, setMore] = useState<{ entries: ImpactEntry[]; cursor: string | null } | null>(null);
  const [loading, setLoading] = useState(false);
  const counts = impact.summary[group];
  const total = counts.domains + counts.products;
  if (total === 0) return null;
  const entries = [...impact[group], ...(more?.entries ?? [])];
  const cursor = more ? more.cursor : impact.next[group];
  const id = `impact-${group}`;
  const loadMore = async () => {
    if (!cursor) return;
    setLoading(true);
    try {
      const page = await pages!.load(group, cursor);
      setMore({ entries: [...(more?.entries ?? []), ...page.items], cursor: page.nextCursor });
    } catch (e) {
      toastError(e, "Could not load more of the impact");
    } finally {
      setLoading(false);
    }
  };
  return (
    <section aria-labelledby={id} className="flex flex-col gap-1.5">
      <h3 id={id} className="flex items-center gap-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">
        {title} <Badge tone={tone}>{total}</Badge>
        <span className="font-normal tracking-normal normal-case">{countText(counts)}</span>
      </h3>
      <ul aria-label={title} className="flex max-h-64 flex-col divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200">
        {entries.map((e) => (
          <li key={`${e.kind}-${e.key}`} className="flex flex-col gap-0.5 px-3 py-1.5">
            <div className="flex items-center gap-2">
              <Badge tone="neutral" className="w-16 justify-center">{e.kind}</Badge>
              <Link href={hrefOf(e)} className="font-medium whitespace-nowrap text-indigo-700 hover:underline">{e.name}</Link>
              {e.newErrors[0] && <span className="font-mono text-xs font-semibold text-red-800">{e.newErrors[0].code}{e.newErrors.length > 1 ? ` +${e.newErrors.length - 1}` : ""}</span>}
            </div>
            {e.newErrors[0] && <p className="truncate text-xs text-red-800" title={e.newErrors.map((v) => v.message).join("\n")}>{e.newErrors[0].message}</p>}
            {e.changedPaths.length > 0 && (
              <p className="truncate text-xs text-slate-500" title={e.changedPaths.join(", ")}>
                changes {e.changedPaths.slice(0, 3).join(", ")}
                {e.changedPaths.length > 3 ? ` +${e.changedPaths.length - 3} more` : ""}
              </p>
            )}
          </li>
        ))}
        {entries.length < total && (
          <li className="flex flex-wrap items-center gap-2 px-3 py-1.5 text-xs text-slate-600">
            <span>
              {entries.length} of {total} shown
            </span>
            {cursor && pages && (
              <Button variant="ghost" size="sm" onClick={() => void loadMore()} disabled={loading} aria-label={`Show more: ${title}`}>
                {loading ? "Loading…" : "Show more"}
              </Button>
            )}
            {pages?.overlay && (
              <span>
                or see them all on <Link href={`/tree?impact=${encodeURIComponent(pages.overlay)}`} className="text-indigo-700 hover:underline">the organisation tree</Link>&apos;s impact overlay
              </span>
            )}
          </li>
        )}
      </ul>
    </section>
  );
}

/** What publishing would do to the rest of the organisation: breaks first; each entry listed once. `pages` loads more than the first. */
export function ImpactList({ impact, pages }: { impact: PagedImpact; pages?: ImpactPages }) {
  const total = (g: ImpactGroup) => impact.summary[g].domains + impact.summary[g].products;
  if (total("broken") + total("fixed") + total("changed") === 0)
    return <p className="text-sm text-slate-600">No domain or product changes: publishing only records a new version.</p>;
  return (
    <div className="flex flex-col gap-3">
      <Group pages={pages} group="broken" title="Would break" tone="broken" impact={impact} />
      <Group pages={pages} group="fixed" title="Would be fixed" tone="valid" impact={impact} />
      <Group pages={pages} group="changed" title="Would change" tone="neutral" impact={impact} />
    </div>
  );
}
