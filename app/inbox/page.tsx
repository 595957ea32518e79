import type { Metadata } from "next";
import { requireActor } from "@/server/auth/require";
import { InboxView } from "./inbox-view";

export const metadata: Metadata = { title: "Inbox" };
export const dynamic = "force-dynamic";

export default async function InboxPage() {
  await requireActor();
  return <InboxView />;
}
