// A read outside a transaction never sees another transaction's uncommitted rows, on either
// database (SQLite: reads go to their own connection, server/db/client.ts), and still sees every
// committed write at once.
import { expect, it } from "vitest";
import type { Db } from "../../server/db/client";
import { useFreshDb } from "./fresh-database";

let db: Db;
useFreshDb((client) => (db = client));

const org = (slug: string) => ({ slug, name: slug, registryHost: "registry.test", registryPrefix: "floe" });

it("does not show an open transaction's rows to reads outside it, and shows committed ones immediately", async () => {
  let seenDuring = -1;
  await expect(
    db.$transaction(async (tx) => {
      await tx.organisation.create({ data: org("uncommitted") });
      seenDuring = await db.organisation.count({ where: { slug: "uncommitted" } });
      throw new Error("roll back");
    }),
  ).rejects.toThrow("roll back");
  expect(seenDuring).toBe(0);
  expect(await db.organisation.count({ where: { slug: "uncommitted" } })).toBe(0);

  const created = await db.organisation.create({ data: org("committed") });
  expect(await db.organisation.findUnique({ where: { id: created.id } })).toMatchObject({ slug: "committed" });
  await db.$transaction(async (tx) => tx.organisation.update({ where: { id: created.id }, data: { name: "renamed" } }));
  expect(await db.organisation.findUnique({ where: { id: created.id } })).toMatchObject({ name: "renamed" });
});
