// Signing in from e2e specs. `signInAs` goes through better-auth's HTTP endpoint (fast; the
// sign-in form itself is covered by e2e/auth.spec.ts); the session cookie lands in the page's
// browser context, so following page.goto calls are signed in.
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_USERS, type DemoUser } from "../../server/seed/seed-users";

export { DEMO_PASSWORD, DEMO_USERS, type DemoUser };

export async function signInAs(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  const origin = new URL(test.info().project.use.baseURL!).origin;
  const response = await page.request.post("/api/auth/sign-in/email", { data: { email, password }, headers: { origin } });
  expect(response.status(), `sign-in as ${email}`).toBe(200);
}
