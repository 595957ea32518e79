import type { Metadata } from "next";
import { Suspense } from "react";
import { preload } from "react-dom";
import { TreeView } from "@/components/tree/tree-view";
import { requireActor } from "@/server/auth/require";

export const metadata: Metadata = { title: "Organisation tree" };
export const dynamic = "force-dynamic";

export default async function TreePage() {
  // The tree's data downloads while the page's scripts load, instead of after hydration. Before the
  // first await, so the hint reaches the HTML head rather than the end of the streamed payload.
  preload("/api/tree", { as: "fetch", crossOrigin: "anonymous" });
  await requireActor();
  return (
    <Suspense>
      {/* The canvas is the page; its heading is for screen readers and the document outline. */}
      <h1 className="sr-only">Organisation tree</h1>
      <TreeView />
    </Suspense>
  );
}
