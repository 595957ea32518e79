// Demo users for the embedded default, one per role (README lists them). Idempotent: a re-run
// adds what is missing (e.g. domain-owner memberships once the domain manifests exist) and
// changes nothing else; existing passwords are left alone.
import { hashPassword } from "better-auth/crypto";
import type { Db } from "../db/client";

export const DEMO_PASSWORD = "mesh-demo";

export type DemoMembership = { role: "platform_admin" } | { role: "viewer" } | { role: "domain_owner"; domain: string } | { role: "product_team"; team: string };

export interface DemoUser {
  email: string;
  name: string;
  /** One line for the sign-in page: what this account can do. */
  summary: string;
  memberships: DemoMembership[];
}

export const DEMO_USERS: readonly DemoUser[] = [
  { email: "cto@acme.example", name: "Dana Whitfield", summary: "Platform admin (CTO office)", memberships: [{ role: "platform_admin" }] },
  { email: "platform@acme.example", name: "Priya Raman", summary: "Platform admin (platform team): reviews the CTO office's changes", memberships: [{ role: "platform_admin" }] },
  { email: "sales-owner@acme.example", name: "Sam Ortega", summary: "Domain owner: sales", memberships: [{ role: "domain_owner", domain: "sales" }] },
  { email: "marketing-owner@acme.example", name: "Mia Lindqvist", summary: "Domain owner: marketing", memberships: [{ role: "domain_owner", domain: "marketing" }] },
  { email: "finance-owner@acme.example", name: "Farid Haddad", summary: "Domain owner: finance", memberships: [{ role: "domain_owner", domain: "finance" }] },
  { email: "analyst@acme.example", name: "Ana Petrova", summary: "Product team: growth-analytics", memberships: [{ role: "product_team", team: "growth-analytics" }] },
  { email: "viewer@acme.example", name: "Victor Hale", summary: "Viewer: reads everything published, changes nothing", memberships: [{ role: "viewer" }] },
];

/** Domain manifest ids by name: given, or looked up among the domain manifests in the database. */
async function domainIdsByName(db: Db, given?: Record<string, string>): Promise<Record<string, string>> {
  if (given) return given;
  const domains = await db.manifest.findMany({ where: { tier: "domain" }, select: { id: true, name: true } });
  return Object.fromEntries(domains.map((d) => [d.name, d.id]));
}

async function ensureUser(db: Db, demo: DemoUser): Promise<string> {
  const user = await db.user.upsert({
    where: { email: demo.email },
    create: { email: demo.email, name: demo.name, emailVerified: true },
    // The org seed may have created a placeholder row (publisher of a seeded version).
    update: { name: demo.name, emailVerified: true },
  });
  const credential = await db.account.findFirst({ where: { userId: user.id, providerId: "credential" } });
  if (!credential) {
    // better-auth's own hasher, so its email sign-in verifies these passwords.
    const password = await hashPassword(DEMO_PASSWORD);
    await db.account.create({ data: { userId: user.id, providerId: "credential", accountId: user.id, password } });
  }
  return user.id;
}

async function ensureMembership(db: Db, userId: string, role: string, domainId: string | null, team: string | null): Promise<void> {
  const existing = await db.roleMembership.findFirst({ where: { userId, role, domainId, team } });
  if (!existing) await db.roleMembership.create({ data: { userId, role, domainId, team } });
}

/**
 * Creates the demo users (password DEMO_PASSWORD) and their role memberships.
 * `domainsByName` maps domain names to Manifest ids; without it the domain manifests are looked
 * up by name. Memberships of domains that do not exist yet are skipped.
 */
export async function seedUsers(db: Db, domainsByName?: Record<string, string>): Promise<void> {
  const domains = await domainIdsByName(db, domainsByName);
  for (const demo of DEMO_USERS) {
    const userId = await ensureUser(db, demo);
    const wanted = new Set<string>();
    for (const m of demo.memberships) {
      const domainId = m.role === "domain_owner" ? domains[m.domain] : null;
      if (domainId === undefined) continue;
      const team = m.role === "product_team" ? m.team : null;
      wanted.add(`${m.role}|${domainId}|${team}`);
      await ensureMembership(db, userId, m.role, domainId, team);
    }
    // A demo user has exactly the listed roles: one an older seed granted (the viewer once was a product team) goes.
    const stale = (await db.roleMembership.findMany({ where: { userId } })).filter((r) => !wanted.has(`${r.role}|${r.domainId}|${r.team}`));
    if (stale.length) await db.roleMembership.deleteMany({ where: { id: { in: stale.map((r) => r.id) } } });
  }
}
