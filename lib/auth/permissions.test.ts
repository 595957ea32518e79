import { describe, expect, it } from "vitest";
import { ACTIONS, assertCan, can, ForbiddenError, UnauthenticatedError, type Action, type Actor, type Resource } from "./permissions";

const actor = (userId: string, memberships: Actor["memberships"]): Actor => ({ userId, email: `${userId}@acme.example`, name: userId, memberships });
const actors = {
  admin: actor("cto", [{ role: "platform_admin" }]),
  salesOwner: actor("sales-owner", [{ role: "domain_owner", domainId: "sales" }]),
  marketingOwner: actor("marketing-owner", [{ role: "domain_owner", domainId: "marketing" }]),
  analyst: actor("analyst", [{ role: "product_team", team: "growth" }]),
  reader: actor("viewer", [{ role: "product_team", team: "readers" }]),
  nobody: actor("nobody", []),
};
type Who = keyof typeof actors;

// action, resource, the actors allowed; every other actor must be refused.
const table: [Action, Resource, Who[]][] = [
  ["manifest.edit", { tier: "enterprise", manifestId: "ent" }, ["admin"]],
  ["manifest.publish", { tier: "enterprise", manifestId: "ent" }, ["admin"]],
  ["manifest.edit", { tier: "platform", manifestId: "plat" }, ["admin"]],
  ["manifest.edit", { tier: "domain", manifestId: "sales" }, ["salesOwner"]],
  ["manifest.publish", { tier: "domain", manifestId: "sales" }, ["salesOwner"]],
  ["manifest.publish", { tier: "domain", manifestId: "marketing" }, ["marketingOwner"]],
  ["manifest.edit", {}, []],
  ["request.create", {}, ["admin", "analyst", "reader"]],
  ["request.decide", { domainId: "sales" }, ["salesOwner"]],
  ["request.decide", {}, []],
  ["request.withdraw", { requestedById: "analyst" }, ["analyst"]],
  ["request.withdraw", {}, []],
  ["product.edit", { team: "growth", createdById: "viewer" }, ["analyst", "reader"]],
  ["product.edit", { team: "growth", createdById: "someone-else" }, ["analyst"]],
  ["product.remove", { domainId: "marketing" }, ["marketingOwner"]],
  ["read", {}, ["admin", "salesOwner", "marketingOwner", "analyst", "reader", "nobody"]],
];

describe("permission table", () => {
  it("covers every action", () => {
    expect(new Set(table.map(([a]) => a))).toEqual(new Set(ACTIONS));
  });

  for (const [action, resource, allowed] of table) {
    for (const who of Object.keys(actors) as Who[]) {
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
});
