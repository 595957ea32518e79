import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/server/auth/require";
import { ImportFlow } from "./import-flow";

export const metadata: Metadata = { title: "Import organisation" };
export const dynamic = "force-dynamic";

export default async function ImportPage() {
  const actor = await requireActor();
  return (
    <>
      <PageHeader title="Import organisation" description="An organisation directory (registry/, products/, pending/) as mesh check reads it: nothing is written until you confirm the report." />
      <div className="p-6">
        {can(actor, "org.import") ? <ImportFlow /> : <p className="text-sm text-slate-600">Only platform admins can import an organisation.</p>}
      </div>
    </>
  );
}
