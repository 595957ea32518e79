// Per-user concurrency for expensive reads: one user cannot queue many whole-organisation
// evaluations at once (each takes seconds at 25,000 products). A process-local count of work in
// flight, not state: nothing is remembered once the work ends.
import { ServiceError } from "./errors";

const inFlight = new Map<string, number>();

export class TooManyRequestsError extends ServiceError {
  constructor(what: string) {
    super(429, "TOO_MANY_REQUESTS", `your previous ${what} is still being computed; wait for it, then try again`);
  }
}

/** Runs `work` unless `userId` already has `max` of `kind` running (then 429 TOO_MANY_REQUESTS). */
export async function withUserSlot<T>(userId: string, kind: string, max: number, work: () => Promise<T>): Promise<T> {
  const key = `${kind}\u0000${userId}`;
  const running = inFlight.get(key) ?? 0;
  if (running >= max) throw new TooManyRequestsError(kind);
  inFlight.set(key, running + 1);
  try {
    return await work();
  } finally {
    const left = (inFlight.get(key) ?? 1) - 1;
    if (left > 0) inFlight.set(key, left);
    else inFlight.delete(key);
  }
}
