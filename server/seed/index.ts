// The demo data of the embedded default: the example organisation, then the users who own parts
// of it (domain-owner memberships need the domain manifests to exist). Idempotent.
import type { Db } from "../db/client";
import { seedUsers } from "./seed-users";

type OrgSeeder = (db: Db) => Promise<unknown>;

/** seed-org.ts is written separately; until it exists the demo has users but no organisation. */
async function loadOrgSeeder(): Promise<OrgSeeder | null> {
  const specifier = "./seed-org";
  try {
    const module = (await import(/* webpackIgnore: true */ specifier)) as { seedOrganisation?: OrgSeeder };
    return module.seedOrganisation ?? null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND") return null;
    throw error;
  }
}

export async function seedDemo(db: Db): Promise<void> {
  const seedOrganisation = await loadOrgSeeder();
  if (seedOrganisation) await seedOrganisation(db);
  await seedUsers(db);
}
