// Who is calling: the better-auth session behind the request's cookie, with the user's roles.
import type { Actor } from "../../lib/auth/permissions";
import { getDb } from "../db/client";
import { getAuth } from "./auth";

export type { Actor };

/** The signed-in actor for these request headers, or null (no, expired or revoked session). */
export async function getActor(headers: Headers): Promise<Actor | null> {
  const session = await getAuth().api.getSession({ headers });
  if (!session) return null;
  const memberships = await getDb().roleMembership.findMany({
    where: { userId: session.user.id },
    select: { role: true, domainId: true, team: true },
    orderBy: [{ role: "asc" }, { domainId: "asc" }, { team: "asc" }],
  });
  return { userId: session.user.id, email: session.user.email, name: session.user.name, memberships };
}
