import { route } from "../../../server/http/route";
import { me } from "../../../server/services/queries";
import { Me } from "../../../lib/contract/responses";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route({ summary: "The signed-in user and their role memberships", response: Me }, async ({ actor }) => me(actor));
