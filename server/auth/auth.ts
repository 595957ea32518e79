// The better-auth instance: email + password for the demo users and the bootstrapped admin (no
// self sign-up; switched off with SSO outside the demo), OIDC single sign-on when configured,
// sessions in the console's database. Built lazily so `next build` (no secrets) can import
// modules that reference it.
import { defineRequestState } from "@better-auth/core/context";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError } from "better-auth/api";
import { genericOAuth } from "better-auth/plugins/generic-oauth";
import { getDb } from "../db/client";
import { configuredDatabase } from "../db/config";
import { CLIENT_IP_HEADER } from "./client-ip";
import { readAuthSettings, type AuthSettings, type OidcSettings } from "./env";
import { resolveSecret } from "./secret";
import { applySsoRoles, rolesFromClaim, type ClaimedRole } from "./sso-roles";

/** better-auth's provider id for the configured IdP; the callback URL is /api/auth/callback/oidc. */
export const OIDC_PROVIDER_ID = "oidc";

/** Error code in the sign-in page's URL when the IdP vouches for someone without a mesh:* role. */
export const NO_MESH_ROLE = "NO_MESH_ROLE";

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
    secret: resolveSecret(settings.secret, settings.demo),
    baseURL: settings.baseURL,
    basePath: "/api/auth",
    trustedOrigins: settings.trustedOrigins,
    database: prismaAdapter(db, { provider: configuredDatabase().dialect === "postgres" ? "postgresql" : "sqlite" }),
    // Accounts come from the demo seed, `mesh admin bootstrap` or the IdP, never from a public sign-up form.
    emailAndPassword: { enabled: settings.passwordSignIn, disableSignUp: true },
    advanced: {
      // HTTP-only and SameSite=Lax are better-auth's defaults. Secure everywhere but the plain-http
      // demo (server/auth/handler.ts adds it there too when a request comes over https).
      useSecureCookies: !settings.demo || (settings.baseURL?.startsWith("https://") ?? false),
      // The address server/auth/handler.ts resolved from the socket and MESH_TRUSTED_PROXIES;
      // a client's own X-Forwarded-For never reaches the rate limiter.
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      database: { generateId: "uuid" },
    },
    // No signed cookie cache: every request checks the session row, so a sign-out (or a revoked
    // session) ends a copied cookie at once.
    session: { cookieCache: { enabled: false } },
    rateLimit: { enabled: !settings.rateLimitOff },
    databaseHooks: {
      session: {
        create: {
          before: async (session) => {
            const roles = await ssoRoles.get();
            if (roles === null || !settings.oidc) return; // a password sign-in
            if (roles.length === 0 && !settings.oidc.allowWithoutRole) {
              throw new APIError("FORBIDDEN", { code: NO_MESH_ROLE, message: "this account has no Mesh Console role (mesh:* group) at the identity provider" });
            }
            await applySsoRoles(db, session.userId, roles, "sign-in");
          },
        },
      },
    },
    plugins: settings.oidc ? [oidcPlugin(settings.oidc)] : [],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const cache = globalThis as typeof globalThis & { __meshAuth?: Auth; __meshAuthSettings?: AuthSettings };

/** The environment's auth settings, read once per process. */
export function getAuthSettings(): AuthSettings {
  cache.__meshAuthSettings ??= readAuthSettings();
  return cache.__meshAuthSettings;
}

export function getAuth(): Auth {
  cache.__meshAuth ??= createAuth(getAuthSettings());
  return cache.__meshAuth;
}
