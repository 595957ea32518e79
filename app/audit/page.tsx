import type { Metadata } from "next";
import { requireActor } from "@/server/auth/require";
import { AuditLog } from "./audit-log";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ action?: string; entityType?: string; actor?: string }> }) {
  await requireActor();
  const { action, entityType, actor } = await searchParams;
  return <AuditLog initial={{ action, entityType, actor }} />;
}
