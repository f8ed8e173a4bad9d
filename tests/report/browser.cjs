// SPDX-License-Identifier: GPL-2.0
// tests/report/browser.cjs - a kmetrics report in a real browser: Debian's
// chromium, headless, driven by playwright-core (no browser is downloaded).
//
//   node browser.cjs REPORT.html SHOTS SPEC.json     (tests/report/report.mk)
//   node browser.cjs --render REPORT.html            (make bench: seconds)
//   node browser.cjs --load REPORT.html...           each loads, no error
//   node browser.cjs --hostile REPORT.html           names that are markup stay
//                                                    text; the CSP holds
//   node browser.cjs --rows REPORT.html CSV [N]      the page's values read back
//                                                    equal kmetrics-merge's csv
//
// SPEC says what the page must show: first (the function the table opens
// with, sorted by C2), sort (a column key whose header click puts the
// function sortFirst on top), filter (a text; every row left must contain
// it), range ([key, from]: every row left has key >= from), pick (a
// function to click) and callers (names its panel must list), statuses
// (--baseline: the counts of the status chips), shoot (also SHOTS-picked.png,
// the top function picked). Every console error, page
// error and request that leaves the file fails the test. Screenshots go to
// SHOTS-overview.png, SHOTS-filter.png, SHOTS-function.png.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');
const { parseCsv } = require('./csv.cjs');

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
	'--disable-background-networking', '--disable-component-update', '--disable-sync'];
let failed = 0;

function ok(what) { console.log(`report-browser: ok: ${what}`); }
function bad(what) { console.log(`FAIL: report-browser: ${what}`); failed++; }
function expect(cond, what, detail) { if (cond) ok(what); else bad(`${what}: ${detail}`); }

async function open(file, problems, rows = true) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'km-chromium-'));
	const ctx = await chromium.launchPersistentContext(dir, {
		executablePath: process.env.KM_CHROMIUM || '/usr/bin/chromium',
		headless: true, args: ARGS, viewport: { width: 1500, height: 1000 },
	});
	const page = ctx.pages()[0] || await ctx.newPage();
	page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
	page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
	page.on('request', (r) => {
		if (!/^(file|data|blob):/.test(r.url())) problems.push(`request to ${r.url()}`);
	});
	const t0 = process.hrtime.bigint();
	await page.goto('file://' + path.resolve(file));
	if (rows) await page.waitForSelector('.ag-row[row-index="0"] [col-id="name"]', { timeout: 60000 });
	else await page.waitForFunction(() => document.body.dataset.chartsReady === '1', null, { timeout: 60000 });
	const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
	const close = async () => { await ctx.close(); fs.rmSync(dir, { recursive: true, force: true }); };
	return { page, seconds, close };
}

async function cell(page, index, col) {
	return (await page.textContent(`.ag-row[row-index="${index}"] [col-id="${col}"]`)).trim();
}

// The rows on the screen, in their order: [{index, name, file, value of key}].
async function visibleRows(page, key) {
	const rows = await page.$$eval('.ag-row[row-index]', (els, k) => els.map((r) => {
		const get = (c) => {
			const e = r.querySelector(`[col-id="${c}"]`);
			return e ? e.textContent.trim() : '';
		};
		return { index: Number(r.getAttribute('row-index')), name: get('name'), file: get('file'),
			value: k ? get(k) : '' };
	}), key);
	return rows.sort((a, b) => a.index - b.index);
}

async function count(page) {
	const t = await page.textContent('#km-row-count');
	return Number(t.split(' of ')[0].replace(/,/g, ''));
}

// The count once the table settled after a change (the text filter waits 120 ms).
async function settled(page) {
	await page.waitForTimeout(400);
	return count(page);
}

async function waitCount(page, before) {
	await page.waitForFunction((b) => {
		const t = document.querySelector('#km-row-count').textContent;
		return Number(t.split(' of ')[0].replace(/,/g, '')) !== b;
	}, before, { timeout: 10000 }).catch(() => {});
	return count(page);
}

async function checkSort(page, spec) {
	const first = await cell(page, 0, 'name');
	expect(first === spec.first, `opening sorted by C2, ${spec.first} first`, `the first row is ${first}`);
	if (!spec.sort) return;
	await page.click(`.ag-header-cell[col-id="${spec.sort}"] .ag-header-cell-label`);
	await page.waitForTimeout(300);
	const top = await cell(page, 0, 'name');
	expect(top === spec.sortFirst, `sorted by ${spec.sort}, ${spec.sortFirst} first`, `the first row is ${top}`);
	await page.click('.ag-header-cell[col-id="cyclomatic"] .ag-header-cell-label');
	await page.waitForTimeout(300);
}

