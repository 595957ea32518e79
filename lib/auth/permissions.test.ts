import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ACTIONS, assertCan, can, ForbiddenError, ROLES, UnauthenticatedError, type Action, type Actor, type Membership, type Resource } from "./permissions";

const actor = (userId: string, memberships: Actor["memberships"]): Actor => ({ userId, email: `${userId}@acme.example`, name: userId, memberships });
const actors = {
  admin: actor("cto", [{ role: "platform_admin" }]),
  salesOwner: actor("sales-owner", [{ role: "domain_owner", domainId: "sales" }]),
  marketingOwner: actor("marketing-owner", [{ role: "domain_owner", domainId: "marketing" }]),
  analyst: actor("analyst", [{ role: "product_team", team: "growth" }]),
  readersTeam: actor("reader", [{ role: "product_team", team: "readers" }]),
  viewer: actor("viewer", [{ role: "viewer" }]),
  nobody: actor("nobody", []),
};
type Who = keyof typeof actors;
const everyone = Object.keys(actors) as Who[];

// action, resource, the actors allowed; every other actor must be refused.
const table: [Action, Resource, Who[]][] = [
  ["manifest.edit", { tier: "enterprise", manifestId: "ent" }, ["admin"]],
  ["manifest.publish", { tier: "enterprise", manifestId: "ent" }, ["admin"]],
  ["manifest.readDraft", { tier: "enterprise", manifestId: "ent" }, ["admin"]],
  ["manifest.edit", { tier: "platform", manifestId: "plat" }, ["admin"]],
  ["manifest.edit", { tier: "domain", manifestId: "sales" }, ["salesOwner"]],
  ["manifest.publish", { tier: "domain", manifestId: "sales" }, ["salesOwner"]],
  ["manifest.publish", { tier: "domain", manifestId: "marketing" }, ["marketingOwner"]],
  ["manifest.readDraft", { tier: "domain", manifestId: "marketing" }, ["marketingOwner"]],
  ["manifest.edit", {}, []],
  ["request.create", { team: "growth" }, ["analyst"]],
  ["request.create", { team: "readers" }, ["readersTeam"]],
  ["request.create", { team: "sales-data" }, []],
  ["request.create", {}, []],
  ["request.decide", { domainId: "sales" }, ["salesOwner"]],
  ["request.decide", {}, []],
  ["request.withdraw", { team: "growth" }, ["analyst"]],
  ["request.withdraw", {}, []],
  ["product.edit", { team: "growth" }, ["analyst"]],
  ["product.edit", { team: "customer-success" }, []],
  ["product.readDraft", { team: "growth", domainId: "sales" }, ["admin", "analyst", "salesOwner"]],
  ["product.readDraft", { team: "customer-success", domainId: "marketing" }, ["admin", "marketingOwner"]],
  ["product.remove", { domainId: "marketing" }, ["marketingOwner"]],
  ["change.submit", { tier: "enterprise", manifestId: "ent" }, ["admin"]],
  ["change.submit", { tier: "domain", manifestId: "sales" }, ["salesOwner"]],
  ["change.read", { tier: "domain", manifestId: "sales", rule: "domain_owner_or_admin" }, ["admin", "salesOwner"]],
  ["change.read", { tier: "domain", manifestId: "sales", rule: "none" }, ["salesOwner"]],
  ["change.review", { tier: "enterprise", manifestId: "ent", rule: "platform_admin", authorId: "someone-else" }, ["admin"]],
  ["change.review", { tier: "enterprise", manifestId: "ent", rule: "platform_admin", authorId: "cto" }, []],
  ["change.review", { tier: "enterprise", manifestId: "ent", rule: "platform_admin" }, []],
  ["change.review", { tier: "domain", manifestId: "sales", rule: "domain_owner_or_admin", authorId: "x" }, ["admin", "salesOwner"]],
  ["change.review", { tier: "domain", manifestId: "sales", rule: "domain_owner_or_admin", authorId: "sales-owner" }, ["admin"]],
  ["change.review", { tier: "domain", manifestId: "sales", rule: "domain_owner", authorId: "x" }, ["salesOwner"]],
  ["change.review", { tier: "domain", manifestId: "sales", rule: "platform_admin", authorId: "x" }, []],
  ["change.review", { tier: "domain", manifestId: "sales", rule: "bogus" as "none", authorId: "x" }, []],
  ["change.withdraw", { tier: "enterprise", manifestId: "ent", authorId: "cto" }, ["admin"]],
  ["change.withdraw", { tier: "domain", manifestId: "sales", authorId: "cto" }, []],
  ["whitelist.request", { domainId: "sales" }, ["salesOwner"]],
  ["whitelist.request", {}, []],
  ["whitelist.decide", {}, ["admin"]],
  ["review.configure", {}, ["admin"]],
  ["org.import", {}, ["admin"]],
  ["registry.push", {}, ["admin"]],
  ["read", {}, everyone],
];

describe("permission table", () => {
  it("covers every action", () => {
    expect(new Set(table.map(([a]) => a))).toEqual(new Set(ACTIONS));
  });

  for (const [action, resource, allowed] of table) {
    for (const who of everyone) {
      const expected = allowed.includes(who);
      it(`${action} ${JSON.stringify(resource)}: ${who} ${expected ? "may" : "may not"}`, () => {
        expect(can(actors[who], action, resource)).toBe(expected);
        if (expected) expect(() => assertCan(actors[who], action, resource)).not.toThrow();
        else expect(() => assertCan(actors[who], action, resource)).toThrow(ForbiddenError);
      });
    }
  }

  it("refuses a signed-out caller everything, even reads", () => {
    for (const action of ACTIONS) {
      expect(can(null, action, {})).toBe(false);
      expect(() => assertCan(null, action, {})).toThrow(UnauthenticatedError);
    }
  });

  it("refuses an action that is not in the table, even one named like an Object.prototype member", () => {
    for (const action of ["__proto__", "constructor", "toString", "hasOwnProperty", "write"]) expect(can(actors.admin, action as Action, {})).toBe(false);
  });
});

