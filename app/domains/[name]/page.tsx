import type { Metadata } from "next";
import { requireActor } from "@/server/auth/require";
import { DomainView } from "./domain-view";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }): Promise<Metadata> {
  return { title: `Domain ${(await params).name}` };
}

export default async function DomainPage({ params }: { params: Promise<{ name: string }> }) {
  await requireActor();
  const { name } = await params;
  return <DomainView name={decodeURIComponent(name)} />;
}