async function checkFilter(page, spec, shots) {
	const total = await count(page);
	await page.fill('#km-filter-text', spec.filter);
	const n = await waitCount(page, total);
	const rows = await visibleRows(page);
	const all = rows.length > 0 && rows.every((r) => `${r.name} ${r.file}`.toLowerCase().includes(spec.filter.toLowerCase()));
	expect(n > 0 && n < total && all, `filter '${spec.filter}' narrows ${total} rows to ${n}`,
		`${n} rows, those shown: ${rows.map((r) => r.name).join(' ')}`);
	if (spec.range) {
		const [key, from] = spec.range;
		await page.selectOption('#km-range-col', key);
		await page.fill('#km-range-min', String(from));
		await page.click('#km-range-add');
		const m = await waitCount(page, n);
		const vals = (await visibleRows(page, key)).map((r) => Number(r.value.split(' ')[0].replace(/,/g, '')));
		expect(m > 0 && m < n && vals.length > 0 && vals.every((v) => v >= from), `and ${key} >= ${from} to ${m}`,
			`${m} rows, values ${vals.join(' ')}`);
	}
	await page.screenshot({ path: `${shots}-filter.png` });
	await page.fill('#km-filter-text', '');
	while (await page.$('.km-ranges .km-chip')) await page.click('.km-ranges .km-chip');
	const back = await settled(page);
	expect(back === total, 'the filters cleared, every row back', `${back} rows`);
}

async function checkPick(page, spec, shots) {
	await page.fill('#km-filter-text', spec.pick);
	await page.waitForTimeout(400);
	const rows = await visibleRows(page);
	const k = rows.findIndex((r) => r.name === spec.pick);
	if (k < 0) { bad(`${spec.pick} is not in the table: ${JSON.stringify(rows)} ${await count(page)}`); return; }
	await page.click(`.ag-row[row-index="${rows[k].index}"] [col-id="name"]`);
	await page.waitForSelector('#km-detail-name');
	const name = await page.textContent('#km-detail-name');
	const callers = await page.textContent('#km-callers');
	const record = await page.textContent('#km-detail-record');
	const where = await page.textContent('#km-detail-where');
	const missing = spec.callers.filter((c) => !callers.includes(c));
	expect(name === spec.pick && missing.length === 0, `clicking ${spec.pick} shows its callers (${spec.callers.join(', ')})`,
		`panel of ${name}, callers: ${callers}`);
	expect(record.startsWith(`${spec.pick} : `) && /:\d+$/.test(where), `and its record and file:line (${where})`, record);
	const canvas = await page.$('#km-graph canvas');
	expect(canvas !== null, 'and its neighbourhood as a graph', 'no canvas');
	await page.screenshot({ path: `${shots}-function.png` });
	await page.fill('#km-filter-text', '');
}

async function checkStatuses(page, spec) {
	for (const [word, n] of Object.entries(spec.statuses)) {
		const chip = await page.$(`.km-statuses [data-status="${word}"]`);
		const text = chip ? (await chip.textContent()).trim() : '(none)';
		expect(text === `${n} ${word}`, `--baseline: ${n} ${word}`, text);
		if (!chip) continue;
		await chip.click();
		const m = await settled(page);
		expect(m === n, `--baseline: the ${word} chip shows ${n} rows`, `${m} rows`);
		await chip.click();
		await settled(page);
	}
}

// The page as a person first sees it, the top function picked: SHOTS-picked.png.
async function shoot(page, shots) {
	await page.reload();
	await page.waitForSelector('.ag-row[row-index="0"] [col-id="name"]');
	await page.waitForFunction(() => document.body.dataset.chartsReady === '1');
	await page.click('.ag-row[row-index="0"] [col-id="name"]');
	await page.waitForTimeout(300);
	await page.screenshot({ path: `${shots}-picked.png` });
}

async function test(file, shots, spec) {
	const problems = [];
	const { page, seconds, close } = await open(file, problems);
	ok(`the table shows rows after ${seconds.toFixed(2)} s`);
	await page.waitForFunction(() => document.body.dataset.chartsReady === '1', null, { timeout: 60000 });
	await page.screenshot({ path: `${shots}-overview.png`, fullPage: true });
	await checkSort(page, spec);
	await checkFilter(page, spec, shots);
	await checkPick(page, spec, shots);
	if (spec.statuses) await checkStatuses(page, spec);
	if (spec.shoot) await shoot(page, shots);
	await close();
	expect(problems.length === 0, 'no console error, no page error, nothing fetched', problems.join('; '));
}

