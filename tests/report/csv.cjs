// SPDX-License-Identifier: GPL-2.0
// tests/report/csv.cjs - kmetrics-merge --format=csv read back (RFC 4180: a
// cell with ',', '"' or a newline is quoted, '"' doubled): rows of cells,
// the header first. For the tests that hold the page against the csv
// (browser.cjs --rows, decode.mjs).
'use strict';

function parseCsv(text) {
	const rows = [];
	let row = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
		} else if (c === '"') {
			quoted = true;
		} else if (c === ',') {
			row.push(cell);
			cell = '';
		} else if (c === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
		} else if (c !== '\r') {
			cell += c;
		}
	}
	if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
	return rows;
}

module.exports = { parseCsv };
