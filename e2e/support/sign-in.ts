// Signing in the way a person does: the sign-in page's form, then back to the page asked for.
// (e2e/support/auth.ts has the faster HTTP shortcut; these specs exercise the real page.)
import { expect, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../server/seed/seed-users";

export const USERS = {
  cto: "cto@acme.example",
  sales: "sales-owner@acme.example",
  marketing: "marketing-owner@acme.example",
  finance: "finance-owner@acme.example",
  analyst: "analyst@acme.example",
  viewer: "viewer@acme.example",
} as const;
export type DemoRole = keyof typeof USERS;

export async function signIn(page: Page, who: DemoRole, next = "/"): Promise<void> {
  await page.goto(`/sign-in${next === "/" ? "" : `?next=${encodeURIComponent(next)}`}`);
  await page.getByRole("textbox", { name: "Email" }).fill(USERS[who]);
  await page.getByRole("textbox", { name: "Password" }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // Generous: the first render of a page compiles its data on a busy 2-core machine.
  await expect(page).toHaveURL((url) => url.pathname === next.split("?")[0], { timeout: 15_000 });
}

/** A separate browser session (own cookies) signed in as `who`: a second person at another desk. */
export async function sessionAs(browser: Browser, who: DemoRole, next = "/"): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, who, next);
  return page;
}

/** Mutations must carry a same-origin Origin header (the API's CSRF check); page.request does not add one. */
export function originOf(page: Page): Record<string, string> {
  return { origin: new URL(page.url()).origin };
}

/** The CodeMirror editor labelled `label`: replaces its whole text the way a paste does. */
export async function replaceEditorText(page: Page, label: string, text: string): Promise<void> {
  const editor = page.getByRole("textbox", { name: label });
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(text);
}

/** The editor's whole document (CodeMirror only renders the visible lines, so ask its view). */
export async function editorText(page: Page, label: string): Promise<string> {
  return page.getByRole("textbox", { name: label }).evaluate((el) => {
    type Tile = { root?: { view?: { state: { doc: { toString(): string } } } } };
    const view = (el as unknown as { cmTile?: Tile }).cmTile?.root?.view;
    return view ? view.state.doc.toString() : Array.from(el.querySelectorAll(".cm-line"), (l) => l.textContent ?? "").join("\n");
  });
}
