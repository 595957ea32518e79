import type { Metadata } from "next";
import { requireActor } from "@/server/auth/require";
import { DomainsList } from "./domains-list";

export const metadata: Metadata = { title: "Domains" };
export const dynamic = "force-dynamic";

export default async function DomainsPage() {
  await requireActor();
  return <DomainsList />;
}
