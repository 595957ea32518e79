import { Badge } from "@/components/ui/badge";
import type { Violation } from "@/lib/violations";

/** valid / invalid (N errors) for a resolved manifest or product. */
export function ValidityBadge({ violations, unknown = false }: { violations: readonly Violation[] | null | undefined; unknown?: boolean }) {
  if (unknown || !violations) return <Badge tone="neutral">not evaluated</Badge>;
  const errors = violations.filter((v) => v.severity === "error").length;
  return errors ? <Badge tone="broken">invalid · {errors} error{errors === 1 ? "" : "s"}</Badge> : <Badge tone="valid">valid</Badge>;
}
