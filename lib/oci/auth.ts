import { OciError, type OciErrorContext } from "./errors";
import { send } from "./http";

export interface Credentials {
  username?: string;
  password?: string;
  /** A pre-issued bearer token, sent on every request. */
  token?: string;
}

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** Parses `Bearer realm="…",service="…",scope="…"` (quoted values may contain commas). */
export function parseChallenge(header: string | null): Challenge | null {
  if (!header) return null;
  const m = /^\s*(\w+)\s*(.*)$/.exec(header);
  if (!m) return null;
  const params: Record<string, string> = {};
  for (const p of m[2].matchAll(/(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) {
    params[p[1].toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, "$1") : p[3];
  }
  return { scheme: m[1].toLowerCase(), params };
}

/** Whether scope `a` (`repository:NAME:pull,push`) already grants everything scope `b` asks for. */
function covers(a: string, b: string): boolean {
  const split = (s: string) => {
    const i = s.indexOf(":");
    const j = s.lastIndexOf(":");
    return { resource: s.slice(0, j), actions: new Set(s.slice(j + 1).split(",")), ok: i !== j };
  };
  const x = split(a);
  const y = split(b);
  return x.ok && y.ok && x.resource === y.resource && [...y.actions].every((action) => x.actions.has(action));
}

function basicHeader(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

/**
 * Answers registry auth challenges: Basic (send the credentials) or Bearer (fetch a token from the
 * challenge's realm, with Basic credentials when given). Bearer tokens are cached per scope so a
 * push does not fetch a new token for every blob.
 */
export class RegistryAuth {
  private basicAccepted = false;
  private readonly tokens = new Map<string, string>();

  constructor(
    private readonly creds: Credentials,
    private readonly timeoutMs: number,
  ) {}

  /** The Authorization header to send up front for a request in `scope`, if already known. */
  headerFor(scope: string): string | undefined {
    if (this.creds.token) return `Bearer ${this.creds.token}`;
    const token = this.tokens.get(scope);
    if (token) return `Bearer ${token}`;
    if (this.basicAccepted && this.creds.username !== undefined) return basicHeader(this.creds.username, this.creds.password ?? "");
    return undefined;
  }

  /** Handles a 401; returns true when retrying with the new header can help. */
  async answer(wwwAuthenticate: string | null, scope: string, context: OciErrorContext): Promise<boolean> {
    const challenge = parseChallenge(wwwAuthenticate);
    if (!challenge || this.creds.token) return false;
    if (challenge.scheme === "basic") {
      if (this.creds.username === undefined || this.basicAccepted) return false;
      this.basicAccepted = true;
      return true;
    }
    if (challenge.scheme === "bearer" && challenge.params.realm) {
      // A cached token that drew a 401 has expired or lacks the scope: replace it.
      this.tokens.set(scope, await this.fetchToken(challenge.params, scope, context));
      return true;
    }
    return false;
  }

  private async fetchToken(params: Record<string, string>, scope: string, context: OciErrorContext): Promise<string> {
    const url = new URL(params.realm);
    if (params.service) url.searchParams.set("service", params.service);
    url.searchParams.append("scope", scope);
    // The challenge names what this one request needs; ours is the whole operation's (e.g. pull,push).
    if (params.scope && !covers(scope, params.scope)) url.searchParams.append("scope", params.scope);
    const headers: Record<string, string> = {};
    if (this.creds.username !== undefined) headers.authorization = basicHeader(this.creds.username, this.creds.password ?? "");
    const res = await send({ method: "GET", url: url.toString(), headers }, this.timeoutMs, context);
    if (res.status === 401 || res.status === 403) {
      throw new OciError(
        "UNAUTHORIZED",
        `Token service ${url.origin} refused the credentials for ${scope} (HTTP ${res.status}). Check the username and password for ${context.registry}.`,
        { ...context, status: res.status },
      );
    }
    let token: string | undefined;
    try {
      const body = JSON.parse(new TextDecoder().decode(res.body)) as { token?: string; access_token?: string };
      token = body.token ?? body.access_token;
    } catch {
      token = undefined;
    }
    if (res.status !== 200 || !token) {
      throw new OciError("PROTOCOL", `Token service ${url.origin} returned HTTP ${res.status} without a token for ${scope}.`, {
        ...context,
        status: res.status,
      });
    }
    return token;
  }
}
