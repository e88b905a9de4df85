import type { Browser } from "playwright-core";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { laneColors, VERDICT_COLORS } from "../../src/backtest/html.js";
import type { BacktestReport } from "../../src/backtest/report.js";
import { cli, ROOT } from "../helpers/io.js";
import { TempRepo } from "../helpers/git-repo.js";

const POLICY = `${ROOT}policies/autonomous-shipping.yaml`;
const CHROMIUM = process.env.SHIPLANE_CHROMIUM ?? "/usr/bin/chromium";
const EVIL = `Fix </script><img src=x onerror="window.__pwned=1"> & "quotes"`;

/** A history spread over weeks, with PRs in every lane the bundled policy reaches from git, and a hostile title. */
function buildHistory(repo: TempRepo): void {
  repo.commit("Initial layout", { "README.md": "# app\n", "api/users.py": "u\n" });
  for (let i = 1; i <= 30; i++) {
    const kind = i % 5;
    const files =
      kind === 0
        ? { [`api/migrations/00${i}_step.sql`]: `alter table t add c${i} int;\n` }
        : kind === 1
          ? { [`src/auth/session_${i}.py`]: `s${i}\n` }
          : kind === 2
            ? Object.fromEntries(Array.from({ length: 8 }, (_, j) => [`api/bulk${i}_${j}.py`, "x\n"]))
            : { [`docs/page${i}.md`]: `p${i}\n` };
    repo.commit(i === 7 ? `${EVIL} (#${i})` : `Change number ${i} (#${i})`, files);
    // Four changes a week, so the chart has several bars.
    if (i % 4 === 0) for (let d = 0; d < 3; d++) repo.commit(`housekeeping ${i}-${d}`, { "notes.txt": `${i}-${d}\n` });
  }
}

