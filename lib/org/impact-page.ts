// The impact preview on the wire: an enterprise edit can touch 25,000 products, so clients get a
// summary and pages of entries (GET /api/manifests/{name}/impact), or one mark per node for the
// tree's overlay, never every entry with its paths at once.
import type { Impact, ImpactEntry } from "./evaluate";

/**
 * The groups a reader sees, disjoint: an entry that breaks is listed under `broken` only, one that
 * gets fixed under `fixed` only, and `changed` holds the rest whose resolved values move.
 */
export const IMPACT_GROUPS = ["broken", "fixed", "changed"] as const;
export type ImpactGroup = (typeof IMPACT_GROUPS)[number];

export interface ImpactCounts {
  domains: number;
  products: number;
}
export type ImpactSummary = Record<ImpactGroup, ImpactCounts>;

export interface ImpactEntryPage {
  items: ImpactEntry[];
  /** Pass as `cursor` for the next page; null on the last. */
  nextCursor: string | null;
}

/** The preview's first screen: counts of every group and the first page of each. */
export interface PagedImpact extends Record<ImpactGroup, ImpactEntry[]> {
  summary: ImpactSummary;
  next: Record<ImpactGroup, string | null>;
}

/** Node names per mark, each node under its worst mark (broken, then changed, then fixed): what the tree's overlay colours. */
export type ImpactMarks = Record<"domains" | "products", Record<"broken" | "changed" | "fixed", string[]>>;

export const IMPACT_PAGE_SIZE = 50;

const rankOf = (e: Pick<ImpactEntry, "kind">) => (e.kind === "domain" ? 0 : 1);
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
type SortKey = [rank: number, name: string, key: string];
const sortKey = (e: ImpactEntry): SortKey => [rankOf(e), e.name, e.key];
const compareKeys = (a: SortKey, b: SortKey) => a[0] - b[0] || compareText(a[1], b[1]) || compareText(a[2], b[2]);

/** Domains first (a broken domain explains its broken products), then by name: the order pages follow. */
// compareKeys(sortKey(a), sortKey(b)) without building keys per comparison (a group can hold 25,000 entries).
export const compareEntries = (a: ImpactEntry, b: ImpactEntry) => rankOf(a) - rankOf(b) || compareText(a.name, b.name) || compareText(a.key, b.key);
const sorted = (entries: readonly ImpactEntry[]) => [...entries].sort(compareEntries);

/** The disjoint groups, each sorted in page order. */
export function impactGroups(impact: Impact): Record<ImpactGroup, ImpactEntry[]> {
  const listed = new Set([...impact.broken, ...impact.fixed].map((e) => `${e.kind}:${e.key}`));
  return {
    broken: sorted(impact.broken),
    fixed: sorted(impact.fixed),
    changed: sorted(impact.changed.filter((e) => !listed.has(`${e.kind}:${e.key}`))),
  };
}

// A cursor names the last entry of a page, not its position: pages stay in order when the preview
// is recomputed between two requests (an entry added or gone before it shifts nothing).
const encodeCursor = (e: ImpactEntry) => JSON.stringify(sortKey(e));

/** The sort key a cursor names, or null when it is not one this module wrote. */
export function decodeCursor(cursor: string): SortKey | null {
  try {
    const key: unknown = JSON.parse(cursor);
    if (Array.isArray(key) && key.length === 3 && (key[0] === 0 || key[0] === 1) && typeof key[1] === "string" && typeof key[2] === "string") return key as SortKey;
  } catch {
    // not JSON: refused below
  }
  return null;
}

/** The page of a sorted group after `cursor` (from the start without one). */
export function impactPage(sorted: readonly ImpactEntry[], cursor: SortKey | null, limit: number): ImpactEntryPage {
  let start = 0;
  if (cursor) {
    // First entry after the cursor: binary search, the group is sorted by the same key.
    let hi = sorted.length;
    while (start < hi) {
      const mid = (start + hi) >>> 1;
      if (compareKeys(sortKey(sorted[mid]), cursor) <= 0) start = mid + 1;
      else hi = mid;
    }
  }
  const items = sorted.slice(start, start + limit);
  return { items, nextCursor: start + limit < sorted.length && items.length ? encodeCursor(items[items.length - 1]) : null };
}

const countOf = (entries: readonly ImpactEntry[]): ImpactCounts => {
  const domains = entries.filter((e) => e.kind === "domain").length;
  return { domains, products: entries.length - domains };
};

/** Summary and first pages of an impact's groups (impactGroups). */
export function pagedImpact(groups: Record<ImpactGroup, readonly ImpactEntry[]>, limit = IMPACT_PAGE_SIZE): PagedImpact {
  const pages = Object.fromEntries(IMPACT_GROUPS.map((g) => [g, impactPage(groups[g], null, limit)])) as Record<ImpactGroup, ImpactEntryPage>;
  return {
    summary: Object.fromEntries(IMPACT_GROUPS.map((g) => [g, countOf(groups[g])])) as ImpactSummary,
    broken: pages.broken.items,
    fixed: pages.fixed.items,
    changed: pages.changed.items,
    next: { broken: pages.broken.nextCursor, fixed: pages.fixed.nextCursor, changed: pages.changed.nextCursor },
  };
}

/** Each named node once, under its worst mark. */
export function impactMarks(impact: Impact): ImpactMarks {
  const marks: ImpactMarks = { domains: { broken: [], changed: [], fixed: [] }, products: { broken: [], changed: [], fixed: [] } };
  const seen = new Set<string>();
  for (const [mark, entries] of [["broken", impact.broken], ["changed", impact.changed], ["fixed", impact.fixed]] as const) {
    for (const e of entries) {
      const id = `${e.kind}:${e.name}`;
      if (seen.has(id)) continue;
      seen.add(id);
      marks[e.kind === "domain" ? "domains" : "products"][mark].push(e.name);
    }
  }
  return marks;
}
