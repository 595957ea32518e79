import { can, type Actor } from "@/lib/auth/permissions";
import type { Me } from "@/lib/client/api";

/**
 * The signed-in user as lib/auth/permissions.ts's Actor: the UI asks the same pure can() the server
 * enforces (it only decides what to show; the server decides what happens).
 */
export const actorOf = (me: Me | undefined): Actor | null =>
  me ? { userId: me.user.id, email: me.user.email, name: me.user.name, memberships: me.memberships } : null;

/** The teams the user may file registration requests for. */
export const requestTeams = (actor: Actor | null): string[] =>
  (actor?.memberships ?? []).flatMap((m) => (m.team && can(actor, "request.create", { team: m.team }) ? [m.team] : []));
