import type { Metadata } from "next";
import { requireActor } from "@/server/auth/require";
import { MigrateView } from "./migrate-view";

export const metadata: Metadata = { title: "Migrate to three tiers" };
export const dynamic = "force-dynamic";

export default async function MigratePage() {
  await requireActor();
  return <MigrateView />;
}
