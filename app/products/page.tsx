import type { Metadata } from "next";
import { requireActor } from "@/server/auth/require";
import { ProductsList } from "./products-list";

export const metadata: Metadata = { title: "Products" };
export const dynamic = "force-dynamic";

export default async function ProductsPage() {
  await requireActor();
  return <ProductsList />;
}
