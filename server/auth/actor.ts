// Who is calling: the better-auth session behind the request's cookie, with the user's roles.
// Both come from short-lived caches (SESSION_CACHE_SECONDS): the session from better-auth's signed
// cookie cache, the roles from memory keyed by session, so a typical request reads neither table.
import type { Actor } from "../../lib/auth/permissions";
import { getDb } from "../db/client";
import { Lru } from "../services/memo";
import { getAuth, SESSION_CACHE_SECONDS } from "./auth";

export type { Actor };

export interface ActorLookup {
  actor: Actor | null;
  /** Set-Cookie values better-auth produced (a renewed cookie cache, a cleared session): forward them. */
  setCookies: string[];
}

type Memberships = Actor["memberships"];
const membershipsBySession = new Lru<Promise<Memberships>>(1024, SESSION_CACHE_SECONDS * 1000);

const readMemberships = (userId: string): Promise<Memberships> =>
  getDb().roleMembership.findMany({
    where: { userId },
    select: { role: true, domainId: true, team: true },
    orderBy: [{ role: "asc" }, { domainId: "asc" }, { team: "asc" }],
  });

/** The signed-in actor for these request headers (null: no, expired or revoked session) and the cookies to send back. */
export async function lookupActor(headers: Headers): Promise<ActorLookup> {
  const { headers: responseHeaders, response: session } = await getAuth().api.getSession({ headers, returnHeaders: true });
  const setCookies = responseHeaders.getSetCookie();
  if (!session) return { actor: null, setCookies };
  const { user } = session;
  const memberships = await membershipsBySession.getOrCreate(`${session.session.id}|${user.id}`, () => readMemberships(user.id));
  return { actor: { userId: user.id, email: user.email, name: user.name, memberships }, setCookies };
}

/** The signed-in actor for these request headers, or null (no, expired or revoked session). */
export async function getActor(headers: Headers): Promise<Actor | null> {
  return (await lookupActor(headers)).actor;
}
