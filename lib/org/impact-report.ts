import { maskValue } from "../manifest/secrets";
import { parseOciRef } from "../refs";
import type { PlatformResolution } from "../resolve/chain";
import type { Resolution } from "../resolve/resolve";
import type { Violation } from "../violations";
import { impactOf, type ImpactEntry, type OrgEvaluation } from "./evaluate";

/** One resolved value that moves: before and after as they may be shown (secrets masked; undefined = unset). */
export interface ValueChange {
  path: string;
  before: unknown;
  after: unknown;
}

export interface ImpactReportEntry {
  kind: "domain" | "product";
  key: string;
  name: string;
  /** Who to ask: the node's owner, and for a product its domain's owner too. */
  owners: string[];
  change: "added" | "modified" | "removed";
  values: ValueChange[];
  /** Errors present after the change and not before. */
  newErrors: Violation[];
}

/** `impactOf` with the values and owners a reviewer needs, plus what disappeared. */
export interface ImpactReport {
  broken: ImpactReportEntry[];
  changed: ImpactReportEntry[];
  fixed: ImpactReportEntry[];
  removed: ImpactReportEntry[];
}

const valueAt = (root: Record<string, unknown> | null | undefined, path: string) =>
  path.split(".").reduce<unknown>((n, s) => (n && typeof n === "object" && Object.hasOwn(n, s) ? (n as Record<string, unknown>)[s] : undefined), root ?? undefined);

const shown = (path: string, value: unknown) => maskValue(path.slice(path.lastIndexOf(".") + 1), value);

const repositoryOf = (ref: string) => {
  const r = parseOciRef(ref);
  return r ? `${r.host}/${r.repository}` : ref;
};

const ownerOfPlatform = (p: PlatformResolution | null | undefined) => p?.top.manifest?.metadata.owner ?? undefined;
const ownersOf = (...owners: (string | null | undefined)[]) => [...new Set(owners.filter((o): o is string => typeof o === "string" && o !== ""))];

type Node = { resolved: Record<string, unknown> | null; owners: string[] };

function domainNodes(e: OrgEvaluation) {
  const domains = new Map<string, Node>();
  for (const [ref, p] of e.platforms) if (p.top.tier !== "enterprise") domains.set(repositoryOf(ref), { resolved: p.resolved, owners: ownersOf(ownerOfPlatform(p)) });
  return domains;
}

const productNode = (r: Resolution): Node => ({ resolved: r.resolved, owners: ownersOf(r.parsed.product?.metadata.owner, ownerOfPlatform(r.platform)) });

/**
 * The impact of going from `before` to `after` (two evaluations of whole organisations), by the
 * console's own `impactOf`, with every moved value's before and after, and the owners to ask.
 */
export function impactReport(before: OrgEvaluation, after: OrgEvaluation): ImpactReport {
  const impact = impactOf(before, after);
  const domainsBefore = domainNodes(before);
  const domainsAfter = domainNodes(after);
  const lookup = (domains: Map<string, Node>, e: OrgEvaluation, entry: ImpactEntry): Node | undefined => {
    if (entry.kind === "domain") return domains.get(repositoryOf(entry.key));
    const r = e.products.get(entry.key);
    return r ? productNode(r) : undefined;
  };
  const enrich = (entry: ImpactEntry): ImpactReportEntry => {
    const was = lookup(domainsBefore, before, entry);
    const now = lookup(domainsAfter, after, entry);
    return {
      kind: entry.kind,
      key: entry.key,
      name: entry.name,
      owners: ownersOf(...(now?.owners ?? []), ...(was?.owners ?? [])),
      change: was ? "modified" : "added",
      values: entry.changedPaths.map((path) => ({ path, before: shown(path, valueAt(was?.resolved, path)), after: shown(path, valueAt(now?.resolved, path)) })),
      newErrors: entry.newErrors,
    };
  };
  const removed: ImpactReportEntry[] = [];
  const afterDomains = new Set([...after.platforms.keys()].map(repositoryOf));
  for (const [ref, p] of before.platforms) {
    if (p.top.tier === "enterprise" || afterDomains.has(repositoryOf(ref))) continue;
    removed.push({ kind: "domain", key: ref, name: p.top.manifest?.metadata.name ?? ref, owners: ownersOf(ownerOfPlatform(p)), change: "removed", values: [], newErrors: [] });
  }
  for (const [id, r] of before.products) {
    if (after.products.has(id)) continue;
    removed.push({ kind: "product", key: id, name: r.product, owners: productNode(r).owners, change: "removed", values: [], newErrors: [] });
  }
  return { broken: impact.broken.map(enrich), changed: impact.changed.map(enrich), fixed: impact.fixed.map(enrich), removed };
}

export const breaks = (r: ImpactReport) => r.broken.length > 0;
