// The better-auth instance: email + password for seeded users (no self sign-up), OIDC single
// sign-on when configured, sessions in the console's database. Built lazily so `next build`
// (NODE_ENV=production, no secrets) can import modules that reference it.
import { defineRequestState } from "@better-auth/core/context";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { genericOAuth } from "better-auth/plugins/generic-oauth";
import { getDb } from "../db/client";
import { configuredDatabase } from "../db/config";
import { readAuthSettings, type AuthSettings, type OidcSettings } from "./env";
import { resolveSecret } from "./secret";
import { replaceMembershipsFromSso, rolesFromClaim, type ClaimedRole } from "./sso-roles";

/**
 * How long a signed-in request may be answered from the signed session cookie cache (and the
 * cached role memberships, server/auth/actor.ts) without reading the database: a signed-out or
 * revoked session, or changed roles, take effect within this many seconds on other browsers.
 */
export const SESSION_CACHE_SECONDS = 60;

/** better-auth's provider id for the configured IdP; the callback URL is /api/auth/callback/oidc. */
export const OIDC_PROVIDER_ID = "oidc";

// The IdP profile is seen while the callback request maps it to a user; the session (and so the
// user id) is created later in the same request. Request-scoped state carries the roles between.
const ssoRoles = defineRequestState<ClaimedRole[] | null>(() => null);

function oidcPlugin(oidc: OidcSettings) {
  return genericOAuth({
    config: [
      {
        providerId: OIDC_PROVIDER_ID,
        name: oidc.name,
        discoveryUrl: `${oidc.issuer}/.well-known/openid-configuration`,
        requireIdTokenVerification: true,
        clientId: oidc.clientId,
        clientSecret: oidc.clientSecret,
        scopes: oidc.scopes,
        mapProfileToUser: async (profile) => {
          await ssoRoles.set(rolesFromClaim(profile[oidc.roleClaim]));
          return {};
        },
      },
    ],
  });
}

function createAuth(settings: AuthSettings) {
  const db = getDb();
  return betterAuth({
    secret: resolveSecret(settings.secret, settings.production),
    baseURL: settings.baseURL,
    basePath: "/api/auth",
    trustedOrigins: settings.trustedOrigins,
    database: prismaAdapter(db, { provider: configuredDatabase().dialect === "postgres" ? "postgresql" : "sqlite" }),
    // Accounts come from the seed (demo users) or the IdP, never from a public sign-up form.
    emailAndPassword: { enabled: true, disableSignUp: true },
    // better-auth's defaults already make the session cookie HTTP-only and SameSite=Lax;
    // Secure follows the base URL's scheme, stated here so it does not depend on inference.
    advanced: {
      useSecureCookies: settings.baseURL?.startsWith("https://") ?? false,
      database: { generateId: "uuid" },
    },
    session: { cookieCache: { enabled: true, maxAge: SESSION_CACHE_SECONDS } },
    rateLimit: settings.rateLimitOff ? { enabled: false } : undefined,
    databaseHooks: {
      session: {
        create: {
          after: async (session) => {
            const roles = await ssoRoles.get();
            if (roles) await replaceMembershipsFromSso(db, session.userId, roles);
          },
        },
      },
    },
    plugins: settings.oidc ? [oidcPlugin(settings.oidc)] : [],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const cache = globalThis as typeof globalThis & { __meshAuth?: Auth };

export function getAuth(): Auth {
  cache.__meshAuth ??= createAuth(readAuthSettings());
  return cache.__meshAuth;
}
