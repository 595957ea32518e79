import type { Metadata } from "next";
import { ChangesList } from "@/components/review/changes-list";
import { requireActor } from "@/server/auth/require";

export const metadata: Metadata = { title: "Reviews" };
export const dynamic = "force-dynamic";

export default async function ChangesPage() {
  await requireActor();
  return <ChangesList />;
}
