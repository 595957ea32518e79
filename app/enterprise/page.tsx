import type { Metadata } from "next";
import { requireActor } from "@/server/auth/require";
import { EnterpriseEditor } from "./enterprise-editor";

export const metadata: Metadata = { title: "Enterprise policy" };
export const dynamic = "force-dynamic";

export default async function EnterprisePage() {
  await requireActor();
  return <EnterpriseEditor />;
}
