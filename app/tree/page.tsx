import type { Metadata } from "next";
import { Suspense } from "react";
import { TreeView } from "@/components/tree/tree-view";
import { requireActor } from "@/server/auth/require";

export const metadata: Metadata = { title: "Organisation tree" };
export const dynamic = "force-dynamic";

export default async function TreePage() {
  await requireActor();
  return (
    <Suspense>
      <TreeView />
    </Suspense>
  );
}
