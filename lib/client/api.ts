import type { Violation } from "../violations";
import { MAX_PAGE } from "../paging";

/**
 * Typed fetch helpers for the console's HTTP API (the shared backend contract).
 * Pure browser/edge code: no React here, the hooks live in components/api.
 */

export type ManifestTier = "enterprise" | "domain" | "platform";

export interface ManifestSummary {
  id: string;
  name: string;
  tier: ManifestTier;
  title: string | null;
  latestVersion: string | null;
  draftRevision: number;
  draftChanged: boolean;
  /** The caller may edit (and so see) this manifest's draft. */
  canEdit: boolean;
  parentName: string | null;
  /** Errors of the latest version in the current tree; null when nothing is published yet. */
  errors: number | null;
  /** A domain whose latest version builds on an older enterprise version than the latest. */
  behind: { buildsOn: string; latest: string } | null;
}

export interface ProvenanceEntry {
  tier: "enterprise" | "domain" | "platform" | "product";
  ref: string | null;
  version: string;
  locked: boolean;
  rule: string;
  /** floe's default for a field the tier's object leaves out. */
  floeDefault?: boolean;
  /** A lower tier asked for another value and was refused (lib/resolve/merge.ts Rejection). */
  rejected?: { value: unknown; code: string; tier: string; ref: string | null };
}

export interface ChainLink {
  tier: string;
  ref: string | null;
  name: string;
  version: string;
}

export interface ResolutionView {
  resolved: Record<string, unknown> | null;
  provenance: Record<string, ProvenanceEntry>;
  violations: Violation[];
  chain: ChainLink[];
  mode?: "two-tier" | "three-tier";
}

export interface VersionInfo {
  version: string;
  ref: string;
  digest: string;
  publishedAt: string;
  publishedBy: string | { name?: string; email?: string } | null;
  message: string | null;
  parentVersion: string | null;
}

export interface ManifestDetail {
  manifest: { id: string; name: string; tier: ManifestTier; parentName: string | null };
  /** Null for who may not edit the manifest: they see the published versions only. */
  draft: { yaml: string; revision: number; updatedAt: string; updatedBy: string | { name?: string; email?: string } | null } | null;
  /** The draft differs from the latest published version (told to everyone). */
  draftExists: boolean;
  versions: VersionInfo[];
  draftViolations: Violation[];
  resolution: ResolutionView | null;
  behind: { buildsOn: string; latest: string } | null;
  canEdit: boolean;
}

/** The impact preview is computed by lib/org/evaluate.ts; the wire shape is its type. */
import type { Impact } from "../org/evaluate";
export type { Impact, ImpactEntry } from "../org/evaluate";

export interface ProductSummary {
  id: string;
  name: string;
  team: string | null;
  description: string | null;
  status: string;
  domain: string | null;
  domainVersion: string | null;
  valid?: boolean;
}

export interface RequestItem {
  id: string;
  /** The product's name, team and description (flattened from `product` by `api.requests`). */
  name: string;
  team: string | null;
  description: string | null;
  domain: string;
  /** `revision` is what an approval must name. */
  product?: { id: string; name: string; team: string | null; description: string | null; status: string; revision: number };
  canDecide?: boolean;
  canWithdraw?: boolean;
  status: "pending" | "approved" | "rejected" | "withdrawn" | string;
  reason?: string | null;
  requestedBy?: string | { name?: string; email?: string } | null;
  decidedBy?: string | { name?: string; email?: string } | null;
  createdAt?: string;
  decidedAt?: string | null;
  floeYaml?: string;
  violations?: Violation[];
}

export interface ProductDetail {
  product: ProductSummary;
  /** Null when the product is not approved and the caller is neither its team nor the domain's owner. */
  floeYaml: string | null;
  draftExists: boolean;
  revision: number;
  resolution: ResolutionView | null;
  requests: RequestItem[];
  canEdit: boolean;
  canRemove?: boolean;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorEmail: string;
  action: string;
  entityType: string;
  entityId: string;
  reason: string | null;
  data: Record<string, unknown> | null;
}

export interface AuditPage {
  events: AuditEntry[];
  nextCursor: number | null;
}

export interface SearchResult {
  type: "domain" | "product" | "manifest" | "person";
  name: string;
  title: string | null;
  href: string;
}

export interface Membership {
  role: "platform_admin" | "domain_owner" | "product_team" | "viewer";
  domainId?: string | null;
  domain?: string | null;
  team?: string | null;
}

export interface Me {
  user: { id: string; email: string; name: string };
  memberships: Membership[];
}

