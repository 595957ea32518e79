// Per-account throttling of password sign-in. Per-IP limits do not stop many addresses guessing
// one account's password, so every attempt on an email is counted (before the password is checked,
// so parallel guesses count too): after MAX_ATTEMPTS in a WINDOW the account is locked for LOCK,
// the right password included. A successful sign-in clears the count. Rows live in the database,
// so all instances share them.
import "server-only";
import type { Db } from "../db/client";

export const MAX_ATTEMPTS = 10;
export const WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;
const MAX_KEY_LENGTH = 320; // the longest valid email address

export type Attempt = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export const throttleKey = (email: string) => email.trim().toLowerCase().slice(0, MAX_KEY_LENGTH);

let attemptsSinceSweep = 0;

/** Counts one attempt on this account; refused while it is locked or once this attempt passes the limit. */
export async function reserveAttempt(db: Db, email: string, now = new Date()): Promise<Attempt> {
  const key = throttleKey(email);
  const row = await ensureRow(db, key, now);
  const refuse = (until: Date): Attempt => ({ allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)) });
  if (row.lockedUntil && row.lockedUntil > now) return refuse(row.lockedUntil);
  if (row.windowStart.getTime() <= now.getTime() - WINDOW_MS) {
    // Compare-and-set on windowStart: of concurrent requests, one starts the new window.
    await db.signInThrottle.updateMany({ where: { key, windowStart: row.windowStart }, data: { attempts: 0, windowStart: now, lockedUntil: null } });
  }
  const { attempts } = await db.signInThrottle.update({ where: { key }, data: { attempts: { increment: 1 } } });
  if (++attemptsSinceSweep >= 1000) {
    attemptsSinceSweep = 0;
    await sweep(db, now);
  }
  if (attempts <= MAX_ATTEMPTS) return { allowed: true };
  const lockedUntil = new Date(now.getTime() + LOCK_MS);
  await db.signInThrottle.update({ where: { key }, data: { lockedUntil } });
  return refuse(lockedUntil);
}

/** The account's row, created if missing; of concurrent creators on PostgreSQL one inserts, the others read it. */
async function ensureRow(db: Db, key: string, now: Date) {
  try {
    return await db.signInThrottle.upsert({ where: { key }, create: { key, windowStart: now }, update: {} });
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
    return db.signInThrottle.findUniqueOrThrow({ where: { key } });
  }
}

/** After a successful sign-in: the account starts afresh. */
export async function clearAttempts(db: Db, email: string): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key: throttleKey(email) } });
}

/** Rows for made-up emails would otherwise pile up: drop those whose window and lock are over. */
async function sweep(db: Db, now: Date): Promise<void> {
  await db.signInThrottle.deleteMany({
    where: { windowStart: { lt: new Date(now.getTime() - WINDOW_MS) }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
  });
}
