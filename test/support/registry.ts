import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import bcrypt from "bcryptjs";

const run = promisify(execFile);
const SCRIPTS = fileURLToPath(new URL("../../scripts", import.meta.url));

export interface TestRegistry {
  url: string;
  port: number;
  /** Blob storage root (`docker/registry/v2/...` lives under it). */
  storageDir: string;
  stop(): Promise<void>;
}

/** A port nobody listens on right now (bind :0, read it, close). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as { port: number };
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

/**
 * Starts a real distribution registry (scripts/registry-start.sh) on a free port in a temp dir;
 * with `auth`, it requires basic auth against a bcrypt htpasswd file; `env` passes distribution's
 * REGISTRY_* config overrides (e.g. token auth from registry-token.ts). `stop()` kills it and removes the dir.
 */
export async function startRegistry(
  options: { auth?: { username: string; password: string }; env?: Record<string, string> } = {},
): Promise<TestRegistry> {
  const dir = await mkdtemp(join(tmpdir(), "mesh-registry-"));
  const args = [String(await freePort()), join(dir, "reg")];
  if (options.auth) {
    const htpasswd = join(dir, "htpasswd");
    // Cost 4 (bcrypt's minimum): the registry checks the hash on every request.
    await writeFile(htpasswd, `${options.auth.username}:${bcrypt.hashSync(options.auth.password, 4)}\n`);
    args.push(htpasswd);
  }
  try {
    await run(join(SCRIPTS, "registry-start.sh"), args, { env: { ...process.env, ...options.env } });
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    url: `http://127.0.0.1:${args[0]}`,
    port: Number(args[0]),
    storageDir: join(dir, "reg", "data"),
    async stop() {
      await run(join(SCRIPTS, "registry-stop.sh"), [join(dir, "reg")]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A TCP server that accepts connections and never answers: for timeout tests. */
export async function startSilentServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}
