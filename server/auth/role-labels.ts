// Human-readable role names for the user menu: "Domain owner: sales" rather than an id.
import "server-only";
import type { Membership } from "../../lib/auth/permissions";
import type { Db } from "../db/client";

export async function roleLabels(db: Db, memberships: Membership[]): Promise<string[]> {
  const domainIds = memberships.flatMap((m) => (m.domainId ? [m.domainId] : []));
  const domains = await db.manifest.findMany({ where: { id: { in: domainIds } }, select: { id: true, name: true } });
  const domainName = new Map(domains.map((d) => [d.id, d.name]));
  return memberships.map((m) => {
    if (m.role === "platform_admin") return "Platform admin";
    if (m.role === "domain_owner") return `Domain owner: ${domainName.get(m.domainId ?? "") ?? "unknown domain"}`;
    if (m.role === "product_team") return `Product team: ${m.team}`;
    if (m.role === "viewer") return "Viewer (reads, changes nothing)";
    return m.role;
  });
}
