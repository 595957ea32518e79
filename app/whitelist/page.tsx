import type { Metadata } from "next";
import { WhitelistRequests } from "@/components/review/whitelist-requests";
import { requireActor } from "@/server/auth/require";

export const metadata: Metadata = { title: "Whitelist requests" };
export const dynamic = "force-dynamic";

export default async function WhitelistPage() {
  await requireActor();
  return <WhitelistRequests />;
}
