"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import { toast } from "sonner";
import { api, isApiError } from "@/lib/client/api";

/** Query keys in one place, so a mutation invalidates exactly what it changes. */
export const keys = {
  me: ["me"] as const,
  manifests: ["manifests"] as const,
  manifest: (name: string) => ["manifests", name] as const,
  version: (name: string, version: string) => ["manifests", name, "versions", version] as const,
  impact: (name: string) => ["manifests", name, "impact"] as const,
  impactMarks: (name: string) => ["manifests", name, "impact", "marks"] as const,
  products: (filter: object = {}) => ["products", filter] as const,
  product: (name: string) => ["products", name] as const,
  requests: (filter: object = {}) => ["requests", filter] as const,
  audit: (filter: object) => ["audit", filter] as const,
};

/** Toast for a failed mutation: the code first, then the server's message. */
export function toastError(error: unknown, title = "Request failed") {
  if (isApiError(error)) toast.error(`${title}: ${error.code}`, { description: error.message });
  else toast.error(title, { description: error instanceof Error ? error.message : String(error) });
}

export const useMe = () => useQuery({ queryKey: keys.me, queryFn: api.me, staleTime: 5 * 60_000 });
export const useManifests = () => useQuery({ queryKey: keys.manifests, queryFn: api.manifests });
export const useManifest = (name: string) => useQuery({ queryKey: keys.manifest(name), queryFn: () => api.manifest(name), enabled: !!name });
export const useVersion = (name: string, version: string | null) =>
  useQuery({ queryKey: keys.version(name, version ?? ""), queryFn: () => api.version(name, version!), enabled: !!version, staleTime: Infinity });
export const useImpact = (name: string, enabled: boolean) =>
  useQuery({ queryKey: keys.impact(name), queryFn: () => api.impact(name), enabled, staleTime: 0 });
/** One mark per affected node (the tree's overlay), not the preview's entries. */
export const useImpactMarks = (name: string, enabled: boolean) =>
  useQuery({ queryKey: keys.impactMarks(name), queryFn: () => api.impactMarks(name), enabled, staleTime: 0 });
/**
 * Every product matching the filter, shown from the first page on: the next pages load one after
 * another while `loadingMore` is true (at 25,000 products the list is usable long before the last page).
 */
export function useProducts(filter: { domain?: string; status?: string } = {}) {
  const pages = useInfiniteQuery({
    queryKey: keys.products(filter),
    queryFn: ({ pageParam }) => api.productsPage(filter, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const { hasNextPage, isFetchingNextPage, isError, fetchNextPage } = pages;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isError, fetchNextPage]);
  const data = useMemo(() => pages.data?.pages.flatMap((p) => p.items), [pages.data]);
  return { data, error: pages.error, isPending: pages.isPending, loadingMore: hasNextPage && !isError };
}
export const useProduct = (name: string) => useQuery({ queryKey: keys.product(name), queryFn: () => api.product(name), enabled: !!name });
export const useRequests = (filter: { domain?: string; status?: string; mine?: boolean } = {}, enabled = true) =>
  useQuery({ queryKey: keys.requests(filter), queryFn: () => api.requests(filter), enabled });

export const useAudit = (filter: { action?: string; entityType?: string; actor?: string; cursor?: number }) =>
  useQuery({ queryKey: keys.audit(filter), queryFn: () => api.audit({ ...filter, limit: 50 }) });

/** Publishing or deciding a request changes manifests, products and requests at once. */
export function useInvalidateOrg() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: keys.manifests }),
      qc.invalidateQueries({ queryKey: ["products"] }),
      qc.invalidateQueries({ queryKey: ["requests"] }),
      qc.invalidateQueries({ queryKey: ["audit"] }),
      qc.invalidateQueries({ queryKey: ["tree"] }),
    ]);
}

/** A domain owner takes an approved product out of the domain: a new domain version without it. */
export function useRemoveProduct() {
  const invalidate = useInvalidateOrg();
  return useMutation({
    mutationFn: (r: { name: string; reason: string }) => api.removeProduct(r.name, r.reason),
    onSuccess: (v, r) => {
      toast.success(`${r.name} removed: domain version ${v.version} published`);
      return invalidate();
    },
    onError: (e) => toastError(e, "Could not remove the product"),
  });
}

export function useDecideRequest() {
  const invalidate = useInvalidateOrg();
  return useMutation({
    mutationFn: (d: { id: string } & ({ decision: "approve"; revision: number } | { decision: "reject"; reason: string } | { decision: "withdraw" })): Promise<{ status: string }> =>
      d.decision === "approve" ? api.approve(d.id, d.revision) : d.decision === "reject" ? api.reject(d.id, d.reason) : api.withdraw(d.id),
    onSuccess: (_r, d) => {
      toast.success(d.decision === "approve" ? "Request approved" : d.decision === "reject" ? "Request rejected" : "Request withdrawn");
      return invalidate();
    },
    onError: (e) => toastError(e, "Could not update the request"),
  });
}
