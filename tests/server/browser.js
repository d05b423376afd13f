// Drives Debian's chromium (headless) through the query UI and an entity page, with
// playwright-core. Usage: node browser.js BASE_URL OUT_DIR. Prints one JSON object.
// Requests that would leave loopback are blocked and listed: the UI must work offline.
"use strict";
const { chromium } = require("playwright-core");
const path = require("path");

(async () => {
  const [base, outDir] = process.argv.slice(2);
  const flags = (process.env.CHROMIUM_FLAGS || "").split(" ")
    .filter((f) => f && f !== "--headless");
  const context = await chromium.launchPersistentContext(process.env.CHROMIUM_PROFILE, {
    executablePath: process.env.CHROMIUM, headless: true, args: flags,
    viewport: { width: 1280, height: 900 },
  });
  const out = { external: [], errors: [] };
  try {
    const page = context.pages()[0] || (await context.newPage());
    page.on("pageerror", (e) => out.errors.push(String(e)));
    await page.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (["127.0.0.1", "localhost"].includes(url.hostname) || url.protocol === "data:") {
        return route.continue();
      }
      out.external.push(url.href);
      return route.abort();
    });

    await page.goto(base + "/", { waitUntil: "load" });
    await page.waitForFunction(() => window.marsadYasgui !== undefined, null, { timeout: 20000 });
    await page.click("button.example");
    await page.waitForSelector(".yasr table tbody tr td", { timeout: 20000 });
    await page.waitForTimeout(300);
    out.rows = await page.$$eval(".yasr table tbody tr", (trs) => trs.map((tr) => tr.innerText));
    out.idLinks = await page.$$eval('.yasr a[href^="/id/"]', (as) => as.map((a) => a.getAttribute("href")));
    await page.screenshot({ path: path.join(outDir, "query-ui-results.png"), fullPage: true });

    await page.goto(base + "/id/entity/person/t0001", { waitUntil: "load" });
    await page.waitForSelector("#label-ar");
    out.label = await page.$eval("#label-ar", (h) => h.textContent);
    out.dir = await page.$eval("html", (h) => h.getAttribute("dir"));
    out.labelVisible = await page.isVisible("#label-ar");
    await page.screenshot({ path: path.join(outDir, "entity-page.png"), fullPage: true });

    // the name search box: Arabic typed without diacritics finds the vocalised name
    await page.fill("#search-box", "عبدالفتاح");
    await page.waitForSelector("#search-hits li a", { timeout: 10000 });
    out.searchHits = await page.$$eval("#search-hits li a", (as) =>
      as.map((a) => [a.getAttribute("href"), a.textContent]));
    await page.screenshot({ path: path.join(outDir, "search-box.png") });
  } catch (e) {
    out.failure = String(e && e.stack || e);
  } finally {
    await context.close();
  }
  process.stdout.write(JSON.stringify(out) + "\n");
})();
