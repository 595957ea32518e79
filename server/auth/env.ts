// Authentication settings from the environment, validated once (secret.ts decides the secret).
import { z } from "zod";

const AuthEnv = z
  .object({
    NODE_ENV: z.string().optional(),
    BETTER_AUTH_SECRET: z.string().min(32, "BETTER_AUTH_SECRET must be at least 32 characters").optional(),
    /** Public URL of the console, e.g. https://mesh.acme.example. */
    BETTER_AUTH_URL: z.url().optional(),
    /** Extra origins allowed to call the auth endpoints (comma-separated). */
    BETTER_AUTH_TRUSTED_ORIGINS: z.string().optional(),
    OIDC_ISSUER: z.url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_ROLE_CLAIM: z.string().min(1).default("groups"),
    /** Scopes to request, space-separated; the role claim must come with one of them. */
    OIDC_SCOPES: z.string().min(1).default("openid email profile"),
    /** Label on the SSO button. */
    OIDC_NAME: z.string().min(1).default("SSO"),
    /** "1" shows the demo accounts on the sign-in page even when SSO is configured. */
    MESH_DEMO: z.enum(["0", "1"]).optional(),
    /** "off" disables better-auth's per-IP rate limit (on by default in production); for test runs. */
    AUTH_RATE_LIMIT: z.enum(["on", "off"]).optional(),
  })
  .superRefine((env, ctx) => {
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET].filter(Boolean).length;
    if (oidc !== 0 && oidc !== 3) {
      ctx.addIssue({ code: "custom", path: ["OIDC_ISSUER"], message: "set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together" });
    }
  });

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  roleClaim: string;
  scopes: string[];
  name: string;
}

export interface AuthSettings {
  /** BETTER_AUTH_SECRET if set; see resolveSecret(). */
  secret: string | undefined;
  production: boolean;
  baseURL: string | undefined;
  trustedOrigins: string[];
  oidc: OidcSettings | null;
  /** Whether the sign-in page lists the seeded demo accounts. */
  showDemoAccounts: boolean;
  rateLimitOff: boolean;
}

export function readAuthSettings(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  const parsed = AuthEnv.parse(env);
  const oidc =
    parsed.OIDC_ISSUER && parsed.OIDC_CLIENT_ID && parsed.OIDC_CLIENT_SECRET
      ? {
          issuer: parsed.OIDC_ISSUER.replace(/\/$/, ""),
          clientId: parsed.OIDC_CLIENT_ID,
          clientSecret: parsed.OIDC_CLIENT_SECRET,
          roleClaim: parsed.OIDC_ROLE_CLAIM,
          scopes: parsed.OIDC_SCOPES.split(/\s+/).filter(Boolean),
          name: parsed.OIDC_NAME,
        }
      : null;
  const extraOrigins = (parsed.BETTER_AUTH_TRUSTED_ORIGINS ?? "").split(",").map((o) => o.trim()).filter(Boolean);
  return {
    secret: parsed.BETTER_AUTH_SECRET,
    production: parsed.NODE_ENV === "production",
    baseURL: parsed.BETTER_AUTH_URL,
    trustedOrigins: [...(parsed.BETTER_AUTH_URL ? [new URL(parsed.BETTER_AUTH_URL).origin] : []), ...extraOrigins],
    oidc,
    showDemoAccounts: parsed.MESH_DEMO === "1" || (parsed.MESH_DEMO !== "0" && oidc === null),
    rateLimitOff: parsed.AUTH_RATE_LIMIT === "off",
  };
}
