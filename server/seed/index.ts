// The demo data of the embedded default: the example organisation, then the users who own parts
// of it (domain-owner memberships need the domain manifests to exist). Idempotent.
import type { Db } from "../db/client";
import { seedOrganisation } from "./seed-org";
import { seedUsers } from "./seed-users";

export async function seedDemo(db: Db): Promise<void> {
  await seedOrganisation(db);
  await seedUsers(db);
}
