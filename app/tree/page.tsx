import type { Metadata } from "next";
import { Suspense } from "react";
import { preload } from "react-dom";
import { TreeView } from "@/components/tree/tree-view";
import { requireActor } from "@/server/auth/require";

export const metadata: Metadata = { title: "Organisation tree" };
export const dynamic = "force-dynamic";

export default async function TreePage() {
  await requireActor();
  // The tree's data downloads while the page's scripts load, instead of after hydration.
  preload("/api/tree", { as: "fetch", crossOrigin: "anonymous" });
  return (
    <Suspense>
      <TreeView />
    </Suspense>
  );
}