describe("backtest --html: one self-contained page", () => {
  const repo = new TempRepo();
  let html = "";
  let report: BacktestReport;
  beforeAll(async () => {
    buildHistory(repo);
    const args = ["backtest", "--git", "--dir", repo.dir, "--policy", POLICY, "--repo", "acme/app"];
    html = (await cli([...args, "--html"])).stdout;
    report = JSON.parse((await cli([...args, "--json"])).stdout) as BacktestReport;
  });
  afterAll(() => repo.remove());

  it("loads nothing from anywhere: no external URL, stylesheet, script or image", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
    expect(html).toContain("Content-Security-Policy");
  });

  it("escapes what PRs wrote: a hostile title stays text", () => {
    expect(html).not.toContain("<img src=x");
    expect(html.match(/<\/script>/g)?.length).toBe(2); // the data block and the script, nothing from the title
    expect(report.items.some((i) => i.title.startsWith("Fix </script>"))).toBe(true);
  });

  it("draws the chart on the server: one bar segment per lane and period, in the lanes' colours", () => {
    const colors = laneColors(report.lanes);
    const segments = [...html.matchAll(/<rect class="bar" data-lane="([^"]+)"[^>]*fill="([^"]+)"/g)];
    expect(segments.length).toBeGreaterThan(3);
    for (const [, lane, fill] of segments) expect(fill).toBe(colors[lane as string]);
    expect(new Set(segments.map((s) => s[1]))).toEqual(new Set(["human-gated", "staging-first"]));
  });

  describe("in headless Chromium", () => {
    const browserMissing = !existsSync(CHROMIUM);
    if (browserMissing) console.log(`skipped the browser checks: no Chromium at ${CHROMIUM} (scripts/test.sh installs Debian's chromium)`);

    it.skipIf(browserMissing)(
      "opens without console errors or requests, shows the chart in the screenshot, and filters the table",
      async () => {
        const { chromium } = await import("playwright-core");
        const browser = await chromium.launch({
          executablePath: CHROMIUM,
          args: [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        });
        try {
          const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
          const problems: string[] = [];
          const requests: string[] = [];
          page.on(
            "console",
            (m) => void (m.type() === "error" || m.type() === "warning" ? problems.push(`${m.type()}: ${m.text()}`) : undefined),
          );
          page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
          await page.route("**/*", async (route) => {
            requests.push(route.request().url());
            await route.abort();
          });
          await page.setContent(html, { waitUntil: "load" });

          // The table filled in by the script: every PR, then filtered by lane, verdict and text.
          const rows = () => page.locator("#items tbody tr").count();
          expect(await rows()).toBe(report.items.length);
          await page.selectOption("#f-lane", "human-gated");
          expect(await rows()).toBe(report.totals.by_lane["human-gated"]);
          await page.selectOption("#f-lane", "");
          await page.selectOption("#f-verdict", "blocked");
          expect(await rows()).toBe(report.totals.by_verdict.blocked);
          await page.selectOption("#f-verdict", "");
          await page.fill("#f-text", "quotes");
          expect(await rows()).toBe(1);
          expect(await page.locator("#items tbody").innerText()).toContain('</script><img src=x onerror="window.__pwned=1">');
          expect(await page.evaluate("window.__pwned")).toBeUndefined();
          await page.fill("#f-text", "");
          expect(await page.locator("#shown").innerText()).toBe(`${report.items.length} of ${report.items.length}`);

          // The screenshot shows the chart: pixels of each lane's colour inside the chart's box.
          const box = await page.locator("#lane-chart").boundingBox();
          expect(box).not.toBeNull();
          const png = await page.screenshot({ clip: box!, type: "png" });
          const outDir = join(ROOT, ".test-reports");
          mkdirSync(outDir, { recursive: true });
          writeFileSync(join(outDir, "backtest-chart.png"), png);
          await page.screenshot({ path: join(outDir, "backtest-page.png"), fullPage: false });
          const colors = laneColors(report.lanes);
          const counts = await countColours(browser, png, [
            colors["human-gated"] as string,
            colors["staging-first"] as string,
            VERDICT_COLORS.merge as string,
          ]);
          expect(counts.total).toBeGreaterThan(0.9 * box!.width * box!.height);
          // Each drawn lane covers a visible area; the page background is not all there is.
          expect(counts.byColour[colors["human-gated"] as string]).toBeGreaterThan(300);
          expect(counts.byColour[colors["staging-first"] as string]).toBeGreaterThan(300);
          expect(counts.nonWhite / counts.total).toBeGreaterThan(0.05);

          expect(problems).toEqual([]);
          expect(requests).toEqual([]);
        } finally {
          await browser.close();
        }
      },
      60_000,
    );
  });
});

const PIXEL_COUNTER = `async ({ data, colours }) => {
  const img = new Image();
  img.src = "data:image/png;base64," + data;
  await img.decode();
  const canvas = document.createElement("canvas");
  canvas.width = img.width;
  canvas.height = img.height;
  const ctx = canvas.getContext("2d");
  ctx.drawImage(img, 0, 0);
  const pixels = ctx.getImageData(0, 0, img.width, img.height).data;
  const rgb = colours.map((c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)));
  const byColour = Object.fromEntries(colours.map((c) => [c, 0]));
  let nonWhite = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    const r = pixels[i], g = pixels[i + 1], b = pixels[i + 2];
    if (r < 235 || g < 235 || b < 235) nonWhite++;
    rgb.forEach(([cr, cg, cb], k) => {
      if (Math.abs(r - cr) + Math.abs(g - cg) + Math.abs(b - cb) < 24) byColour[colours[k]]++;
    });
  }
  return { total: pixels.length / 4, nonWhite, byColour };
}`;

/** Decode a PNG in a blank page's canvas and count pixels close to each colour (no image library needed). */
async function countColours(
  browser: Browser,
  png: Buffer,
  colours: string[],
): Promise<{ total: number; nonWhite: number; byColour: Record<string, number> }> {
  const page = await browser.newPage();
  try {
    // Runs in the page (the tests' TypeScript has no DOM types): an expression string.
    const args = JSON.stringify({ data: png.toString("base64"), colours });
    return (await page.evaluate(`(${PIXEL_COUNTER})(${args})`)) as { total: number; nonWhite: number; byColour: Record<string, number> };
  } finally {
    await page.close();
  }
}
