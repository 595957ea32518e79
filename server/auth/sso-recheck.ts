// A role removed at the IdP must not outlive the session it was granted in. While an SSO user's
// session is used, their roles are read again from the IdP's userinfo endpoint (with the stored
// access token, refreshed by better-auth when it can) once OIDC_ROLE_RECHECK_SECONDS have passed
// since the last read. If the IdP no longer answers for the user, or they lost every mesh:* role
// (unless OIDC_WITHOUT_ROLE=read), all their sessions end and their roles go, audited.
import { appendAudit } from "../audit/append";
import { getDb, type Db } from "../db/client";
import { getAuth, getAuthSettings, OIDC_PROVIDER_ID } from "./auth";
import type { OidcSettings } from "./env";
import { applySsoRoles, rolesFromClaim, SSO_ACTOR, type ClaimedRole } from "./sso-roles";

const TIMEOUT_MS = 5_000;
const userinfoEndpoints = new Map<string, Promise<string>>();
const inFlight = new Map<string, Promise<boolean>>();

function userinfoEndpoint(issuer: string): Promise<string> {
  let endpoint = userinfoEndpoints.get(issuer);
  if (!endpoint) {
    endpoint = fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(TIMEOUT_MS) })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`discovery answered ${r.status}`))))
      .then((d: { userinfo_endpoint?: unknown }) => (typeof d.userinfo_endpoint === "string" ? d.userinfo_endpoint : Promise.reject(new Error("no userinfo_endpoint"))));
    endpoint.catch(() => userinfoEndpoints.delete(issuer));
    userinfoEndpoints.set(issuer, endpoint);
  }
  return endpoint;
}

/** The user's mesh roles as the IdP states them now, or null when it does not vouch for the user. */
async function currentRoles(oidc: OidcSettings, userId: string): Promise<ClaimedRole[] | null> {
  try {
    const account = await getDb().account.findFirst({ where: { userId, providerId: OIDC_PROVIDER_ID }, select: { id: true } });
    if (!account) return null;
    const { accessToken } = await getAuth().api.getAccessToken({ body: { accountId: account.id, userId } });
    if (!accessToken) return null;
    const response = await fetch(await userinfoEndpoint(oidc.issuer), { headers: { authorization: `Bearer ${accessToken}` }, signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!response.ok) return null;
    const claims = (await response.json()) as Record<string, unknown>;
    return rolesFromClaim(claims[oidc.roleClaim]);
  } catch {
    return null;
  }
}

/** Ends every session of the user and removes their roles, audited in the same transaction. */
async function endAccess(db: Db, userId: string, reason: string): Promise<void> {
  await applySsoRoles(db, userId, [], "re-check");
  await db.$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { userId } });
    await appendAudit(tx, { actor: SSO_ACTOR, action: "session.revoke", entityType: "User", entityId: userId, reason, data: { sessions: count } });
  });
}

async function recheck(db: Db, oidc: OidcSettings, userId: string): Promise<boolean> {
  const roles = await currentRoles(oidc, userId);
  if (roles === null) {
    await endAccess(db, userId, "the identity provider no longer vouches for this user");
    return false;
  }
  if (roles.length === 0 && !oidc.allowWithoutRole) {
    await endAccess(db, userId, "no mesh:* role at the identity provider any more");
    return false;
  }
  await applySsoRoles(db, userId, roles, "re-check");
  return true;
}

/**
 * For a session in use: true when the user may go on (not an SSO user, checked recently, or the
 * IdP still grants a role), false when their access just ended.
 */
export async function ssoAccessStillValid(db: Db, userId: string, now = Date.now()): Promise<boolean> {
  const oidc = getAuthSettings().oidc;
  if (!oidc) return true;
  const check = await db.ssoRoleCheck.findUnique({ where: { userId } });
  if (!check) {
    // No SSO sign-in since role checks were recorded: due now if the user has an SSO account at all.
    const sso = await db.account.findFirst({ where: { userId, providerId: OIDC_PROVIDER_ID }, select: { id: true } });
    if (!sso) return true;
  } else if (now - check.checkedAt.getTime() < oidc.roleRecheckSeconds * 1000) return true;
  // One re-check per user at a time in this process; concurrent requests wait for it.
  let pending = inFlight.get(userId);
  if (!pending) {
    pending = recheck(db, oidc, userId).finally(() => inFlight.delete(userId));
    inFlight.set(userId, pending);
  }
  return pending;
}