// make bench-report: first_row_seconds from navigation to the frame that
// paints the table's first rows (the page's km-first-row mark; a page
// without it: until the row is seen here), seen_seconds until this script
// sees the row (later while the page's main thread is busy), charts_seconds
// until the charts are drawn.
async function render(file) {
	const problems = [];
	const { page, seconds, close } = await open(file, problems);
	await page.waitForFunction(() => document.body.dataset.chartsReady === '1', null, { timeout: 300000 });
	const [mark, charts] = await page.evaluate(() => [performance.getEntriesByName('km-first-row'),
		performance.now()].map((m) => (Array.isArray(m) ? (m.length ? m[0].startTime : null) : m)));
	await close();
	if (problems.length) throw new Error(problems.join('; '));
	const first = mark === null ? seconds : mark / 1000;
	console.log(`first_row_seconds=${first.toFixed(2)} seen_seconds=${seconds.toFixed(2)}` +
		` charts_seconds=${(charts / 1000).toFixed(2)}`);
}

// ---- --rows: the page's data read back as a person reads it ----
//
// The table's first row is the csv's highest C2 (the first such in the
// csv's order). Then N rows of the csv (all of them by default; else N
// spread over the csv, each with a name no other row has) are found with
// the name filter and clicked: the panel's name, where, record and every
// column equal the csv's cells (a column the page lacks is empty there).

// The panel's columns: {key: text}, keyed by the csv's names.
async function panelValues(page) {
	return page.$$eval('#km-detail .km-values tr', (trs) => Object.fromEntries(trs.map((tr) => [
		tr.querySelector('th').textContent.split(' ').pop(), tr.querySelector('td').textContent])));
}

async function pickByName(page, name, file) {
	await page.fill('#km-filter-text', name);
	await page.waitForFunction(([n, f]) => [...document.querySelectorAll('.ag-row[row-index]')].some((r) =>
		r.querySelector('[col-id="name"]')?.textContent === n && (r.querySelector('[col-id="file"]')?.textContent ?? '') === f),
	[name, file], { timeout: 10000 });
	const index = await page.$$eval('.ag-row[row-index]', (els, [n, f]) => els.find((r) =>
		r.querySelector('[col-id="name"]')?.textContent === n && (r.querySelector('[col-id="file"]')?.textContent ?? '') === f)
		.getAttribute('row-index'), [name, file]);
	await page.click(`.ag-row[row-index="${index}"] [col-id="name"]`);
	await page.waitForFunction((n) => document.querySelector('#km-detail-name')?.textContent === n, name, { timeout: 10000 });
}

function sampleRows(head, rows, n) {
	if (!n || n >= rows.length) return rows;
	const count = new Map();
	for (const r of rows) count.set(r[0], (count.get(r[0]) || 0) + 1);
	const unique = rows.filter((r) => count.get(r[0]) === 1);
	const step = Math.max(1, Math.floor(unique.length / n));
	return unique.filter((r, k) => k % step === 0).slice(0, n);
}

async function checkRows(page, csvFile, n) {
	const [head, ...rows] = parseCsv(fs.readFileSync(csvFile, 'utf8'));
	const col = (key) => head.indexOf(key);
	const c2 = col('cyclomatic');
	let top = rows[0];
	for (const r of rows) if (Number(r[c2]) > Number(top[c2])) top = r;
	const first = await cell(page, 0, 'name');
	expect(first === top[0], `the first row is the csv's highest C2, ${top[0]}`, `the first row is ${first}`);
	const sample = sampleRows(head, rows, n);
	let same = 0;
	for (const r of sample) {
		const file = col('file') >= 0 ? r[col('file')] : '';
		await pickByName(page, r[0], file);
		const shown = await panelValues(page);
		const where = await page.textContent('#km-detail-where');
		const record = await page.textContent('#km-detail-record');
		const diff = head.slice(1).filter((key) => (shown[key] ?? '') !== r[col(key)])
			.map((key) => `${key}: page ${JSON.stringify(shown[key] ?? '')}, csv ${JSON.stringify(r[col(key)])}`);
		const line = col('line') >= 0 ? r[col('line')] : '';
		if (file && where !== (line ? `${file}:${line}` : file)) diff.push(`where: ${where}`);
		if (!record.startsWith(`${r[0]} : ${r[col('params')]} : ${r[c2]} : `)) diff.push(`record: ${record}`);
		if (diff.length) bad(`${r[0]} (${file}): ${diff.join('; ')}`);
		else same++;
	}
	expect(same === sample.length, `${same} of ${sample.length} rows read back from the page equal the csv ` +
		`(${head.length - 1} columns each)`, `${sample.length - same} differ`);
}

