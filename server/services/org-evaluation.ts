// The organisation's current tree, loaded in one batched set of queries and evaluated by lib:
// every manifest at its latest published version, every approved product against it.
import { evaluateOrg, type EvaluateOptions, type OrgEvaluation, type OrgInput } from "../../lib/org/evaluate";
import { utcDay } from "../../lib/resolve/exceptions";
import { parsedProducts } from "./parsed-products";
import { ManifestStore } from "../../lib/resolve/store";
import type { Db, Tx } from "./db";
import { NotFoundError } from "./errors";
import { Lru } from "./memo";

/**
 * The day time-boxed exceptions are evaluated on (UTC). Every memo of a resolution names it, so an
 * exception stops applying at midnight without any write.
 */
export const serverToday = () => utcDay(new Date());

/** `products: false` skips the products query, for reads that only need the manifests. */
async function loadSnapshot(db: Db | Tx, { products: withProducts = true } = {}) {
  const [org, manifests, products] = await loadParts(db, (orgId) =>
    withProducts ? db.product.findMany({ where: { orgId }, orderBy: { name: "asc" }, include: { domain: { select: { name: true } } } }) : Promise.resolve([]),
  );
  return { org, manifests, products };
}

/** The organisation, its manifests with their latest versions, and its products as `loadProducts` reads them. */
async function loadParts<P>(db: Db | Tx, loadProducts: (orgId: string) => Promise<P>) {
  const org = await db.organisation.findFirst({ orderBy: { slug: "asc" } });
  if (!org) throw new NotFoundError("organisation (seed the database first)");
  const [manifests, products] = await Promise.all([
    db.manifest.findMany({
      where: { orgId: org.id },
      orderBy: { name: "asc" },
      include: { versions: { orderBy: { seq: "desc" }, take: 1, include: { parentVersion: { select: { version: true } } } }, parent: { select: { name: true } } },
    }),
    loadProducts(org.id),
  ]);
  return [org, manifests.map(({ versions, ...m }) => ({ ...m, latest: versions.at(0) ?? null })), products] as const;
}

export type OrgSnapshot = Awaited<ReturnType<typeof loadSnapshot>>;
export type SnapshotManifest = OrgSnapshot["manifests"][number];

/** A domain whose latest version builds on an older enterprise version than the latest one. */
export function behindOf(snapshot: OrgSnapshot, m: SnapshotManifest): { buildsOn: string; latest: string } | null {
  const buildsOn = m.latest?.parentVersion?.version;
  const enterpriseLatest = m.tier === "domain" ? snapshot.manifests.find((x) => x.id === m.parentId)?.latest : null;
  return enterpriseLatest && buildsOn && buildsOn !== enterpriseLatest.version ? { buildsOn, latest: enterpriseLatest.version } : null;
}

/** The current tree as lib's evaluateOrg input: latest published versions and approved products. */
export function orgInput(snapshot: OrgSnapshot): OrgInput {
  return {
    manifests: snapshot.manifests.flatMap((m) => (m.latest ? [{ ref: m.latest.ref, text: m.latest.yaml }] : [])),
    products: snapshot.products.filter((p) => p.status === "approved").map((p) => ({ id: p.id, text: p.floeYaml, file: `${p.name}/floe.yaml` })),
  };
}

// Published versions never change, so a store over a given set of latest versions (with its parsed
// manifests and resolved chains) stays valid: reads reuse it until something is published.
const stores = new Lru<ManifestStore>(32);

/** A store over the current tree: any version's reference reads as its manifest's latest version. */
export function currentStore(snapshot: OrgSnapshot, extra: { ref: string; text: string }[] = []): ManifestStore {
  if (extra.length === 0) return stores.getOrCreate(storeKey(snapshot), () => buildStore(snapshot, []));
  return buildStore(snapshot, extra);
}

/** Names the current tree: the latest version of every manifest (same key as currentTreeKey). */
export function storeKey(snapshot: Pick<OrgSnapshot, "manifests">): string {
  return `${treeKeyOf(snapshot.manifests.flatMap((m) => (m.latest ? [{ manifestId: m.id, seq: m.latest.seq }] : [])))}@${serverToday()}`;
}

const treeKeyOf = (latest: { manifestId: string; seq: number }[]) =>
  latest
    .map((l) => `${l.manifestId}:${l.seq}`)
    .sort()
    .join(",");

/** The current tree's key in one small query, to look up derived values without loading the tree. */
export async function currentTreeKey(db: Db | Tx): Promise<string> {
  const rows = await db.manifestVersion.groupBy({ by: ["manifestId"], _max: { seq: true } });
  return `${treeKeyOf(rows.map((r) => ({ manifestId: r.manifestId, seq: r._max.seq ?? 0 })))}@${serverToday()}`;
}

