// What a user sees of one workflow in the Temporal Web UI, read by a real (headless) Chromium.
//
//   NODE_PATH=.tools/ui/node_modules node starter/src/test/ui/loop-in-ui.cjs \
//     <ui url> <workflow id> <list query> <screenshot dir>
//
// Opens the workflow list filtered by <list query> (e.g. RackPhase="AWAITING_PR"), follows the
// workflow's link as a user would, and reads its timeline, its User Metadata tab (static summary,
// details, current details: each rendered by the UI in its own iframe) and its event history. It
// prints one JSON object per page, what it found there, and judges nothing: the Java test
// (LabWebUiE2ETest) asserts. Exit status 0 when every page was read, 1 otherwise (the pages read
// so far are printed first). playwright-core drives Debian's chromium: nothing is downloaded.
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const [ui, workflowId, query, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: loop-in-ui.cjs <ui url> <workflow id> <list query> <screenshot dir>');
  process.exit(2);
}
const namespace = 'default';
// Generous: the UI polls the server, visibility is eventually consistent, current details need a
// round trip through the worker (a query) and a cold Chromium takes seconds to start.
const WAIT_MS = 60000;

function emit(page, facts) {
  console.log(JSON.stringify({ page, ...facts }));
}

/** A screenshot of the viewport, scrolled to `what` first when given (a locator). */
async function shoot(page, name, what) {
  const file = path.join(outDir, name);
  if (what) await what.scrollIntoViewIfNeeded().catch(() => {});
  await page.screenshot({ path: file });
  return file;
}

/** Waits until read() returns something truthy, polling; returns its last value either way. */
async function eventually(read, ms = WAIT_MS, everyMs = 1000) {
  const deadline = Date.now() + ms;
  let value;
  for (;;) {
    value = await read().catch(() => undefined);
    if (value || Date.now() > deadline) return value;
    await new Promise(r => setTimeout(r, everyMs));
  }
}

/** The text of the UI's iframe with this id (markdown rendered by the UI's /render), or ''. */
async function frameText(page, id) {
  const frame = page.frameLocator('#' + id);
  if (await page.locator('#' + id).count() === 0) return '';
  return (await frame.locator('body').innerText({ timeout: 5000 })).replace(/\n{2,}/g, '\n').trim();
}

/** Every row of the event history table: id, type and the detail fields shown (name -> value). */
async function historyRows(page) {
  const rows = [];
  for (const tr of await page.locator('main table tbody tr').all()) {
    const cells = (await tr.innerText()).split('\n').map(s => s.trim()).filter(Boolean);
    if (cells.length < 3 || !/^\d+$/.test(cells[0])) continue;
    const fields = {};
    for (let i = 3; i + 1 < cells.length; i += 2) fields[cells[i]] = cells[i + 1];
    rows.push({ id: Number(cells[0]), type: cells[2], fields });
  }
  return rows;
}

(async () => {
  fs.mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1300 } });

    // 1. The list, filtered as the README says (the query box's own syntax, in the URL).
    const listUrl = `${ui}/namespaces/${namespace}/workflows?query=${encodeURIComponent(query)}`;
    const link = page.getByRole('link', { name: workflowId, exact: true });
    const listed = await eventually(async () => {
      await page.goto(listUrl);
      await page.getByText(/Workflows Found|Select Workflow/).first().waitFor({ timeout: 15000 });
      return (await link.count()) > 0;
    }, WAIT_MS, 2000);
    const ids = await page.locator('main table tbody tr').allInnerTexts();
    emit('list', {
      url: page.url(), query, listed: !!listed,
      rows: ids.map(t => t.split(/\s+/).filter(Boolean).join(' ')),
      screenshot: await shoot(page, '1-list.png'),
    });
    if (!listed) process.exit(1);

    // 2. The workflow page, reached by its link: the timeline is what opens first.
    await link.first().click();
    await page.waitForURL(/\/timeline|\/history/, { timeout: WAIT_MS });
    await page.getByText('Timeline', { exact: true }).first().waitFor({ timeout: WAIT_MS });
    // Each event group of the timeline is a button in a list, labelled with its summary (or type).
    const timelineItems = async () => (await page.locator('main li button').allInnerTexts())
      .map(t => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
    // Items appear once the history is loaded; a running loop's last one is its pending timer.
    const items = await eventually(async () => { const i = await timelineItems(); return i.length ? i : undefined; });
    // 1300 px high: header, input and the whole timeline of a loop fit in one picture (the README's).
    emit('timeline', { url: page.url(), items: items || [], screenshot: await shoot(page, '2-workflow.png') });

    // 3. User Metadata: static summary and details, and the current details the UI asks the
    //    worker for (__temporal_workflow_metadata query; shown only while a worker polls).
    await page.getByRole('tab', { name: 'User Metadata' }).first().click();
    await page.waitForURL(/user-metadata/, { timeout: WAIT_MS });
    const summary = await eventually(() => frameText(page, 'user-metadata-summary'));
    const currentDetails = await eventually(() => frameText(page, 'user-metadata-current-details'));
    const details = await frameText(page, 'user-metadata-details').catch(() => '');
    emit('metadata', {
      url: page.url(), summary: summary || '', details, currentDetails: currentDetails || '',
      screenshot: await shoot(page, '3-user-metadata.png'),
    });

    // 4. Event history: activity and timer summaries as the history table shows them.
    await page.getByRole('tab', { name: /Event History/ }).first().click();
    await page.waitForURL(/\/history/, { timeout: WAIT_MS });
    // 100 events a page by default: show 500 so a long loop's early restart is on the first page.
    const perPage = page.locator('main select').filter({ has: page.locator('option[value="500"]') });
    if (await perPage.count() === 1) await perPage.selectOption('500');
    const events = await eventually(async () => {
      const rows = await historyRows(page);
      return rows.some(r => r.id === 1) ? rows : undefined; // event 1 shown: the page has loaded
    });
    emit('history', { url: page.url(), events: events || [], screenshot: await shoot(page, '4-event-history.png', page.locator('main table').first()) });
  } finally {
    await browser.close();
  }
})().catch(e => {
  console.error(e && e.stack || String(e));
  process.exit(1);
});
