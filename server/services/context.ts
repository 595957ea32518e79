import type { Actor } from "../../lib/auth/permissions";
import type { Db } from "./db";
import type { FaultPoint } from "./errors";

/** What every service receives: the database, who is acting (null = signed out), its input as the boundary parsed it. */
export interface ServiceCall<I = unknown> {
  db: Db;
  actor: Actor | null;
  input: I;
  /** Tests only: fail at this point inside the transaction. */
  fault?: FaultPoint;
}
