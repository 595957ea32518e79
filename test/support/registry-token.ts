import { execFile } from "node:child_process";
import { createPrivateKey, generateKeyPairSync, randomUUID, sign } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface TokenUser {
  password: string;
  /** Actions this user may be granted on any repository, e.g. ["pull"] for a reader. */
  actions: string[];
}

export interface TokenServer {
  /** Environment for scripts/registry-start.sh: turns on distribution's `auth: token` pointing here. */
  registryEnv: Record<string, string>;
  /** Token requests served so far (to observe client-side caching). */
  requests: { scope: string[]; user: string | null }[];
  stop(): Promise<void>;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

/**
 * A Docker token service (distribution's `auth: token` protocol): checks basic credentials and issues
 * ES256 JWTs carrying an `x5c` certificate that the registry trusts via its rootcertbundle.
 * The registry under test stays real; this is only the identity provider it delegates to.
 */
export async function startTokenServer(users: Record<string, TokenUser>): Promise<TokenServer> {
  const dir = await mkdtemp(join(tmpdir(), "mesh-token-"));
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const keyFile = join(dir, "key.pem");
  const certFile = join(dir, "cert.pem");
  await writeFile(keyFile, privateKey.export({ type: "pkcs8", format: "pem" }));
  // Node cannot mint X.509 certificates; openssl (Debian base) can.
  await run("openssl", ["req", "-x509", "-new", "-key", keyFile, "-subj", "/CN=mesh-test-token", "-days", "1", "-out", certFile]);
  const certDer = (await readFile(certFile, "utf8")).replace(/-----[A-Z ]+-----|\s/g, "");
  const key = createPrivateKey(await readFile(keyFile));
  const service = "mesh-test-registry";
  const issuer = "mesh-test-token-issuer";
  const requests: TokenServer["requests"] = [];

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const scopes = url.searchParams.getAll("scope");
    const [user, password] = Buffer.from((req.headers.authorization ?? "").replace(/^Basic /, ""), "base64").toString().split(":");
    requests.push({ scope: scopes, user: user || null });
    const account = user ? users[user] : undefined;
    if (!account || account.password !== password) {
      res.writeHead(401, { "content-type": "application/json" }).end('{"details":"invalid credentials"}');
      return;
    }
    const access = scopes.map((s) => {
      const [type, name, actions] = s.split(":");
      return { type, name, actions: actions.split(",").filter((a) => account.actions.includes(a)) };
    });
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ typ: "JWT", alg: "ES256", x5c: [certDer] }));
    const claims = b64url(JSON.stringify({ iss: issuer, sub: user, aud: service, exp: now + 300, nbf: now - 10, iat: now, jti: randomUUID(), access }));
    const signature = b64url(sign("sha256", Buffer.from(`${header}.${claims}`), { key, dsaEncoding: "ieee-p1363" }));
    const token = `${header}.${claims}.${signature}`;
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ token, expires_in: 300 }));
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as { port: number };

  return {
    registryEnv: {
      REGISTRY_AUTH_TOKEN_REALM: `http://127.0.0.1:${port}/token`,
      REGISTRY_AUTH_TOKEN_SERVICE: service,
      REGISTRY_AUTH_TOKEN_ISSUER: issuer,
      REGISTRY_AUTH_TOKEN_ROOTCERTBUNDLE: certFile,
    },
    requests,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
