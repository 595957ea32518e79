import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { can, type Actor, type Membership, type ReviewRule } from "../auth/permissions";
import { decideChange, revised, type ChangeCommand, type ChangeState } from "./workflow";

// Actors of every role, plus hostile shapes: no memberships, an owner of another domain, ids like `__proto__`.
const actor = (userId: string, memberships: Membership[]): Actor => ({ userId, email: `${userId}@acme.example`, name: userId, memberships });
const ACTORS = [
  actor("cto", [{ role: "platform_admin" }]),
  actor("cto2", [{ role: "platform_admin" }]),
  actor("sales-owner", [{ role: "domain_owner", domainId: "sales" }]),
  actor("sales-owner2", [{ role: "domain_owner", domainId: "sales" }]),
  actor("both", [{ role: "platform_admin" }, { role: "domain_owner", domainId: "sales" }]),
  actor("marketing-owner", [{ role: "domain_owner", domainId: "marketing" }]),
  actor("analyst", [{ role: "product_team", team: "growth" }]),
  actor("viewer", [{ role: "viewer" }]),
  actor("__proto__", [{ role: "domain_owner", domainId: "__proto__" }]),
  actor("", [{ role: "platform_admin" }]),
];

type Step =
  | { who: number; kind: "edit" }
  | { who: number; kind: "submit" }
  | { who: number; kind: "approve"; seen: "reviewed" | "draft" | "older" | "newer" }
  | { who: number; kind: "request_changes" | "reject" | "withdraw" | "comment" };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ who: fc.nat(ACTORS.length - 1), kind: fc.constantFrom("edit" as const, "submit" as const) }),
  fc.record({ who: fc.nat(ACTORS.length - 1), kind: fc.constant("approve" as const), seen: fc.constantFrom("reviewed" as const, "draft" as const, "older" as const, "newer" as const) }),
  fc.record({ who: fc.nat(ACTORS.length - 1), kind: fc.constantFrom("request_changes" as const, "reject" as const, "withdraw" as const, "comment" as const) }),
);
const scenario = fc.record({
  manifest: fc.constantFrom(
    { tier: "enterprise" as const, manifestId: "ent", rules: ["platform_admin", "none"] as ReviewRule[] },
    { tier: "domain" as const, manifestId: "sales", rules: ["domain_owner_or_admin", "domain_owner", "none"] as ReviewRule[] },
  ),
  ruleIndex: fc.nat(2),
  steps: fc.array(step, { maxLength: 40 }),
});

/**
 * Plays the scenario the way the services do: draft saves (by whoever may edit), submissions, and
 * review commands through decideChange. Records every publication with who wrote and who approved it.
 */
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;
function play(s: Scenario) {
  const rule = s.manifest.rules[s.ruleIndex % s.manifest.rules.length];
  const resource = { tier: s.manifest.tier, manifestId: s.manifest.manifestId };
  let draftRevision = 0;
  let request: ChangeState | null = null;
  const published: { author: string; approver: string; revision: number; reviewed: number; draftAtPublish: number }[] = [];
  for (const st of s.steps) {
    const who = ACTORS[st.who];
    if (st.kind === "edit") {
      if (!can(who, "manifest.edit", resource)) continue;
      draftRevision += 1;
      if (request) request = revised(request, draftRevision);
      continue;
    }
    if (st.kind === "submit") {
      if (!can(who, "change.submit", resource) || (request && ["open", "changes_requested"].includes(request.status))) continue;
      request = { status: "open", authorId: who.userId, ...resource, rule, revision: draftRevision };
      continue;
    }
    if (!request) continue;
    let command: ChangeCommand;
    if (st.kind === "approve") {
      const seen = { reviewed: request.revision, draft: draftRevision, older: request.revision - 1, newer: request.revision + 1 }[st.seen];
      command = { kind: "approve", revision: seen, draftRevision };
    } else command = { kind: st.kind };
    const before = request;
    const decision = decideChange(request, who, command);
    if (!decision.ok) {
      if (command.kind === "approve" && who.userId === before.authorId) expect(decision.code).toBe("SELF_APPROVAL");
      continue;
    }
    request = { ...request, status: decision.next };
    if (command.kind === "approve") {
      published.push({ author: before.authorId, approver: who.userId, revision: command.revision, reviewed: before.revision, draftAtPublish: draftRevision });
      draftRevision += 1; // publishing resets the draft to the published text (a new revision)
    }
  }
  return published;
}

