import type { Metadata } from "next";
import { requireActor } from "@/server/auth/require";
import { RequestForm } from "./request-form";

export const metadata: Metadata = { title: "Request product registration" };
export const dynamic = "force-dynamic";

export default async function NewRequestPage({ searchParams }: { searchParams: Promise<{ from?: string; domain?: string }> }) {
  const actor = await requireActor();
  const { from, domain } = await searchParams;
  return <RequestForm from={from ?? null} initialDomain={domain ?? ""} owner={actor.email} />;
}
