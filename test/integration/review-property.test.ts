// Property over the real services and database: whatever sequence of edits, submissions and review
// actions any role attempts, no publication is approved by its author, and every approval publishes
// exactly the revision it named, which is the draft's revision at that moment. Each draft revision
// carries a unique marker, so the published text tells which revision it came from.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/auth/permissions";
import { approveChange, rejectChange, requestChanges, submitChange, withdrawChange } from "../../server/services/change-requests";
import { setReviewRule } from "../../server/services/review-policy";
import { saveDraft } from "../../server/services/save-draft";
import { ANALYST, CTO, SALES_OWNER, seededOrg, VIEWER, type SeededOrg } from "./services-setup";

let org: SeededOrg;
let people: Actor[];
beforeAll(async () => {
  org = await seededOrg();
  people = await Promise.all([CTO, "platform@acme.example", SALES_OWNER, ANALYST, VIEWER].map((e) => org.actor(e)));
}, 120_000);
afterAll(() => org?.close());

const NAME = "acme-enterprise";
type Step = { who: number; kind: "edit" | "submit" | "reject" | "request_changes" | "withdraw" } | { who: number; kind: "approve"; seen: "current" | "older" | "newer" };
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ who: fc.nat(4), kind: fc.constantFrom("edit" as const, "submit" as const, "reject" as const, "request_changes" as const, "withdraw" as const) }),
  fc.record({ who: fc.nat(4), kind: fc.constant("approve" as const), seen: fc.constantFrom("current" as const, "older" as const, "newer" as const) }),
);

let marker = 0;
const draft = () => org.db.manifest.findFirstOrThrow({ where: { name: NAME } });
const active = async () => org.db.changeRequest.findFirst({ where: { manifestId: (await draft()).id, status: { in: ["open", "changes_requested"] } } });

describe("reviewed changes (property, real services)", () => {
  it("no sequence of actions by any role approves its own change or publishes a revision other than the reviewed one", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("platform_admin", "none"), fc.array(step, { minLength: 1, maxLength: 10 }), async (rule, steps) => {
        await setReviewRule({ db: org.db, actor: people[0], input: { tier: "enterprise", rule } });
        for (const s of steps) {
          const actor = people[s.who];
          const m = await draft();
          const change = await active();
          const attempt = async () => {
            switch (s.kind) {
              case "edit": {
                marker += 1;
                const yaml = m.draftYaml.replace(/^( {2}description: ).*$/m, `$1marker-${marker}`);
                return saveDraft({ db: org.db, actor, input: { name: NAME, yaml, baseRevision: m.draftRevision } });
              }
              case "submit":
                return submitChange({ db: org.db, actor, input: { name: NAME, baseRevision: m.draftRevision, title: "t", description: "" } });
              case "approve": {
                if (!change) return;
                const revision = { current: change.draftRevision, older: change.draftRevision - 1, newer: change.draftRevision + 1 }[s.seen];
                const reviewedText = m.draftRevision === revision ? m.draftYaml : null;
                const done = await approveChange({ db: org.db, actor, input: { id: change.id, revision, confirmBreaking: true } });
                // It published: the approver is not the author, the revision named is the draft's, and the text is that revision's.
                expect(actor.userId).not.toBe(change.authorId);
                expect(revision).toBe(m.draftRevision);
                const version = await org.db.manifestVersion.findFirstOrThrow({ where: { ref: done.ref } });
                const wanted = reviewedText?.match(/^ {2}description: (.*)$/m)?.[1];
                expect(version.yaml).toContain(`description: ${wanted}`);
                expect(version.publishedById).toBe(actor.userId);
                return done;
              }
              case "reject":
              case "request_changes":
                if (!change) return;
                return (s.kind === "reject" ? rejectChange : requestChanges)({ db: org.db, actor, input: { id: change.id, reason: "r" } });
              case "withdraw":
                if (!change) return;
                return withdrawChange({ db: org.db, actor, input: { id: change.id } });
            }
          };
          await attempt().catch((e: Error & { code?: string }) => {
            if (e.name === "AssertionError") throw e;
            // Refusals are expected; anything else is a bug.
            expect(["FORBIDDEN", "SELF_APPROVAL", "STALE_REVISION", "NOT_OPEN", "CONFLICT", "CHANGE_UNDER_REVIEW", "NOTHING_TO_REVIEW", "REVIEW_REQUIRED"]).toContain(e.code);
          });
        }
      }),
      { numRuns: 25 },
    );
    // The property is not vacuous: one known-good sequence approves (and every approval had another approver).
    for (const c of await org.db.changeRequest.findMany({ where: { status: { in: ["open", "changes_requested"] } } })) await withdrawChange({ db: org.db, actor: people.find((p) => p.userId === c.authorId)!, input: { id: c.id } });
    const m = await draft();
    const edited = await saveDraft({ db: org.db, actor: people[0], input: { name: NAME, yaml: m.draftYaml.replace(/^( {2}description: ).*$/m, "$1final"), baseRevision: m.draftRevision } });
    const submitted = await submitChange({ db: org.db, actor: people[0], input: { name: NAME, baseRevision: edited.revision, title: "final", description: "" } });
    await approveChange({ db: org.db, actor: people[1], input: { id: submitted.id, revision: submitted.revision, confirmBreaking: true } });
    const approved = await org.db.changeRequest.findMany({ where: { status: "approved" } });
    expect(approved.length).toBeGreaterThan(0);
    for (const c of approved) expect(c.decidedById).not.toBe(c.authorId);
  }, 240_000);
});
