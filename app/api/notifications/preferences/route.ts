import { route } from "../../../../server/http/route";
import { preferences, PreferencesInput, savePreferences } from "../../../../server/notify/inbox";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route({ summary: "My notification preferences" }, async ({ db, actor }) => preferences(db, actor));
export const PUT = route({ summary: "Save my notification preferences", body: PreferencesInput }, async ({ db, actor, body }) => savePreferences(db, actor, body));
