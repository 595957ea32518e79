// Single sign-on roles: the IdP's role claim (OIDC_ROLE_CLAIM, default `groups`) is the source of
// truth for a user who signs in through SSO. Values understood:
//   mesh:platform-admin · mesh:domain-owner:<domain name> · mesh:product-team:<team>
// Anything else (other groups the IdP sends) is ignored.
import type { Db } from "../db/client";

export type ClaimedRole =
  | { role: "platform_admin" }
  | { role: "domain_owner"; domain: string }
  | { role: "product_team"; team: string };

const PATTERNS: [RegExp, (value: string) => ClaimedRole][] = [
  [/^mesh:platform-admin$/, () => ({ role: "platform_admin" })],
  [/^mesh:domain-owner:(.+)$/, (domain) => ({ role: "domain_owner", domain })],
  [/^mesh:product-team:(.+)$/, (team) => ({ role: "product_team", team })],
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

/**
 * Replaces the user's role memberships with the claimed ones in one transaction.
 * A domain the console does not know (yet) is skipped: the next sign-in picks it up.
 */
export async function replaceMembershipsFromSso(db: Db, userId: string, roles: ClaimedRole[]): Promise<void> {
  const domainNames = [...new Set(roles.flatMap((r) => (r.role === "domain_owner" ? [r.domain] : [])))];
  const domains = await db.manifest.findMany({ where: { tier: "domain", name: { in: domainNames } }, select: { id: true, name: true } });
  const domainIds = new Map(domains.map((d) => [d.name, d.id]));
  const rows = new Map<string, { userId: string; role: string; domainId: string | null; team: string | null }>();
  for (const r of roles) {
    const domainId = r.role === "domain_owner" ? domainIds.get(r.domain) : null;
    if (domainId === undefined) continue;
    const team = r.role === "product_team" ? r.team : null;
    rows.set(`${r.role}|${domainId}|${team}`, { userId, role: r.role, domainId, team });
  }
  await db.$transaction([
    db.roleMembership.deleteMany({ where: { userId } }),
    db.roleMembership.createMany({ data: [...rows.values()] }),
  ]);
}
