// Authentication settings from the environment, validated once (secret.ts decides the secret).
// The one switch between the demo and a real deployment is MESH_DEMO=1: `npm start` sets it on
// the embedded default (scripts/start.mjs); nothing else turns it on. `next start` always runs
// with NODE_ENV=production, so NODE_ENV cannot tell the two apart inside the server.
import { isIP } from "node:net";
import { z } from "zod";

const isAddressOrCidr = (entry: string) => {
  const [address, prefix, ...rest] = entry.split("/");
  if (rest.length || !isIP(address)) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (isIP(address) === 4 ? 32 : 128);
};

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
    /** "refuse" (default): an SSO identity without any mesh:* role cannot sign in; "read": it signs in with no role (reads). */
    OIDC_WITHOUT_ROLE: z.enum(["refuse", "read"]).default("refuse"),
    /** How often a signed-in SSO user's roles are fetched again from the IdP (seconds). */
    OIDC_ROLE_RECHECK_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
    /** "1": the demo (demo accounts seeded and listed, generated secret allowed). Set by `npm start` on the embedded default. */
    MESH_DEMO: z.enum(["0", "1"]).optional(),
    /** "on"/"off": email + password sign-in. Default off when SSO is configured outside the demo, else on. */
    MESH_PASSWORD_SIGNIN: z.enum(["on", "off"]).optional(),
    /** Reverse proxies (IPs or CIDRs, comma-separated) whose X-Forwarded-For is believed. Unset: nobody's. */
    MESH_TRUSTED_PROXIES: z
      .string()
      .optional()
      .transform((value) => (value ?? "").split(",").map((p) => p.trim()).filter(Boolean))
      .refine((entries) => entries.every(isAddressOrCidr), "MESH_TRUSTED_PROXIES entries must be IP addresses or CIDR ranges (e.g. 10.0.0.5, 10.0.0.0/24)"),
    /** "off" disables better-auth's per-IP rate limit (on by default under `next start`); for test runs. */
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
  /** Whether an identity without any mesh:* role may sign in (with no role). */
  allowWithoutRole: boolean;
  /** Seconds between re-reads of a signed-in user's roles from the IdP. */
  roleRecheckSeconds: number;
}

export interface AuthSettings {
  /** BETTER_AUTH_SECRET if set; see resolveSecret(). */
  secret: string | undefined;
  /** MESH_DEMO=1: demo accounts exist and are listed on the sign-in page, a UI banner says so. */
  demo: boolean;
  baseURL: string | undefined;
  trustedOrigins: string[];
  oidc: OidcSettings | null;
  passwordSignIn: boolean;
  trustedProxies: string[];
  rateLimitOff: boolean;
}

/** The environment problem in one line per variable, for a refusal to start. */
export class ConfigurationError extends Error {}

export function readAuthSettings(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  const result = AuthEnv.safeParse(env);
  if (!result.success) throw new ConfigurationError(`invalid environment: ${z.prettifyError(result.error)}`);
  const parsed = result.data;
  const oidc =
    parsed.OIDC_ISSUER && parsed.OIDC_CLIENT_ID && parsed.OIDC_CLIENT_SECRET
      ? {
          issuer: parsed.OIDC_ISSUER.replace(/\/$/, ""),
          clientId: parsed.OIDC_CLIENT_ID,
          clientSecret: parsed.OIDC_CLIENT_SECRET,
          roleClaim: parsed.OIDC_ROLE_CLAIM,
          scopes: parsed.OIDC_SCOPES.split(/\s+/).filter(Boolean),
          name: parsed.OIDC_NAME,
          allowWithoutRole: parsed.OIDC_WITHOUT_ROLE === "read",
          roleRecheckSeconds: parsed.OIDC_ROLE_RECHECK_SECONDS,
        }
      : null;
  const demo = parsed.MESH_DEMO === "1";
  const extraOrigins = (parsed.BETTER_AUTH_TRUSTED_ORIGINS ?? "").split(",").map((o) => o.trim()).filter(Boolean);
  return {
    secret: parsed.BETTER_AUTH_SECRET,
    demo,
    baseURL: parsed.BETTER_AUTH_URL,
    trustedOrigins: [...(parsed.BETTER_AUTH_URL ? [new URL(parsed.BETTER_AUTH_URL).origin] : []), ...extraOrigins],
    oidc,
    // With SSO in a real deployment, the IdP is the one way in unless password sign-in is asked for.
    passwordSignIn: parsed.MESH_PASSWORD_SIGNIN ? parsed.MESH_PASSWORD_SIGNIN === "on" : demo || oidc === null,
    trustedProxies: parsed.MESH_TRUSTED_PROXIES,
    rateLimitOff: parsed.AUTH_RATE_LIMIT === "off",
  };
}