// "No role escapes": whatever the actor's memberships and whatever the resource, a grant other than
// a plain read needs a membership whose scope is the resource (its team, its domain, or the
// enterprise for a platform admin), matched exactly. The oracle is written from the role table in
// the module comment, independently of PERMISSIONS.
describe("no role escapes (property)", () => {
  // Team and domain names: a small pool (so memberships and resources often meet) plus hostile
  // look-alikes: Cyrillic 'а', a right-to-left override, NFD vs NFC, case, padding, prototype keys.
  const names = ["growth", "readers", "sales", "marketing", "grоwth", "growth\u202e", "Growth", " growth", "caf\u00e9", "cafe\u0301", "__proto__", "constructor", ""];
  const name = fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 6 }));
  const membership: fc.Arbitrary<Membership> = fc.record(
    {
      role: fc.oneof(fc.constantFrom(...ROLES), fc.constantFrom("admin", "owner", "__proto__", "")),
      domainId: fc.option(name, { nil: undefined }),
      team: fc.option(name, { nil: undefined }),
    },
    { requiredKeys: ["role"] },
  );
  const actorArb = fc.array(membership, { maxLength: 4 }).map((ms) => actor("u", ms));
  const resource: fc.Arbitrary<Resource> = fc.record(
    {
      tier: fc.constantFrom("enterprise", "domain", "platform", "weird" as "domain"),
      manifestId: name,
      domainId: name,
      team: name,
      authorId: fc.constantFrom("u", "v", "", "__proto__"),
      rule: fc.constantFrom("platform_admin", "domain_owner_or_admin", "domain_owner", "none", "__proto__" as "none"),
    },
    { requiredKeys: [] },
  );

  /** The memberships that put this resource in the actor's scope for this action. */
  function inScope(a: Actor, action: Action, r: Resource): boolean {
    const team = (m: Membership) => m.role === "product_team" && typeof r.team === "string" && r.team !== "" && m.team === r.team;
    const domain = (m: Membership, id: string | undefined) => m.role === "domain_owner" && typeof id === "string" && m.domainId === id;
    const enterprise = (m: Membership) => m.role === "platform_admin" && (r.tier === "enterprise" || r.tier === "platform");
    return a.memberships.some((m) => {
      switch (action) {
        case "manifest.edit":
        case "manifest.publish":
        case "manifest.readDraft":
          return r.tier === "domain" ? domain(m, r.manifestId) : enterprise(m);
        case "request.create":
        case "request.withdraw":
        case "product.edit":
          return team(m);
        case "product.readDraft":
          return team(m) || domain(m, r.domainId) || m.role === "platform_admin";
        case "request.decide":
        case "product.remove":
          return domain(m, r.domainId);
        case "org.import":
        case "registry.push":
          return m.role === "platform_admin";
        case "read":
          return true;
        case "change.submit":
          return r.tier === "domain" ? domain(m, r.manifestId) : enterprise(m);
        case "change.read":
        case "change.review": {
          const writer = r.tier === "domain" ? domain(m, r.manifestId) : enterprise(m);
          const reviewer =
            r.rule === "none" ? writer
            : r.rule === "platform_admin" ? enterprise(m)
            : r.rule === "domain_owner" ? r.tier === "domain" && domain(m, r.manifestId)
            : r.rule === "domain_owner_or_admin" ? r.tier === "domain" && (domain(m, r.manifestId) || m.role === "platform_admin")
            : false;
          // Nobody reviews their own change; an unknown author is nobody's to approve.
          if (action === "change.review") return reviewer && typeof r.authorId === "string" && r.authorId !== "" && r.authorId !== a.userId;
          return writer || reviewer;
        }
        case "change.withdraw":
          return r.authorId === a.userId && a.userId !== "" && (r.tier === "domain" ? domain(m, r.manifestId) : enterprise(m));
        case "whitelist.request":
          return domain(m, r.domainId);
        case "whitelist.decide":
        case "review.configure":
          return m.role === "platform_admin";
      }
    });
  }

  it("grants nothing outside the actor's memberships", () => {
    fc.assert(
      fc.property(actorArb, fc.constantFrom(...ACTIONS), resource, (a, action, r) => {
        if (action === "read") return can(a, action, r) === true;
        return can(a, action, r) === inScope(a, action, r);
      }),
      { numRuns: 20_000 },
    );
  });

  it("a viewer, or any actor without write memberships, changes nothing and reads no draft", () => {
    const readOnly = fc.array(fc.record({ role: fc.constantFrom("viewer", "", "admin"), domainId: fc.option(name, { nil: undefined }), team: fc.option(name, { nil: undefined }) }), { maxLength: 3 });
    fc.assert(
      fc.property(readOnly, fc.constantFrom(...ACTIONS.filter((x) => x !== "read")), resource, (ms, action, r) => !can(actor("v", ms), action, r)),
      { numRuns: 5_000 },
    );
  });

  it("a team name that only looks like the member's team is refused", () => {
    const member = actor("a", [{ role: "product_team", team: "growth" }]);
    for (const lookAlike of ["grоwth", "growth\u202e", "\u202egrowth", "Growth", "growth ", "growth\u200b"])
      for (const action of ["request.create", "request.withdraw", "product.edit", "product.readDraft"] as const) expect(can(member, action, { team: lookAlike })).toBe(false);
  });
});
