// Demo accounts that still open with the published demo password. Outside the demo their
// existence stops the start (server/startup.ts); `mesh admin remove-demo-accounts` removes them.
import { verifyPassword } from "better-auth/crypto";
import { appendAudit, SYSTEM_ACTOR } from "../audit/append";
import type { Db } from "../db/client";
import { DEMO_PASSWORD, DEMO_USERS } from "./seed-users";

const DEMO_EMAILS = DEMO_USERS.map((u) => u.email);

/** Emails of demo users whose password account accepts the demo password. */
export async function demoCredentials(db: Db): Promise<string[]> {
  const accounts = await db.account.findMany({
    where: { providerId: "credential", user: { email: { in: DEMO_EMAILS } } },
    select: { password: true, user: { select: { email: true } } },
  });
  const open = await Promise.all(accounts.map(async (a) => (a.password && (await verifyPassword({ hash: a.password, password: DEMO_PASSWORD })) ? a.user.email : null)));
  return open.filter((email): email is string => email !== null).sort();
}

/**
 * Takes every demo user's way in: password accounts, sessions and role memberships, in one
 * audited transaction. The user rows stay (published versions name their publisher).
 */
export async function removeDemoAccounts(db: Db): Promise<string[]> {
  return db.$transaction(async (tx) => {
    const users = await tx.user.findMany({ where: { email: { in: DEMO_EMAILS } }, select: { id: true, email: true } });
    const removed: string[] = [];
    for (const user of users) {
      const accounts = await tx.account.deleteMany({ where: { userId: user.id } });
      const sessions = await tx.session.deleteMany({ where: { userId: user.id } });
      const roles = await tx.roleMembership.deleteMany({ where: { userId: user.id } });
      if (accounts.count + sessions.count + roles.count === 0) continue;
      removed.push(user.email);
      await appendAudit(tx, {
        actor: SYSTEM_ACTOR,
        action: "user.demo-access.remove",
        entityType: "User",
        entityId: user.id,
        data: { email: user.email, accounts: accounts.count, sessions: sessions.count, roles: roles.count },
      });
    }
    return removed.sort();
  });
}
