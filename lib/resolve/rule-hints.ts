import { ruleFor, type RuleKind } from "./rules";

/** What a domain may do with an inherited value, in a badge's words. */
const KIND_LABEL: Record<RuleKind, string> = {
  "enterprise-only": "locked",
  "select-from-whitelist": "from the whitelist",
  "only-strengthen": "stricter only",
  "within-bounds": "within bounds",
  subset: "may drop entries",
  additive: "may add entries",
  "domain-defined": "domain may override",
};

export interface RuleHint {
  label: string;
  /** Nothing below may change it: the table's `enterprise-only`, or an object the enterprise locked (floe's `overridable: false`). */
  locked: boolean;
  why: string;
}

/** The console's hint for an inherited value at `path`, read from the inheritance table so the UI says what the server enforces. */
export function ruleHint(path: string, lockedByParent = false): RuleHint {
  const rule = ruleFor(path);
  const locked = lockedByParent || rule.kind === "enterprise-only";
  return { label: locked ? "locked" : KIND_LABEL[rule.kind], locked, why: rule.why };
}
