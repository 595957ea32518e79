import type { Metadata } from "next";
import { requireActor } from "@/server/auth/require";
import { ProductView } from "./product-view";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }): Promise<Metadata> {
  return { title: `Product ${(await params).name}` };
}

export default async function ProductPage({ params }: { params: Promise<{ name: string }> }) {
  await requireActor();
  const { name } = await params;
  return <ProductView name={decodeURIComponent(name)} />;
}
