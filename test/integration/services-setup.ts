// A fresh database with the example organisation and the demo users, and their actors.
import type { Actor } from "../../lib/auth/permissions";
import { createDb, getDb, type Db } from "../../server/db/client";
import { seedOrganisation } from "../../server/seed/seed-org";
import { seedUsers } from "../../server/seed/seed-users";
import { sessionCookie } from "../support/sign-in";
import { freshDatabase, type FreshDatabase } from "./fresh-database";

export interface SeededOrg {
  fresh: FreshDatabase;
  db: Db;
  actor(email: string): Promise<Actor>;
  close(): Promise<void>;
}

export async function seededOrg(): Promise<SeededOrg> {
  const fresh = await freshDatabase();
  const db = createDb(fresh.url);
  await seedOrganisation(db);
  await seedUsers(db);
  return {
    fresh,
    db,
    async actor(email) {
      const user = await db.user.findUniqueOrThrow({ where: { email }, include: { roles: true } });
      return { userId: user.id, email: user.email, name: user.name, memberships: user.roles.map(({ role, domainId, team }) => ({ role, domainId, team })) };
    },
    async close() {
      await db.$disconnect();
      await fresh.drop();
    },
  };
}

export const CTO = "cto@acme.example";
export const SALES_OWNER = "sales-owner@acme.example";
export const MARKETING_OWNER = "marketing-owner@acme.example";
export const FINANCE_OWNER = "finance-owner@acme.example";
export const ANALYST = "analyst@acme.example";
export const VIEWER = "viewer@acme.example";

/**
 * A fresh seeded database for the in-process route handlers (getDb() and better-auth read it from
 * the environment on first use), with these users signed in: their Cookie headers by e-mail.
 */
export async function seededRoutes(base: string, emails: readonly string[]): Promise<{ cookies: Record<string, string>; close(): Promise<void> }> {
  const fresh = await freshDatabase();
  Object.assign(process.env, { DATABASE_URL: fresh.url, BETTER_AUTH_URL: base, AUTH_RATE_LIMIT: "off" });
  await seedOrganisation(getDb());
  await seedUsers(getDb());
  const cookies: Record<string, string> = {};
  for (const email of emails) cookies[email] = await sessionCookie(email, base);
  return {
    cookies,
    async close() {
      await getDb().$disconnect();
      await fresh.drop();
    },
  };
}
