// SPDX-License-Identifier: GPL-2.0
// tests/report/decode.mjs - the page's own decoder (scripts/report/web/decode.js,
// the code the browser runs) under Node.js, against the other tools:
//
//   node decode.mjs REPORT.html CSV [CALLS.json]
//
// (run as esbuild bundles it for Node.js: build/tests/report/decode.mjs)
// Every column of every row the page decodes equals kmetrics-merge
// --format=csv's cell (reals as Python's repr: data.js's reprFloat), the
// columns the page lacks are empty in the csv, and with CALLS.json (what
// tests/report/payload.py, the second decoder, reads of the calls) the
// calls decode the same. Node.js has no Uint8Array.fromBase64 (chromium
// has): its fallback is tested here. Exits 1 at the first difference.
import fs from 'fs';
import { decodeCalls, decodeColumn, inflate } from '../../scripts/report/web/decode.js';
import { reprFloat } from '../../scripts/report/web/data.js';
import csv from './csv.cjs';

function fail(msg) {
	console.log(`FAIL: report-decode: ${msg}`);
	process.exit(1);
}

function element(html, id) {
	const open = `<script id="${id}" type="application/json">`;
	const i = html.indexOf(open);
	if (i < 0) fail(`no ${id}`);
	const from = i + open.length;
	return JSON.parse(html.slice(from, html.indexOf('</script>', from)));
}

function asCsv(type, v) {
	if (v === null) return '';
	return type === 'real' ? reprFloat(v) : String(v);
}

async function main([file, csvFile, callsFile]) {
	const html = fs.readFileSync(file, 'utf8');
	const data = element(html, 'km-data');
	const rest = element(html, 'km-data-rest');
	const [head, ...rows] = csv.parseCsv(fs.readFileSync(csvFile, 'utf8'));
	if (data.functions !== rows.length) fail(`${data.functions} functions, the csv has ${rows.length}`);
	const types = Object.fromEntries(data.columns.map((c) => [c.key, c.type]));
	const blocks = { ...data.values, ...rest.values };
	for (const [k, key] of head.entries()) {
		const values = key in types ? decodeColumn(types[key], await inflate(blocks[key]), data.rows) : null;
		for (let i = 0; i < rows.length; i++) {
			const mine = values ? asCsv(types[key], values[i]) : '';
			if (mine !== rows[i][k]) fail(`row ${i} (${rows[i][0]}) ${key}: page ${JSON.stringify(mine)}, csv ${JSON.stringify(rows[i][k])}`);
		}
	}
	const calls = decodeCalls(await inflate(rest.calls), data.functions);
	if (callsFile) {
		const theirs = JSON.parse(fs.readFileSync(callsFile, 'utf8'));
		const mine = { n: [...calls.n], to: [...calls.to], addr: calls.addr, name: calls.ext.name, file: calls.ext.file };
		theirs.name = theirs.ext.name;
		theirs.file = theirs.ext.file;
		for (const k of ['n', 'to', 'addr', 'name', 'file']) {
			if (JSON.stringify(mine[k]) !== JSON.stringify(theirs[k])) fail(`calls.${k}: the page and payload.py differ`);
		}
	}
	console.log(`report-decode: ok: ${file}: ${rows.length} rows, ${head.length} columns as the csv, ` +
		`${calls.to.length} calls${callsFile ? ' as payload.py reads them' : ''}`);
}

main(process.argv.slice(2)).catch((e) => fail(e.stack || e));
