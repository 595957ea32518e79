import Link from "next/link";
import type { Impact, ImpactEntry } from "@/lib/client/api";
import { Badge } from "@/components/ui/badge";

const hrefOf = (e: ImpactEntry) => (e.kind === "domain" ? `/domains/${e.name}` : `/products/${e.name}`);

function Group({ title, tone, entries, id }: { title: string; tone: "broken" | "neutral" | "valid"; entries: ImpactEntry[]; id: string }) {
  if (entries.length === 0) return null;
  return (
    <section aria-labelledby={id} className="flex flex-col gap-1.5">
      <h3 id={id} className="flex items-center gap-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">
        {title} <Badge tone={tone}>{entries.length}</Badge>
      </h3>
      <ul aria-label={title} className="flex flex-col divide-y divide-slate-100 rounded-md border border-slate-200">
        {entries.map((e) => (
          <li key={`${e.kind}-${e.key}`} className="flex flex-col gap-0.5 px-3 py-1.5">
            <div className="flex items-center gap-2">
              <Badge tone="neutral">{e.kind}</Badge>
              <Link href={hrefOf(e)} className="font-medium text-indigo-700 hover:underline">{e.name}</Link>
              {e.changedPaths.length > 0 && (
                <span className="truncate text-xs text-slate-500" title={e.changedPaths.join(", ")}>
                  changes {e.changedPaths.slice(0, 3).join(", ")}
                  {e.changedPaths.length > 3 ? ` +${e.changedPaths.length - 3}` : ""}
                </span>
              )}
            </div>
            {e.newErrors.map((v, i) => (
              <p key={i} className="text-xs text-red-800">
                <span className="font-mono font-semibold">{v.code}</span> {v.message}
              </p>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What publishing would do to the rest of the organisation: breaks first. */
export function ImpactList({ impact }: { impact: Impact }) {
  if (impact.broken.length + impact.changed.length + impact.fixed.length === 0)
    return <p className="text-sm text-slate-600">No domain or product changes: publishing only records a new version.</p>;
  return (
    <div className="flex flex-col gap-3">
      <Group id="impact-broken" title="Would break" tone="broken" entries={impact.broken} />
      <Group id="impact-fixed" title="Would be fixed" tone="valid" entries={impact.fixed} />
      <Group id="impact-changed" title="Would change" tone="neutral" entries={impact.changed} />
    </div>
  );
}
