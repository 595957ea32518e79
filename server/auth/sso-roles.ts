// Single sign-on roles: the IdP's role claim (OIDC_ROLE_CLAIM, default `groups`) is the source of
// truth for a user who signs in through SSO. Values understood:
//   mesh:platform-admin · mesh:domain-owner:<domain name> · mesh:product-team:<team> · mesh:viewer
// Anything else (other groups the IdP sends) is ignored.
import { appendAudit } from "../audit/append";
import type { Db } from "../db/client";

export type ClaimedRole =
  | { role: "platform_admin" }
  | { role: "domain_owner"; domain: string }
  | { role: "product_team"; team: string }
  | { role: "viewer" };

const PATTERNS: [RegExp, (value: string) => ClaimedRole][] = [
  [/^mesh:platform-admin$/, () => ({ role: "platform_admin" })],
  [/^mesh:domain-owner:(.+)$/, (domain) => ({ role: "domain_owner", domain })],
  [/^mesh:product-team:(.+)$/, (team) => ({ role: "product_team", team })],
  [/^mesh:viewer$/, () => ({ role: "viewer" })],
];

/** The mesh roles in a claim value: a string (space- or comma-separated) or an array of strings. */
export function rolesFromClaim(claim: unknown): ClaimedRole[] {
  const values = Array.isArray(claim) ? claim : typeof claim === "string" ? claim.split(/[\s,]+/) : [];
  const roles: ClaimedRole[] = [];
  for (const value of values) {
    if (typeof value !== "string") continue;
    for (const [pattern, toRole] of PATTERNS) {
      const match = pattern.exec(value.trim());
      if (match) roles.push(toRole(match[1]));
    }
  }
  return roles;
}

type Row = { role: string; domainId: string | null; team: string | null };
const rowKey = (r: Row) => `${r.role}|${r.domainId ?? ""}|${r.team ?? ""}`;

/** Why the roles were read from the IdP: a sign-in, or the periodic re-check of a signed-in user. */
export type SsoRoleSource = "sign-in" | "re-check";

/**
 * Makes the user's role memberships exactly the claimed ones, in one transaction with one audit
 * event per role granted or revoked, and records when the IdP was asked (SsoRoleCheck).
 * A domain the console does not know (yet) is skipped: the next check picks it up.
 */
export async function applySsoRoles(db: Db, userId: string, roles: ClaimedRole[], source: SsoRoleSource): Promise<{ granted: Row[]; revoked: Row[] }> {
  const domainNames = [...new Set(roles.flatMap((r) => (r.role === "domain_owner" ? [r.domain] : [])))];
  const domains = await db.manifest.findMany({ where: { tier: "domain", name: { in: domainNames } }, select: { id: true, name: true } });
  const domainIds = new Map(domains.map((d) => [d.name, d.id]));
  const wanted = new Map<string, Row>();
  for (const r of roles) {
    const domainId = r.role === "domain_owner" ? domainIds.get(r.domain) : null;
    if (domainId === undefined) continue;
    const row = { role: r.role, domainId, team: r.role === "product_team" ? r.team : null };
    wanted.set(rowKey(row), row);
  }
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
    const current = await tx.roleMembership.findMany({ where: { userId }, select: { id: true, role: true, domainId: true, team: true } });
    const currentKeys = new Set(current.map(rowKey));
    const revoked = current.filter((m) => !wanted.has(rowKey(m)));
    const granted = [...wanted.values()].filter((m) => !currentKeys.has(rowKey(m)));
    if (revoked.length) await tx.roleMembership.deleteMany({ where: { id: { in: revoked.map((m) => m.id) } } });
    if (granted.length) await tx.roleMembership.createMany({ data: granted.map((m) => ({ userId, ...m })) });
    for (const [action, rows] of [["role.grant", granted], ["role.revoke", revoked]] as const) {
      for (const { role, domainId, team } of rows) {
        await appendAudit(tx, { actor: SSO_ACTOR, action, entityType: "User", entityId: userId, data: { email: user.email, role, domainId, team, source } });
      }
    }
    const now = new Date();
    await tx.ssoRoleCheck.upsert({ where: { userId }, create: { userId, checkedAt: now }, update: { checkedAt: now } });
    return { granted: granted.map(({ role, domainId, team }) => ({ role, domainId, team })), revoked: revoked.map(({ role, domainId, team }) => ({ role, domainId, team })) };
  });
}

/** The identity provider, as the actor of role changes it causes. */
export const SSO_ACTOR = { userId: null, email: "sso" };

/** applySsoRoles at sign-in. */
export async function replaceMembershipsFromSso(db: Db, userId: string, roles: ClaimedRole[]): Promise<void> {
  await applySsoRoles(db, userId, roles, "sign-in");
}
