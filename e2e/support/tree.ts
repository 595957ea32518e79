// Shared checks of the organisation tree page (e2e/tree.spec.ts on the demo, e2e/tree-scale.spec.ts at 50 × 500).
import { expect, type Page } from "@playwright/test";

export const outline = (page: Page) => page.getByRole("tree", { name: "Organisation outline" });
export const canvasNode = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
export const sidePanel = (page: Page) => page.getByTestId("tree-side-panel");

/** The node is drawn wholly inside the canvas and not under the side panel (beside or above it, at any width). */
export async function expectBesidePanel(page: Page, id: string): Promise<void> {
  const node = canvasNode(page, id);
  await expect(node).toBeVisible();
  await expect
    .poll(async () => {
      const [n, canvas, panel] = await Promise.all([node.boundingBox(), page.getByTestId("tree-canvas").boundingBox(), sidePanel(page).boundingBox()]);
      if (!n || !canvas || !panel) return "not drawn";
      const problems = [];
      if (n.x < canvas.x || n.y < canvas.y || n.y + n.height > canvas.y + canvas.height) problems.push("outside the canvas");
      if (n.x + n.width > canvas.x + canvas.width) problems.push("right of the canvas");
      if (n.x < panel.x + panel.width && n.x + n.width > panel.x && n.y < panel.y + panel.height && n.y + n.height > panel.y)
        problems.push(`under the panel (node ${JSON.stringify(n)}, panel ${JSON.stringify(panel)})`);
      return problems.join(", ") || "beside the panel";
    })
    .toBe("beside the panel");
}

/** On-screen size of a canvas label: its computed font size times the canvas zoom. */
export async function labelPixels(page: Page, selector: string): Promise<number[]> {
  return page.evaluate((sel) => {
    const viewport = document.querySelector<HTMLElement>(".react-flow__viewport")!;
    const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
    return [...document.querySelectorAll<HTMLElement>(sel)].map((el) => parseFloat(getComputedStyle(el).fontSize) * zoom);
  }, selector);
}

/** The row the outline's keyboard cursor is on. */
export async function outlineCursor(page: Page): Promise<string | null> {
  const id = await outline(page).getAttribute("aria-activedescendant");
  return id ? outline(page).locator(`[id="${id}"]`).getAttribute("data-node-id") : null;
}
