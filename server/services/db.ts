// The transaction handle services and the audit log write through.
import type { Prisma } from "../../generated/prisma-sqlite/client";
import type { Db } from "../db/client";

export type Tx = Prisma.TransactionClient;
export type { Db };

/** "sqlite" or "postgresql": the one place where the two databases need different SQL. */
export function dialectOf(db: Db | Tx): "sqlite" | "postgresql" {
  return (db as unknown as { _activeProvider: string })._activeProvider === "postgresql" ? "postgresql" : "sqlite";
}
