// SPDX-License-Identifier: GPL-2.0
// tests/report/browser.cjs - a kmetrics report in a real browser: Debian's
// chromium, headless, driven by playwright-core (no browser is downloaded).
//
//   node browser.cjs REPORT.html SHOTS SPEC.json     (tests/report/report.mk)
//   node browser.cjs --render REPORT.html            (make bench: seconds)
//   node browser.cjs --load REPORT.html...           each loads, no error
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

async function render(file) {
	const problems = [];
	const { seconds, close } = await open(file, problems);
	await close();
	if (problems.length) throw new Error(problems.join('; '));
	console.log(`render_seconds=${seconds.toFixed(2)}`);
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

(async () => {
	const argv = process.argv.slice(2);
	if (argv[0] === '--render') {
		await render(argv[1]);
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