async function readRows(file, csvFile, n) {
	const problems = [];
	const { page, close } = await open(file, problems);
	try {
		await page.waitForFunction(() => document.body.dataset.chartsReady === '1', null, { timeout: 60000 });
		await checkRows(page, csvFile, n);
	} finally {
		await close();
	}
	expect(problems.length === 0, 'no console error, no page error, nothing fetched', problems.join('; '));
}

// Pages that must merely load without an error (an empty dataset, a narrow csv).
async function load(files) {
	for (const file of files) {
		const problems = [];
		const { close } = await open(file, problems, false);
		await close();
		expect(problems.length === 0, `${path.basename(file)} loads without an error`, problems.join('; '));
	}
}

// ---- --hostile: tests/report/hostile's page (issue 21, item 2) ----
//
// The fixture: x.o's two functions, one named like an <img> whose onerror
// sets window.km_pwned (the record parser and the companion take it: no
// space, control or ':'), C2 5 and C3 1000; plain_caller (C2 20, C3 5000)
// calls it; it calls an external function named like a <b> element with
// id km_injected. The scatter's log axes then run to 100 and 10,000, so
// the point sits at log10(5)/2 across and 3/4 up its grid (charts.js:
// left 52, right 30, top 50, bottom 30 pixels); in the call graph
// (graph.js's place()) the picked function is at the box's middle and its
// one callee 0.16 of the box's width to the right.
const EVIL = 'x<img/src=x/onerror=window.km_pwned=1>';
const EVIL_EXT = '<b/id=km_injected>ext</b>';

// Move the mouse around (x, y) until a chart's tooltip shows; its text.
async function hover(page, x, y) {
	for (let r = 0; r <= 8; r += 2) {
		for (const [dx, dy] of [[0, 0], [r, 0], [-r, 0], [0, r], [0, -r], [r, r], [-r, -r], [r, -r], [-r, r]]) {
			await page.mouse.move(x + dx, y + dy);
			await page.waitForTimeout(60);
			const t = await page.evaluate(() => {
				const tips = [...document.querySelectorAll('.km-tip')].filter((e) =>
					getComputedStyle(e).display !== 'none' && getComputedStyle(e).visibility !== 'hidden' &&
					e.textContent.trim());
				return tips.length ? tips[tips.length - 1].textContent : null;
			});
			if (t) return t;
		}
	}
	return null;
}

async function noMarkup(page, what) {
	const found = await page.evaluate(() => ({
		img: document.querySelectorAll('img').length,
		injected: document.getElementById('km_injected') !== null,
		pwned: window.km_pwned !== undefined,
	}));
	expect(!found.img && !found.injected && !found.pwned, `${what}: no element or script from a name`,
		JSON.stringify(found));
}

async function hoverCharts(page) {
	const g = await page.$eval('#km-graph', (e) => { const b = e.getBoundingClientRect(); return [b.x, b.y, b.width, b.height]; });
	let t = await hover(page, g[0] + g[2] / 2, g[1] + g[3] / 2);
	expect(t && t.includes(EVIL), 'the graph\'s tooltip shows the picked name as text', t);
	await noMarkup(page, 'hovering the graph\'s function');
	t = await hover(page, g[0] + g[2] / 2 + 0.16 * g[2], g[1] + g[3] / 2);
	expect(t && t.includes(EVIL_EXT), 'the graph\'s tooltip shows an external name as text', t);
	await noMarkup(page, 'hovering the graph\'s external callee');
	const s = await page.$eval('#km-scatter', (e) => { const b = e.getBoundingClientRect(); return [b.x, b.y, b.width, b.height]; });
	const x = s[0] + 52 + (Math.log10(5) / 2) * (s[2] - 82);
	const y = s[1] + 50 + (1 - 3 / 4) * (s[3] - 80);
	t = await hover(page, x, y);
	expect(t && t.includes(EVIL), 'the scatter\'s tooltip shows the name as text', t);
	await noMarkup(page, 'hovering the scatter');
}

