import type { Metadata } from "next";
import { requireActor } from "@/server/auth/require";
import { HistoryView } from "./history-view";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }): Promise<Metadata> {
  return { title: `History of ${(await params).name}` };
}

export default async function HistoryPage({ params }: { params: Promise<{ name: string }> }) {
  await requireActor();
  const { name } = await params;
  return <HistoryView name={decodeURIComponent(name)} />;
}
