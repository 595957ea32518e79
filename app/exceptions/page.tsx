import type { Metadata } from "next";
import { requireActor } from "@/server/auth/require";
import { ExceptionsView } from "./exceptions-view";

export const metadata: Metadata = { title: "Exceptions" };
export const dynamic = "force-dynamic";

export default async function ExceptionsPage() {
  await requireActor();
  return <ExceptionsView />;
}
