// Demo users and SSO role mapping against the real database of the suite (SQLite or PostgreSQL).
import { verifyPassword } from "better-auth/crypto";
import { describe, expect, it } from "vitest";
import type { Db } from "../../server/db/client";
import { replaceMembershipsFromSso, rolesFromClaim } from "../../server/auth/sso-roles";
import { DEMO_PASSWORD, DEMO_USERS, seedUsers } from "../../server/seed/seed-users";
import { useFreshDb } from "./fresh-database";

let db: Db;
useFreshDb((client) => (db = client));

async function createDomains(names: string[]): Promise<Record<string, string>> {
  const org = await db.organisation.upsert({
    where: { slug: "acme" },
    create: { slug: "acme", name: "Acme", registryHost: "registry.acme.example", registryPrefix: "floe" },
    update: {},
  });
  const ids: Record<string, string> = {};
  for (const name of names) {
    const m = await db.manifest.create({ data: { orgId: org.id, name, tier: "domain", draftYaml: `metadata: {name: ${name}}` } });
    ids[name] = m.id;
  }
  return ids;
}

const membershipsOf = (email: string) =>
  db.roleMembership.findMany({ where: { user: { email } }, select: { role: true, domainId: true, team: true }, orderBy: { role: "asc" } });

describe("seedUsers", () => {
  it("creates every demo user with a password better-auth accepts, and is idempotent", async () => {
    await seedUsers(db);
    await seedUsers(db);
    expect(await db.user.count()).toBe(DEMO_USERS.length);
    const accounts = await db.account.findMany({ where: { providerId: "credential" }, include: { user: true } });
    expect(accounts.map((a) => a.user.email).sort()).toEqual(DEMO_USERS.map((u) => u.email).sort());
    for (const account of accounts) {
      expect(account.accountId).toBe(account.userId);
      expect(await verifyPassword({ hash: account.password!, password: DEMO_PASSWORD })).toBe(true);
      expect(await verifyPassword({ hash: account.password!, password: "wrong" })).toBe(false);
    }
    expect(await membershipsOf("cto@acme.example")).toEqual([{ role: "platform_admin", domainId: null, team: null }]);
    expect(await membershipsOf("analyst@acme.example")).toEqual([{ role: "product_team", domainId: null, team: "growth-analytics" }]);
    // No domain manifests yet: the owners have no membership so far.
    expect(await membershipsOf("sales-owner@acme.example")).toEqual([]);
  });

  it("adds domain-owner memberships on a re-run once the domains exist, without duplicates", async () => {
    const domains = await createDomains(["sales", "marketing", "finance"]);
    await seedUsers(db);
    await seedUsers(db);
    for (const name of ["sales", "marketing", "finance"]) {
      expect(await membershipsOf(`${name}-owner@acme.example`)).toEqual([{ role: "domain_owner", domainId: domains[name], team: null }]);
    }
    // Every demo user's memberships, once each.
    expect(await db.roleMembership.count()).toBe(DEMO_USERS.reduce((n, u) => n + u.memberships.length, 0));
  });
});

describe("SSO role claims", () => {
  it("reads mesh roles from an array or a space/comma-separated string and ignores other groups", () => {
    expect(rolesFromClaim(["mesh:platform-admin", "all-staff", "mesh:domain-owner:sales", "mesh:product-team:growth"])).toEqual([
      { role: "platform_admin" },
      { role: "domain_owner", domain: "sales" },
      { role: "product_team", team: "growth" },
    ]);
    expect(rolesFromClaim("mesh:domain-owner:finance, mesh:product-team:readers")).toEqual([
      { role: "domain_owner", domain: "finance" },
      { role: "product_team", team: "readers" },
    ]);
    expect(rolesFromClaim(undefined)).toEqual([]);
    expect(rolesFromClaim([42, { role: "x" }, "mesh:domain-owner:"])).toEqual([]);
  });

  it("replaces the user's memberships with the claimed ones on each sign-in, skipping unknown domains", async () => {
    const othersBefore = await db.roleMembership.findMany({ orderBy: { id: "asc" } });
    const user = await db.user.create({ data: { email: "sso@acme.example", name: "SSO User" } });
    const sales = await db.manifest.findFirstOrThrow({ where: { name: "sales" } });
    const finance = await db.manifest.findFirstOrThrow({ where: { name: "finance" } });

    await replaceMembershipsFromSso(db, user.id, rolesFromClaim(["mesh:domain-owner:sales", "mesh:domain-owner:nowhere", "mesh:product-team:growth"]));
    expect(await membershipsOf("sso@acme.example")).toEqual([
      { role: "domain_owner", domainId: sales.id, team: null },
      { role: "product_team", domainId: null, team: "growth" },
    ]);

    // The IdP moved the user to finance: sales ownership is gone.
    await replaceMembershipsFromSso(db, user.id, rolesFromClaim(["mesh:domain-owner:finance", "mesh:domain-owner:finance"]));
    expect(await membershipsOf("sso@acme.example")).toEqual([{ role: "domain_owner", domainId: finance.id, team: null }]);

    await replaceMembershipsFromSso(db, user.id, []);
    expect(await membershipsOf("sso@acme.example")).toEqual([]);
    // Other users untouched.
    expect(await db.roleMembership.findMany({ orderBy: { id: "asc" } })).toEqual(othersBefore);
  });
});