/** Every non-2xx answer becomes one of these; `body` keeps extras such as `current`, `violations`, `impact`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: Record<string, unknown>,
  ) {
    super(message);
    this.name = "ApiError";
  }

  get violations(): Violation[] {
    return (this.body.violations as Violation[] | undefined) ?? [];
  }
}

export function isApiError(e: unknown, code?: string): e is ApiError {
  return e instanceof ApiError && (code === undefined || e.code === code);
}

export async function apiFetch<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? "GET",
    headers: init.body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: init.signal,
    credentials: "same-origin",
  });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = { error: { code: "BAD_RESPONSE", message: text.slice(0, 200) } };
  }
  if (!res.ok) {
    const record = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
    const error = (record.error ?? {}) as { code?: string; message?: string };
    throw new ApiError(res.status, error.code ?? `HTTP_${res.status}`, error.message ?? res.statusText ?? "Request failed", record);
  }
  return body as T;
}

/** `?a=1&b=2`, skipping empty values. */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== "" && v !== false);
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : "";
}

const enc = encodeURIComponent;

/** One function per endpoint of the contract. */
export const api = {
  me: () => apiFetch<Me>("/api/me"),
  manifests: () => apiFetch<ManifestSummary[]>("/api/manifests"),
  manifest: (name: string) => apiFetch<ManifestDetail>(`/api/manifests/${enc(name)}`),
  version: (name: string, version: string) => apiFetch<VersionInfo & { yaml: string }>(`/api/manifests/${enc(name)}/versions/${enc(version)}`),
  saveDraft: (name: string, yaml: string, baseRevision: number) =>
    apiFetch<{ revision: number; violations: Violation[] }>(`/api/manifests/${enc(name)}/draft`, { method: "PUT", body: { yaml, baseRevision } }),
  validate: (kind: "manifest" | "product", yaml: string, name?: string, signal?: AbortSignal) =>
    apiFetch<{ violations: Violation[] }>("/api/validate", { method: "POST", body: { kind, yaml, name }, signal }),
  impact: (name: string) => apiFetch<Impact & { violations?: Violation[] }>(`/api/manifests/${enc(name)}/impact`),
  publish: (name: string, body: { baseRevision: number; message: string; confirmBreaking?: boolean }) =>
    apiFetch<{ version: string; ref: string; digest: string; normalised?: string[] }>(`/api/manifests/${enc(name)}/publish`, { method: "POST", body }),
  rollback: (name: string, version: string, message: string, confirmBreaking?: boolean) =>
    apiFetch<{ version: string; ref: string; digest: string }>(`/api/manifests/${enc(name)}/rollback`, { method: "POST", body: { version, message, confirmBreaking } }),
  /** One page of products; `useProducts` follows `nextCursor`, showing each page as it arrives. */
  productsPage: (filter: { domain?: string; status?: string }, cursor: string | undefined) =>
    apiFetch<Page<ProductSummary>>(`/api/products${query({ ...filter, cursor, limit: MAX_PAGE })}`),
  product: (name: string) => apiFetch<ProductDetail>(`/api/products/${enc(name)}`),
  saveFloe: (name: string, yaml: string, baseRevision: number) =>
    apiFetch<{ revision: number; violations: Violation[] }>(`/api/products/${enc(name)}/floe`, { method: "PUT", body: { yaml, baseRevision } }),
  requests: async (filter: { domain?: string; status?: string; mine?: boolean } = {}) =>
    (await allPages<RequestItem>((cursor) => `/api/requests${query({ ...filter, mine: filter.mine ? 1 : undefined, cursor, limit: MAX_PAGE })}`)).map(flattenRequest),
  createRequest: (body: { name: string; team: string; description: string; domain: string; floeYaml: string }) =>
    apiFetch<RequestItem>("/api/requests", { method: "POST", body }),
  approve: (id: string, revision: number) => apiFetch<unknown>(`/api/requests/${enc(id)}/approve`, { method: "POST", body: { revision } }),
  reject: (id: string, reason: string) => apiFetch<unknown>(`/api/requests/${enc(id)}/reject`, { method: "POST", body: { reason } }),
  withdraw: (id: string) => apiFetch<unknown>(`/api/requests/${enc(id)}/withdraw`, { method: "POST", body: {} }),
  removeProduct: (name: string, reason: string) =>
    apiFetch<{ status: string; version: string; ref: string }>(`/api/products/${enc(name)}/remove`, { method: "POST", body: { reason } }),
  audit: (filter: { action?: string; entityType?: string; actor?: string; cursor?: number; limit?: number }) => apiFetch<AuditPage>(`/api/audit${query(filter)}`),
  search: (q: string, signal?: AbortSignal) => apiFetch<SearchResult[]>(`/api/search${query({ q })}`, { signal }),
};

/** A list endpoint's answer (lib/paging.ts). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Follows a list endpoint's cursor to the end. */
async function allPages<T>(url: (cursor: string | undefined) => string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await apiFetch<Page<T>>(url(cursor));
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/** A request listed across products carries its product nested; the console shows it flat. */
function flattenRequest(r: RequestItem): RequestItem {
  return r.product ? { ...r, name: r.product.name, team: r.product.team, description: r.product.description } : r;
}

/** "Ada Lovelace" from whatever shape a person comes in. */
export function personLabel(p: string | { name?: string; email?: string } | null | undefined): string {
  if (!p) return "—";
  if (typeof p === "string") return p;
  return p.name || p.email || "—";
}
