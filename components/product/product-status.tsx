import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ProductSummary } from "@/lib/client/api";

const tones: Record<string, BadgeTone> = { approved: "valid", pending: "pending", rejected: "broken", withdrawn: "neutral", removed: "neutral" };

/** Registration status (whether it resolves cleanly is the violations tab and the tree's overlay). */
export function ProductStatusBadge({ product }: { product: Pick<ProductSummary, "status"> }) {
  return <Badge tone={tones[product.status] ?? "neutral"}>{product.status}</Badge>;
}
