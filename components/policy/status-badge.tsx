import { Badge } from "@/components/ui/badge";
import { errorCount, type Violation } from "@/lib/violations";

/** valid / invalid (N errors) for a resolved manifest or product. */
export function ValidityBadge({ violations, unknown = false }: { violations: readonly Violation[] | null | undefined; unknown?: boolean }) {
  return <ErrorsBadge errors={unknown || !violations ? null : errorCount(violations)} />;
}

/** The same badge from an error count (null: not evaluated). */
export function ErrorsBadge({ errors }: { errors: number | null }) {
  if (errors === null) return <Badge tone="neutral">not evaluated</Badge>;
  return errors ? <Badge tone="broken">invalid · {errors} error{errors === 1 ? "" : "s"}</Badge> : <Badge tone="valid">valid</Badge>;
}
