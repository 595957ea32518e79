// Who is calling: the better-auth session behind the request's cookie (read from the database on
// every request, so a signed-out or revoked session stops at once), with the user's roles. The
// roles are cached per session for MEMBERSHIP_CACHE_SECONDS; filling that cache is also when an
// SSO user's roles are re-checked at the IdP when due (sso-recheck.ts).
import type { Actor } from "../../lib/auth/permissions";
import { getDb } from "../db/client";
import { Lru } from "../services/memo";
import { getAuth, getAuthSettings } from "./auth";
import { ssoAccessStillValid } from "./sso-recheck";

export type { Actor };

/** How stale a session's role memberships may be on this instance. */
export const MEMBERSHIP_CACHE_SECONDS = 10;

export interface ActorLookup {
  actor: Actor | null;
  /** Set-Cookie values better-auth produced (a refreshed or cleared session): forward them. */
  setCookies: string[];
}

type Memberships = Actor["memberships"];
let membershipsBySession: Lru<Promise<Memberships | null>> | undefined;

/** Never longer than the SSO role re-check interval: a role the IdP removed must not live on here. */
function membershipCache(): Lru<Promise<Memberships | null>> {
  const recheck = getAuthSettings().oidc?.roleRecheckSeconds ?? Infinity;
  membershipsBySession ??= new Lru(1024, Math.min(MEMBERSHIP_CACHE_SECONDS, recheck) * 1000);
  return membershipsBySession;
}

async function readMemberships(userId: string): Promise<Memberships | null> {
  const db = getDb();
  if (!(await ssoAccessStillValid(db, userId))) return null;
  return db.roleMembership.findMany({
    where: { userId },
    select: { role: true, domainId: true, team: true },
    orderBy: [{ role: "asc" }, { domainId: "asc" }, { team: "asc" }],
  });
}

/** The signed-in actor for these request headers (null: no, expired or revoked session) and the cookies to send back. */
export async function lookupActor(headers: Headers): Promise<ActorLookup> {
  const { headers: responseHeaders, response: session } = await getAuth().api.getSession({ headers, returnHeaders: true });
  const setCookies = responseHeaders.getSetCookie();
  if (!session) return { actor: null, setCookies };
  const { user } = session;
  const memberships = await membershipCache().getOrCreate(`${session.session.id}|${user.id}`, () => readMemberships(user.id));
  if (!memberships) return { actor: null, setCookies };
  return { actor: { userId: user.id, email: user.email, name: user.name, memberships }, setCookies };
}

/** The signed-in actor for these request headers, or null (no, expired or revoked session). */
export async function getActor(headers: Headers): Promise<Actor | null> {
  return (await lookupActor(headers)).actor;
}
