// One built server per test file, seeded with the demo organisation, with a signed-in client per
// persona and a direct handle on its SQLite file (WAL: it reads committed state only). The HTTP
// regression suites share it, so each says only what it checks.
import { afterAll, beforeAll, expect } from "vitest";
import { createDb, type Db } from "../../server/db/client";
import { ensureBuild, startHttpServer, type HttpClient, type HttpResponse, type HttpServer, type StartOptions } from "./http-server";

export interface HttpSuite<K extends string> {
  readonly server: HttpServer;
  readonly db: Db;
  /** A signed-in client per persona named in `useHttpSuite`. */
  readonly as: Record<K, HttpClient>;
}

/** Registers beforeAll/afterAll that start the server and sign every persona in; read the fields inside tests. */
export function useHttpSuite<K extends string>(personas: Record<K, string>, options: StartOptions = {}): HttpSuite<K> {
  let server: HttpServer | undefined;
  let db: Db | undefined;
  const as = {} as Record<K, HttpClient>;
  beforeAll(async () => {
    ensureBuild();
    server = await startHttpServer(options);
    db = createDb(`file:${server.dataDir}/mesh.db`);
    for (const [who, email] of Object.entries(personas) as [K, string][]) as[who] = await server.signIn(email);
  }, 600_000);
  afterAll(async () => {
    await db?.$disconnect();
    await server?.stop();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the HTTP suite's server is not started (use it inside tests)");
    return value;
  };
  return {
    get server() {
      return ready(server);
    },
    get db() {
      return ready(db);
    },
    as,
  };
}

/**
 * Asserts a refusal: the exact status and error code, the stored state (`state`: everything the
 * attempt could have changed) unchanged, and the server still up and serving `probe`.
 */
export function refusalChecker(suite: HttpSuite<string>, state: () => Promise<unknown[]>, probe: () => HttpClient) {
  const snapshot = async () => JSON.stringify(await state());
  return async (attempt: () => Promise<HttpResponse>, status: number, code: string): Promise<HttpResponse> => {
    const before = await snapshot();
    const res = await attempt();
    expect([res.status, res.json?.error?.code], res.text.slice(0, 300)).toEqual([status, code]);
    expect(await snapshot()).toBe(before);
    expect(suite.server.alive(), suite.server.log().slice(-2000)).toBe(true);
    expect((await probe().get("/api/me")).status).toBe(200);
    return res;
  };
}
