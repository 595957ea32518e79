import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ProductSummary } from "@/lib/client/api";

const tones: Record<string, BadgeTone> = { approved: "valid", pending: "pending", rejected: "broken", withdrawn: "neutral", removed: "neutral" };

/** Registration status, plus "invalid" when an approved product no longer resolves cleanly. */
export function ProductStatusBadge({ product }: { product: Pick<ProductSummary, "status" | "valid"> }) {
  return (
    <span className="inline-flex gap-1">
      <Badge tone={tones[product.status] ?? "neutral"}>{product.status}</Badge>
      {product.valid === false && <Badge tone="broken">invalid</Badge>}
    </span>
  );
}
