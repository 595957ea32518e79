import type { Metadata } from "next";
import { ChangeView } from "@/components/review/change-view";
import { requireActor } from "@/server/auth/require";

export const metadata: Metadata = { title: "Change review" };
export const dynamic = "force-dynamic";

export default async function ChangePage({ params }: { params: Promise<{ id: string }> }) {
  await requireActor();
  return <ChangeView id={decodeURIComponent((await params).id)} />;
}
