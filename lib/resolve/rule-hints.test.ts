import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ruleHint } from "./rule-hints";
import { INHERITANCE_RULES, ruleFor } from "./rules";

describe("ruleHint", () => {
  it("says what the table enforces for the values people see", () => {
    expect(ruleHint("governance.pii_encryption")).toMatchObject({ label: "stricter only", locked: false });
    expect(ruleHint("plugins.telemetry_backend")).toMatchObject({ label: "locked", locked: true });
    expect(ruleHint("governance.data_retention_days")).toMatchObject({ label: "within bounds", locked: false });
    expect(ruleHint("plugins.compute")).toMatchObject({ label: "from the whitelist", locked: false });
    expect(ruleHint("plugins.quality.quality_gates.gold.min_score", true)).toMatchObject({ label: "locked", locked: true });
  });

  it("is locked exactly when the table says enterprise-only or the parent locked the object, and carries the rule's reason", () => {
    const paths = fc.oneof(
      fc.constantFrom(...INHERITANCE_RULES.map((r) => r.path.replaceAll("*", "x"))),
      fc.array(fc.constantFrom("governance", "plugins", "__proto__", "constructor", "x", ""), { minLength: 1, maxLength: 5 }).map((s) => s.join(".")),
    );
    fc.assert(
      fc.property(paths, fc.boolean(), (path, lockedByParent) => {
        const hint = ruleHint(path, lockedByParent);
        const rule = ruleFor(path);
        expect(hint.locked).toBe(lockedByParent || rule.kind === "enterprise-only");
        expect(hint.why).toBe(rule.why);
        expect(hint.label.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });
});
