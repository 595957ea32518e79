// One writer lock for every SQLite write (server/db/client.ts): a write outside a transaction,
// such as better-auth deleting a session at sign-out, used to run on the writer connection inside
// whatever transaction another request had open, and vanish when that transaction rolled back,
// after the user had been told they were signed out. Now it waits for the transaction to end and
// stays. The same holds on PostgreSQL (separate pooled connections), so both dialects run this.
import { afterAll, beforeAll, expect, it } from "vitest";
import { getAuth } from "../../server/auth/auth";
import { createDb, getDb, WriterLock, type Db } from "../../server/db/client";
import { DEMO_PASSWORD, seedUsers } from "../../server/seed/seed-users";
import { freshDatabase, type FreshDatabase } from "./fresh-database";
import { ANALYST } from "./services-setup";

const BASE = "http://console.test";
let fresh: FreshDatabase;
let observer: Db; // a second client: sees only what is committed

beforeAll(async () => {
  fresh = await freshDatabase();
  Object.assign(process.env, { DATABASE_URL: fresh.url, BETTER_AUTH_URL: BASE, AUTH_RATE_LIMIT: "off", MESH_DEMO: "1" });
  await seedUsers(getDb());
  observer = createDb(fresh.url);
});
afterAll(async () => {
  await observer.$disconnect();
  await getDb().$disconnect();
  await fresh.drop();
});

const authCall = (path: string, headers: Record<string, string>, body: unknown) =>
  getAuth().handler(new Request(`${BASE}${path}`, { method: "POST", headers: { "content-type": "application/json", origin: BASE, ...headers }, body: JSON.stringify(body) }));

/** Runs `during` while another transaction on the same client is open, then rolls that transaction back. */
async function duringARolledBackTransaction<T>(during: () => Promise<T>): Promise<T> {
  let opened!: () => void;
  let finish!: () => void;
  const isOpen = new Promise<void>((r) => (opened = r));
  const mayFinish = new Promise<void>((r) => (finish = r));
  const tx = getDb().$transaction(
    async (t) => {
      await t.organisation.create({ data: { slug: "doomed", name: "doomed", registryHost: "r.test", registryPrefix: "p" } });
      opened();
      await mayFinish;
      throw new Error("unrelated failure: roll back");
    },
    { timeout: 20_000 },
  );
  await isOpen;
  const result = during();
  // Give the concurrent write every chance to run inside the open transaction (as it did before the lock).
  await new Promise((r) => setTimeout(r, 200));
  finish();
  await expect(tx).rejects.toThrow("roll back");
  return result;
}

it("a sign-out during another request's transaction that rolls back stays signed out", async () => {
  const signIn = await authCall("/api/auth/sign-in/email", {}, { email: ANALYST, password: DEMO_PASSWORD });
  expect(signIn.status).toBe(200);
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const user = await observer.user.findUniqueOrThrow({ where: { email: ANALYST } });
  expect(await observer.session.count({ where: { userId: user.id } })).toBe(1);

  const signOut = await duringARolledBackTransaction(() => authCall("/api/auth/sign-out", { cookie }, {}));
  expect(signOut.status).toBe(200);
  expect(await observer.session.count({ where: { userId: user.id } })).toBe(0);
  expect(await observer.organisation.count({ where: { slug: "doomed" } })).toBe(0);
});

it("a plain write outside a transaction is kept when a concurrent transaction rolls back", async () => {
  const user = await observer.user.findUniqueOrThrow({ where: { email: ANALYST } });
  // The same for a raw statement outside any transaction.
  const name = "Renamed During Rollback";
  await duringARolledBackTransaction(() => getDb().$executeRaw`UPDATE "User" SET "name" = ${name} WHERE "id" = ${user.id}`);
  expect((await observer.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("Renamed During Rollback");
});

it("the writer lock hands out one holder at a time, in order", async () => {
  const lock = new WriterLock();
  const order: string[] = [];
  let inside = 0;
  const work = (name: string) =>
    lock.run(async () => {
      inside++;
      expect(inside).toBe(1);
      order.push(`${name}:start`);
      await new Promise((r) => setImmediate(r));
      order.push(`${name}:end`);
      inside--;
    });
  await Promise.all(["a", "b", "c"].map(work));
  expect(order).toEqual(["a:start", "a:end", "b:start", "b:end", "c:start", "c:end"]);
  // A failing holder releases too.
  await expect(lock.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
  await expect(lock.run(async () => "next")).resolves.toBe("next");
});