// What Chromium enforces of the page's CSP: markup that got in stays inert.
// (A page whose form navigates away never answers: a timeout fails it.)
async function checkCsp(page) {
	const before = page.url();
	const gone = new Promise((res) => setTimeout(() => res({ seen: ['(the page went away)'] }), 10000));
	const r = await Promise.race([gone, page.evaluate(async () => {
		const seen = [];
		document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective));
		const img = document.createElement('img');
		img.setAttribute('onerror', 'window.km_csp_handler = 1');
		img.src = 'data:,not-an-image';
		document.body.append(img);
		const sc = document.createElement('script');
		sc.textContent = 'window.km_csp_script = 1';
		document.body.append(sc);
		const base = document.createElement('base');
		base.href = 'file:///km-nowhere/';
		document.head.append(base);
		const form = document.createElement('form');
		form.action = 'file:///etc/';
		document.body.append(form);
		form.submit();
		await new Promise((res) => setTimeout(res, 500));
		img.remove();
		return { seen, handler: window.km_csp_handler, script: window.km_csp_script,
			base: document.baseURI.startsWith('file:///km-nowhere/') };
	}).catch((e) => ({ seen: [`(${e.message.split('\n')[0]})`] }))]);
	await page.waitForTimeout(300);
	expect(r.handler === undefined && r.script === undefined,
		'CSP: no inline event handler or inline script runs', JSON.stringify(r));
	expect(!r.base && r.seen.includes('base-uri'), 'CSP: a <base> moves nothing', JSON.stringify(r));
	expect(r.seen.includes('form-action') && page.url() === before, 'CSP: no form is sent, the page stays',
		`${JSON.stringify(r)} ${page.url()}`);
	const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
	expect(!csp.includes('unsafe-inline\'; style') && /script-src 'sha256-[A-Za-z0-9+/]{43}='/.test(csp),
		'CSP: the script runs by its hash, not unsafe-inline', csp);
}

async function hostile(file) {
	const problems = [];
	const { page, close } = await open(file, problems);
	try {
		await hostilePage(page, problems);
	} finally {
		await close();
	}
}

async function hostilePage(page, problems) {
	await page.waitForFunction(() => document.body.dataset.chartsReady === '1', null, { timeout: 60000 });
	const rows = await visibleRows(page);
	expect(rows.some((r) => r.name === EVIL), 'the table shows the name as text', JSON.stringify(rows));
	const k = rows.find((r) => r.name === EVIL);
	if (k) await page.click(`.ag-row[row-index="${k.index}"] [col-id="name"]`);
	await page.waitForSelector('#km-detail-name');
	const name = await page.textContent('#km-detail-name');
	const callees = await page.textContent('#km-callees');
	expect(name === EVIL && callees.includes(EVIL_EXT), 'the panel shows both names as text', `${name} ${callees}`);
	await page.waitForSelector('#km-graph canvas');
	await hoverCharts(page);
	const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')));
	expect(hrefs.every((h) => h === '#'), 'every link the page makes stays on the page', hrefs.join(' '));
	expect(problems.length === 0, 'no console error, no page error, nothing fetched',
		problems.slice(0, 3).join('; '));
	await checkCsp(page);
}

(async () => {
	const argv = process.argv.slice(2);
	if (argv[0] === '--render') {
		await render(argv[1]);
		return;
	}
	if (argv[0] === '--hostile') {
		await hostile(argv[1]);
		console.log(`report-browser: ${failed ? 'FAILED' : 'all passed'}`);
		process.exitCode = failed ? 1 : 0;
		return;
	}
	if (argv[0] === '--rows') {
		await readRows(argv[1], argv[2], Number(argv[3] || 0));
		console.log(`report-browser: ${failed ? 'FAILED' : 'all passed'}`);
		process.exitCode = failed ? 1 : 0;
		return;
	}
	if (argv[0] === '--load') {
		await load(argv.slice(1));
		process.exitCode = failed ? 1 : 0;
		return;
	}
	const [file, shots, specFile] = argv;
	await test(file, shots, JSON.parse(fs.readFileSync(specFile, 'utf8')));
	console.log(`report-browser: ${failed ? 'FAILED' : 'all passed'}`);
	process.exitCode = failed ? 1 : 0;
})().catch((e) => { console.log(`FAIL: report-browser: ${e.stack || e}`); process.exitCode = 1; });
