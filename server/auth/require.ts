// For server components and pages: the signed-in actor, or a redirect to the sign-in page that
// brings the user back to where they were. The proxy only checks that a session cookie exists;
// this checks that the session is real.
import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getActor, type Actor } from "./actor";
import { REQUEST_PATH_HEADER, SIGN_IN_PATH, signInPath } from "./paths";

// One session lookup per request, however many components ask.
const currentRequest = cache(async () => {
  const requestHeaders = await headers();
  return { actor: await getActor(requestHeaders), path: requestHeaders.get(REQUEST_PATH_HEADER) };
});

export async function requireActor(): Promise<Actor> {
  const { actor, path } = await currentRequest();
  if (!actor) redirect(signInPath(path));
  return actor;
}

/** For the root layout: the actor, or null on the sign-in page; any other page redirects when signed out. */
export async function actorUnlessSignInPage(): Promise<Actor | null> {
  const { actor, path } = await currentRequest();
  if (actor || path === null || path.split("?")[0] === SIGN_IN_PATH) return actor;
  redirect(signInPath(path));
}
