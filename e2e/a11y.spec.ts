// Every console page, as the persona who uses it, passes axe's WCAG 2.1 A/AA rules.
import { test } from "@playwright/test";
import { expect } from "./support/expect";
import { signInAs } from "./support/auth";
import { expectNoAxeViolations } from "./support/axe";

const PAGES: { persona: string; email: string; paths: string[] }[] = [
  { persona: "platform admin", email: "cto@acme.example", paths: ["/", "/enterprise", "/audit", "/import", "/export"] },
  { persona: "domain owner", email: "sales-owner@acme.example", paths: ["/", "/domains/sales", "/requests"] },
  { persona: "product team", email: "analyst@acme.example", paths: ["/products", "/requests/new"] },
  { persona: "viewer", email: "viewer@acme.example", paths: ["/tree", "/history/sales"] },
];

test("the sign-in page passes axe", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading").first()).toBeVisible();
  await expectNoAxeViolations(page);
});

for (const { persona, email, paths } of PAGES) {
  for (const path of paths) {
    test(`${path} as a ${persona} passes axe`, async ({ page }) => {
      await signInAs(page, email);
      await page.goto(path);
      // Wait for the page's data: no loading status left, the main heading shown.
      await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
      await expect(page.getByText("Loading…")).toHaveCount(0);
      await expectNoAxeViolations(page);
    });
  }
}
