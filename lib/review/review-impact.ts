import type { Violation } from "../violations";
import type { ValueChange } from "./policy-diff";

/** One domain or product a change would break: its owners, and per new error the value it has today. */
export interface BreakingEntry {
  kind: "domain" | "product";
  name: string;
  domain: string | null;
  owners: string[];
  errors: { code: string; path: string; message: string; before: unknown }[];
}

/** What a change does, as the review shows it. Lists are capped; counts are not. */
export interface ReviewImpact {
  version: string;
  ref: string;
  valueChanges: ValueChange[];
  changedCount: number;
  changed: string[];
  fixed: string[];
  broken: BreakingEntry[];
  violations: Violation[];
}
