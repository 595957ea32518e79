import type { Db, Tx } from "./db";
import { NotFoundError } from "./errors";
import { loadSnapshot } from "./org-evaluation";

export async function manifestByName(db: Db | Tx, name: string) {
  const snapshot = await loadSnapshot(db);
  const manifest = snapshot.manifests.find((m) => m.name === name);
  if (!manifest) throw new NotFoundError(`manifest '${name}'`);
  return { snapshot, manifest };
}
