import { requireActor } from "@/server/auth/require";
import { Home } from "./home";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const actor = await requireActor();
  return <Home name={actor.name || actor.email} />;
}
