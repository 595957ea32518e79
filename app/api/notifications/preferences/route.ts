import { Preferences } from "../../../../lib/contract/notify-responses";
import { route } from "../../../../server/http/route";
import { preferences, PreferencesInput, savePreferences } from "../../../../server/notify/inbox";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route({ summary: "My notification preferences", response: Preferences }, async ({ db, actor }) => preferences(db, actor));
export const PUT = route({ summary: "Save my notification preferences", body: PreferencesInput, response: Preferences }, async ({ db, actor, body }) => savePreferences(db, actor, body));
