// Typed failures every service may throw; server/http/route.ts maps each to its HTTP status.
import type { Impact } from "../../lib/org/evaluate";
import { impactGroups, pagedImpact } from "../../lib/org/impact-page";
import { maskSecretsInYaml } from "../../lib/manifest/secrets";
import type { Violation } from "../../lib/violations";

export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Top-level fields of the error response beside `error` (e.g. `current`, `violations`). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export class BadInputError extends ServiceError {
  constructor(message: string, details?: unknown) {
    super(400, "BAD_REQUEST", message, details);
  }
}

export class NotFoundError extends ServiceError {
  constructor(what: string) {
    super(404, "NOT_FOUND", `${what} not found`);
  }
}

/** Someone else changed the thing first (or it is no longer in the state the action needs). */
export class ConflictError extends ServiceError {
  constructor(message: string) {
    super(409, "CONFLICT", message);
  }
}

export class StaleRevisionError extends ServiceError {
  constructor(current: { yaml: string; revision: number }) {
    super(409, "STALE_REVISION", `edited meanwhile: revision is now ${current.revision}; reload and reapply your change`, undefined, { current: { ...current, yaml: maskSecretsInYaml(current.yaml) } });
  }
}

/** A product belongs to the team it was filed for; re-submitting it for another team would take it over. */
export class ProductOfOtherTeamError extends ServiceError {
  constructor(product: string, team: string) {
    super(403, "PRODUCT_OF_OTHER_TEAM", `product '${product}' belongs to team '${team}'; only that team can request it again`);
  }
}

/** The pending floe.yaml changed after the owner looked at it: approve what is there now, or not at all. */
export class StaleReviewError extends ServiceError {
  constructor(current: { floeYaml: string; revision: number; status: string }) {
    const { floeYaml, revision, status } = current;
    super(409, "STALE_REVISION", `the floe.yaml changed since you reviewed it: revision is now ${revision}; review it again`, undefined, { current: { floeYaml, revision, status } });
  }
}

export class ValidationFailedError extends ServiceError {
  constructor(violations: Violation[]) {
    const errors = violations.filter((v) => v.severity === "error");
    super(422, "VALIDATION_FAILED", `${errors.length} error(s): ${errors[0]?.message ?? "invalid"}`, undefined, { violations });
  }
}

/** The body carries the impact as the preview endpoint answers it: a summary and first pages, not 25,000 entries. */
export class ConfirmationRequiredError extends ServiceError {
  constructor(impact: Impact) {
    const names = impact.broken.slice(0, 10).map((e) => e.name);
    const more = impact.broken.length > names.length ? ` and ${impact.broken.length - names.length} more` : "";
    super(428, "CONFIRMATION_REQUIRED", `publishing breaks ${names.join(", ")}${more}; confirm to publish anyway`, undefined, { impact: pagedImpact(impactGroups(impact)) });
  }
}

/** Test-only failure injection: proves a failure mid-transaction leaves no partial rows. */
export type FaultPoint = "version-insert" | "product-update";
export class InjectedFault extends Error {}
export function maybeFail(fault: FaultPoint | undefined, point: FaultPoint): void {
  if (fault === point) throw new InjectedFault(`injected failure after ${point}`);
}
