import type { Me } from "@/lib/client/api";

/** Role checks for showing or hiding controls; the server enforces the real permissions. */
export const roles = (me: Me | undefined) => {
  const ms = me?.memberships ?? [];
  return {
    isAdmin: ms.some((m) => m.role === "platform_admin"),
    ownedDomainIds: ms.filter((m) => m.role === "domain_owner").map((m) => m.domainId ?? m.domain ?? ""),
    teams: ms.filter((m) => m.role === "product_team" && m.team).map((m) => m.team as string),
    /** Requests are filed for one of the caller's own teams (lib/auth/permissions.ts). */
    canRequest: ms.some((m) => m.role === "product_team" && !!m.team),
  };
};