describe("change requests (property)", () => {
  it("no sequence of actions by any role approves its own change or publishes a revision other than the reviewed one", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        for (const p of play(s)) {
          expect(p.approver).not.toBe(p.author);
          expect(p.revision).toBe(p.reviewed);
          expect(p.revision).toBe(p.draftAtPublish);
        }
      }),
      { numRuns: 5_000 },
    );
  });

  it("some sequences do publish (the property is not vacuous)", () => {
    let publishes = 0;
    fc.assert(
      fc.property(scenario, (s) => {
        publishes += play(s).length;
      }),
      { numRuns: 2_000 },
    );
    expect(publishes).toBeGreaterThan(0); // about 50 per 2,000 runs
  });
});

describe("decideChange (examples)", () => {
  const [cto, cto2, salesOwner, salesOwner2, , marketingOwner, analyst, viewer] = ACTORS;
  const enterprise: ChangeState = { status: "open", authorId: "cto", tier: "enterprise", manifestId: "ent", rule: "platform_admin", revision: 3 };
  const approve = (revision = 3, draftRevision = 3): ChangeCommand => ({ kind: "approve", revision, draftRevision });

  it("refuses the author with SELF_APPROVAL, whatever else they may do", () => {
    for (const kind of ["request_changes", "reject"] as const) expect(decideChange(enterprise, cto, { kind })).toMatchObject({ ok: false, code: "SELF_APPROVAL", status: 403 });
    expect(decideChange(enterprise, cto, approve())).toMatchObject({ ok: false, code: "SELF_APPROVAL" });
  });

  it("lets another platform admin approve the reviewed revision only", () => {
    expect(decideChange(enterprise, cto2, approve())).toEqual({ ok: true, next: "approved" });
    expect(decideChange(enterprise, cto2, approve(2, 3))).toMatchObject({ ok: false, code: "STALE_REVISION", status: 409 });
    expect(decideChange(enterprise, cto2, approve(3, 4))).toMatchObject({ ok: false, code: "STALE_REVISION" });
  });

  it("refuses non-reviewers and closed requests", () => {
    for (const who of [salesOwner, analyst, viewer]) expect(decideChange(enterprise, who, approve())).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(decideChange(enterprise, null, approve())).toMatchObject({ ok: false, code: "UNAUTHENTICATED", status: 401 });
    for (const status of ["approved", "rejected", "withdrawn", "changes_requested"] as const) expect(decideChange({ ...enterprise, status }, cto2, approve())).toMatchObject({ ok: false, code: "NOT_OPEN" });
  });

  it("domain changes: another owner or an admin under domain_owner_or_admin; owners only under domain_owner", () => {
    const sales: ChangeState = { ...enterprise, tier: "domain", manifestId: "sales", authorId: "sales-owner", rule: "domain_owner_or_admin" };
    expect(decideChange(sales, salesOwner2, approve()).ok).toBe(true);
    expect(decideChange(sales, cto, approve()).ok).toBe(true);
    expect(decideChange(sales, marketingOwner, approve())).toMatchObject({ code: "FORBIDDEN" });
    expect(decideChange({ ...sales, rule: "domain_owner" }, cto, approve())).toMatchObject({ code: "FORBIDDEN" });
  });

  it("a draft edited after submission goes back to review on its new revision", () => {
    const back = revised({ ...enterprise, status: "changes_requested" }, 5);
    expect(back).toMatchObject({ status: "open", revision: 5 });
    expect(decideChange(back, cto2, approve(3, 5))).toMatchObject({ code: "STALE_REVISION" });
    expect(revised({ ...enterprise, status: "approved" }, 9)).toMatchObject({ status: "approved", revision: 3 });
  });

  it("only the author withdraws; reject works while changes are requested", () => {
    expect(decideChange(enterprise, cto2, { kind: "withdraw" })).toMatchObject({ code: "FORBIDDEN" });
    expect(decideChange(enterprise, cto, { kind: "withdraw" })).toEqual({ ok: true, next: "withdrawn" });
    expect(decideChange({ ...enterprise, status: "changes_requested" }, cto2, { kind: "reject" })).toEqual({ ok: true, next: "rejected" });
  });
});
