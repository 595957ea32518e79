// The one way in-process tests sign in: better-auth's real e-mail sign-in endpoint with the demo
// password, returning the Cookie header a browser would send back.
import { getAuth } from "../../server/auth/auth";
import { DEMO_PASSWORD } from "../../server/seed/seed-users";

export async function sessionCookie(email: string, base: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await getAuth().handler(
    new Request(`${base}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body: JSON.stringify({ email, password }) }),
  );
  if (res.status !== 200) throw new Error(`sign-in of ${email} answered ${res.status}: ${await res.text()}`);
  return res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}
