import Link from "next/link";
import type { Impact, ImpactEntry } from "@/lib/client/api";
import { Badge } from "@/components/ui/badge";

// Domains first: a broken domain explains its broken products.
const byKind = (a: ImpactEntry, b: ImpactEntry) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === "domain" ? -1 : 1);

/** Entries listed per group: an enterprise change can touch 25,000 products; the tree's impact overlay shows them all. */
const SHOWN = 100;

const hrefOf = (e: ImpactEntry) => (e.kind === "domain" ? `/domains/${e.name}` : `/products/${e.name}`);

function Group({ title, tone, entries, id }: { title: string; tone: "broken" | "neutral" | "valid"; entries: ImpactEntry[]; id: string }) {
  if (entries.length === 0) return null;
  return (
    <section aria-labelledby={id} className="flex flex-col gap-1.5">
      <h3 id={id} className="flex items-center gap-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">
        {title} <Badge tone={tone}>{entries.length}</Badge>
      </h3>
      <ul aria-label={title} className="flex max-h-64 flex-col divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200">
        {[...entries].sort(byKind).slice(0, SHOWN).map((e) => (
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
        {entries.length > SHOWN && (
          <li className="px-3 py-1.5 text-xs text-slate-600">
            and {entries.length - SHOWN} more: <Link href="/tree" className="text-indigo-700 hover:underline">the organisation tree</Link> colours them all with its impact overlay
          </li>
        )}
      </ul>
    </section>
  );
}

/** What publishing would do to the rest of the organisation: breaks first. */
export function ImpactList({ impact }: { impact: Impact }) {
  if (impact.broken.length + impact.changed.length + impact.fixed.length === 0)
    return <p className="text-sm text-slate-600">No domain or product changes: publishing only records a new version.</p>;
  // An entry that breaks or gets fixed also changes; list it once, where it matters most.
  const listed = new Set([...impact.broken, ...impact.fixed].map((e) => `${e.kind}:${e.key}`));
  return (
    <div className="flex flex-col gap-3">
      <Group id="impact-broken" title="Would break" tone="broken" entries={impact.broken} />
      <Group id="impact-fixed" title="Would be fixed" tone="valid" entries={impact.fixed} />
      <Group id="impact-changed" title="Would change" tone="neutral" entries={impact.changed.filter((e) => !listed.has(`${e.kind}:${e.key}`))} />
    </div>
  );
}
