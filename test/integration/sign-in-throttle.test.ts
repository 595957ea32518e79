// Per-account sign-in throttle against the suite's real database (SQLite or PostgreSQL): the
// limit holds under parallel attempts, the lock includes the right password's attempt, and
// windows and locks end when they should.
import { describe, expect, it } from "vitest";
import type { Db } from "../../server/db/client";
import { clearAttempts, LOCK_MS, MAX_ATTEMPTS, reserveAttempt, WINDOW_MS } from "../../server/auth/sign-in-throttle";
import { useFreshDb } from "./fresh-database";

let db: Db;
useFreshDb((client) => (db = client));

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);

describe("reserveAttempt", () => {
  it("allows exactly MAX_ATTEMPTS of 40 parallel attempts on one account, whatever the spelling of the email", async () => {
    const now = at(0);
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => reserveAttempt(db, i % 2 ? "Victim@Corp.example" : " victim@corp.example ", now)));
    expect(results.filter((r) => r.allowed)).toHaveLength(MAX_ATTEMPTS);
    const row = await db.signInThrottle.findUniqueOrThrow({ where: { key: "victim@corp.example" } });
    // Attempts that arrive once the account is locked are refused without being counted.
    expect(row.attempts).toBeGreaterThan(MAX_ATTEMPTS);
    expect(row.lockedUntil?.getTime()).toBe(now.getTime() + LOCK_MS);
    // Another account is untouched.
    expect(await reserveAttempt(db, "other@corp.example", now)).toEqual({ allowed: true });
  });

  it("refuses while locked, then starts a fresh window once the lock is over", async () => {
    const email = "locked@corp.example";
    for (let i = 0; i < MAX_ATTEMPTS; i++) expect((await reserveAttempt(db, email, at(i))).allowed).toBe(true);
    const refused = await reserveAttempt(db, email, at(MAX_ATTEMPTS));
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: LOCK_MS / 1000 });
    expect(await reserveAttempt(db, email, at(MAX_ATTEMPTS + LOCK_MS - 1000))).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(await reserveAttempt(db, email, at(MAX_ATTEMPTS + LOCK_MS + 1))).toEqual({ allowed: true });
    expect((await db.signInThrottle.findUniqueOrThrow({ where: { key: email } })).attempts).toBe(1);
  });

  it("forgets attempts older than the window, and all of them after a successful sign-in", async () => {
    const email = "slow@corp.example";
    for (let i = 0; i < MAX_ATTEMPTS; i++) await reserveAttempt(db, email, at(0));
    expect(await reserveAttempt(db, email, at(WINDOW_MS))).toEqual({ allowed: true });
    await clearAttempts(db, email);
    expect(await db.signInThrottle.count({ where: { key: email } })).toBe(0);
  });
});
