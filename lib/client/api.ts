import type { z } from "zod";
import type * as C from "../contract/responses";
import type { Violation } from "../violations";
import { MAX_PAGE } from "../paging";

/**
 * Typed fetch helpers for the console's HTTP API. Every type here is inferred from the response
 * schemas the server checks its answers against (lib/contract/responses.ts): one contract.
 * Pure browser/edge code: no React here, the hooks live in components/api.
 */

type Out<S extends z.ZodType> = z.output<S>;
export type ManifestSummary = Out<typeof C.ManifestSummary>;
export type ProvenanceEntry = Out<typeof C.Provenance>;
export type ResolutionView = Out<typeof C.Resolution>;
export type VersionInfo = Out<typeof C.VersionInfo>;
export type ManifestDetail = Out<typeof C.ManifestDetail>;
export type ImpactEntry = Out<typeof C.ImpactEntry>;
/** The impact preview's first screen (summary and first pages) and one further page. */
export type PagedImpact = Out<typeof C.PagedImpactPreview>;
export type ImpactEntryPage = Out<typeof C.ImpactEntryPage>;
export type ImpactGroup = keyof PagedImpact["summary"];
export type ProductSummary = Out<typeof C.ProductSummary>;
export type RequestItem = Out<typeof C.RequestItem>;
export type ProductRequest = Out<typeof C.ProductRequest>;
export type ProductDetail = Out<typeof C.ProductDetail>;
export type AuditEntry = Out<typeof C.AuditEntry>;
export type AuditPage = Out<typeof C.AuditPage>;
export type SearchResult = Out<typeof C.SearchResult>;
export type Me = Out<typeof C.Me>;

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
  version: (name: string, version: string) => apiFetch<Out<typeof C.VersionDetail>>(`/api/manifests/${enc(name)}/versions/${enc(version)}`),
  saveDraft: (name: string, yaml: string, baseRevision: number) =>
    apiFetch<Out<typeof C.Saved>>(`/api/manifests/${enc(name)}/draft`, { method: "PUT", body: { yaml, baseRevision } }),
  validate: (kind: "manifest" | "product", yaml: string, name?: string, signal?: AbortSignal) =>
    apiFetch<Out<typeof C.Validation>>("/api/validate", { method: "POST", body: { kind, yaml, name }, signal }),
  impact: (name: string) => apiFetch<PagedImpact>(`/api/manifests/${enc(name)}/impact`),
  impactPage: (name: string, group: ImpactGroup, cursor: string) => apiFetch<Out<typeof C.ImpactEntryPage>>(`/api/manifests/${enc(name)}/impact${query({ group, cursor })}`),
  impactMarks: (name: string) => apiFetch<Out<typeof C.ImpactMarksView>>(`/api/manifests/${enc(name)}/impact${query({ view: "marks" })}`),
  publish: (name: string, body: { baseRevision: number; message: string; confirmBreaking?: boolean }) =>
    apiFetch<Out<typeof C.Published>>(`/api/manifests/${enc(name)}/publish`, { method: "POST", body }),
  rollback: (name: string, version: string, message: string, confirmBreaking?: boolean) =>
    apiFetch<Out<typeof C.Published>>(`/api/manifests/${enc(name)}/rollback`, { method: "POST", body: { version, message, confirmBreaking } }),
  /** One page of products; `useProducts` follows `nextCursor`, showing each page as it arrives. */
  productsPage: (filter: { domain?: string; status?: string }, cursor: string | undefined) =>
    apiFetch<Page<ProductSummary>>(`/api/products${query({ ...filter, cursor, limit: MAX_PAGE })}`),
  product: (name: string) => apiFetch<ProductDetail>(`/api/products/${enc(name)}`),
  saveFloe: (name: string, yaml: string, baseRevision: number) =>
    apiFetch<Out<typeof C.Saved>>(`/api/products/${enc(name)}/floe`, { method: "PUT", body: { yaml, baseRevision } }),
  requests: async (filter: { domain?: string; status?: string; mine?: boolean } = {}) =>
    (await allPages<RequestItem>((cursor) => `/api/requests${query({ ...filter, mine: filter.mine ? 1 : undefined, cursor, limit: MAX_PAGE })}`)).map(flattenRequest),
  createRequest: (body: { name: string; team: string; description: string; domain: string; floeYaml: string }) =>
    apiFetch<Out<typeof C.RequestCreated>>("/api/requests", { method: "POST", body }),
  approve: (id: string, revision: number) => apiFetch<Out<typeof C.Approved>>(`/api/requests/${enc(id)}/approve`, { method: "POST", body: { revision } }),
  reject: (id: string, reason: string) => apiFetch<Out<typeof C.Rejected>>(`/api/requests/${enc(id)}/reject`, { method: "POST", body: { reason } }),
  withdraw: (id: string) => apiFetch<Out<typeof C.Withdrawn>>(`/api/requests/${enc(id)}/withdraw`, { method: "POST", body: {} }),
  removeProduct: (name: string, reason: string) =>
    apiFetch<Out<typeof C.Removed>>(`/api/products/${enc(name)}/remove`, { method: "POST", body: { reason } }),
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

/** A request as the console lists it: its product's name, team and description beside it. */
export type ListedRequest = RequestItem & Pick<RequestItem["product"], "name" | "team" | "description">;

/** A request listed across products carries its product nested; the console shows it flat. */
const flattenRequest = (r: RequestItem): ListedRequest => ({ ...r, name: r.product.name, team: r.product.team, description: r.product.description });

/** A person (the API names them by e-mail address), or a dash for nobody. */
export const personLabel = (p: string | null | undefined): string => p || "—";