function buildStore(snapshot: OrgSnapshot, extra: { ref: string; text: string }[]): ManifestStore {
  const byRepository = new Map<string, { ref: string; text: string }>();
  const repository = (ref: string) => ref.replace(/[:@][^/]*$/, "");
  for (const m of [...orgInput(snapshot).manifests, ...extra]) byRepository.set(repository(m.ref), m);
  return new ManifestStore(
    (ref) => {
      const hit = byRepository.get(repository(ref));
      return hit ? { text: hit.text, file: hit.ref } : null;
    },
    { today: serverToday() },
  );
}

/** Evaluations of the current tree take seconds at 25,000 products: they yield to other requests as they go. */
export const evaluateCurrent: EvaluateOptions = {
  followLatest: true,
  pause: () => new Promise<void>((resolve) => setImmediate(resolve)),
  parse: (p) => parsedProducts.get(p.id, p.text, p.file ?? p.id),
  get today() {
    return serverToday();
  },
};

export interface CurrentOrg {
  snapshot: OrgSnapshot;
  evaluation: OrgEvaluation;
}

/**
 * Names everything `evaluateOrg(orgInput(snapshot))` reads: the latest version of every manifest
 * and each approved product at its revision (every change of a product's text bumps it).
 */
export function evaluationKey(snapshot: Pick<OrgSnapshot, "manifests"> & { products: readonly Pick<OrgSnapshot["products"][number], "id" | "revision" | "status">[] }): string {
  const products = snapshot.products
    .filter((p) => p.status === "approved")
    .map((p) => `${p.id}@${p.revision}`)
    .sort()
    .join(",");
  return `${storeKey(snapshot)}|${products}`;
}

// Evaluations of the current tree, shared by every request (tree, impact, publish, import): the key
// names the inputs completely, so a hit is the value any instance would compute. Two entries: the
// current tree and the one before it (a publish in flight compares both).
const evaluations = new Lru<Promise<OrgEvaluation>>(2);

/** The current tree's evaluation for a loaded snapshot, computed once per distinct tree. */
export function currentEvaluation(snapshot: OrgSnapshot): Promise<OrgEvaluation> {
  return evaluations.getOrCreate(evaluationKey(snapshot), async () => {
    const input = orgInput(snapshot);
    const evaluation = await evaluateOrg(input, evaluateCurrent);
    parsedProducts.prune(input.products);
    return evaluation;
  });
}

/**
 * The snapshot and current evaluation an impact preview starts from, without reading 25,000
 * floe.yaml texts again when the current tree's evaluation is memoised (that read was most of a
 * preview: about 0.7 s of 1 s at 25,000 products). The products are read without their text; the
 * key they give names the memoised evaluation, whose parsed products hold exactly those texts
 * (each product at that revision). Texts it does not hold (products not approved) are read by id.
 * On a miss, everything is read and evaluated as evaluateCurrentOrg does.
 */
export async function previewSnapshot(db: Db): Promise<CurrentOrg> {
  const [org, manifests, products] = await loadParts(db, (orgId) =>
    db.product.findMany({ where: { orgId }, orderBy: { name: "asc" }, omit: { floeYaml: true }, include: { domain: { select: { name: true } } } }),
  );
  const memo = evaluations.peek(evaluationKey({ manifests, products }));
  if (!memo) return evaluateCurrentOrg(db);
  const evaluation = await memo;
  const unheld = products.filter((p) => evaluation.products.get(p.id)?.parsed.text === undefined).map((p) => p.id);
  const texts = new Map(unheld.length ? (await db.product.findMany({ where: { id: { in: unheld } }, select: { id: true, floeYaml: true } })).map((p) => [p.id, p.floeYaml]) : []);
  const withTexts = products.flatMap((p) => {
    const floeYaml = texts.get(p.id) ?? evaluation.products.get(p.id)?.parsed.text;
    return floeYaml === undefined ? [] : [{ ...p, floeYaml }];
  });
  return { snapshot: { org, manifests, products: withTexts }, evaluation };
}

/** Loads and evaluates the current tree (the tree view and the impact preview start here). */
export async function evaluateCurrentOrg(db: Db | Tx): Promise<CurrentOrg> {
  const snapshot = await loadSnapshot(db);
  return { snapshot, evaluation: await currentEvaluation(snapshot) };
}

/**
 * A cheap fingerprint of all stored data, read from the database on every use of a memo that is
 * not keyed by its inputs: the audit chain's head. Every write appends an audit event in its own
 * transaction (server/audit/append.ts), so any committed change by any instance moves it; an
 * in-process memo checked against it is never stale, however many instances share the database.
 * Read it before loading what it guards: a value computed after a newer commit is only fresher.
 */
export async function dataFingerprint(db: Db | Tx): Promise<string> {
  const head = await db.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  return `${head ? `${head.seq}:${head.hash}` : "empty"}@${serverToday()}`;
}

export { loadSnapshot };
