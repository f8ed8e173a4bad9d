// SPDX-License-Identifier: GPL-2.0
// data.js - the report's data as the page uses it: read from the JSON that
// kmetrics-report wrote into two <script type="application/json"> elements
// (scripts/report/report_json.c says their shape): km-data before the
// page's script, with the blocks of the table's first screen, and
// km-data-rest after it, which the browser may still be reading when the
// script starts. A column's block is inflated by the browser's zlib (the
// first screen's before the table is drawn, the others once its rows are
// on the screen: loadRest) and decoded into an array the first time a view
// reads it; the call graph (adjacency both ways: callees from the data,
// callers built here) is made when a function is first picked. Also the
// formatting of values (reals as Python's repr, as the records print them).

import { decodeCalls, decodeColumn, inflate } from './decode.js';

function readJson(id) {
	return JSON.parse(document.getElementById(id).textContent);
}

// The whole document parsed (the data's second part is there).
function parsed() {
	if (document.readyState !== 'loading') return Promise.resolve();
	return new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
}

export async function loadData() {
	const raw = readJson('km-data');
	if (raw.format !== 2) throw new Error(`data of format ${raw.format}: this page reads format 2`);
	const nrows = raw.rows;
	const cols = raw.columns.map((c) => lazyColumn(c, nrows));
	const byKey = Object.fromEntries(cols.map((c) => [c.key, c]));
	const load = (blocks) => Promise.all(Object.entries(blocks).map(async ([key, b]) => {
		if (!byKey[key] || byKey[key].loaded) throw new Error(`a block for column ${key}`);
		byKey[key].load(await inflate(b));
	}));
	await load(raw.values);
	raw.values = null;	// the base64 text is no longer needed
	const data = {
		raw, nrows, cols, byKey,
		functions: raw.functions,	// rows below this are the measured build's
		baseline: raw.baseline ? decodeBaseline(raw.baseline, byKey, nrows) : null,
	};
	let callBytes = null;
	let rest = null;
	let graph = null;
	// every block inflated: a promise, the same one each call
	data.loadRest = () => rest || (rest = (async () => {
		await parsed();
		const more = readJson('km-data-rest');
		await load(more.values);
		callBytes = await inflate(more.calls);
		const missing = cols.filter((c) => !c.loaded).map((c) => c.key);
		if (missing.length) throw new Error(`no block for the columns ${missing.join(', ')}`);
	})());
	Object.defineProperty(data, 'graph', {
		get() {
			if (!graph) {
				if (!callBytes) throw new Error('the calls were read before they were loaded');
				graph = buildGraph(decodeCalls(callBytes, raw.functions), raw.functions);
				callBytes = null;
			}
			return graph;
		},
	});
	return data;
}

// A column: its values in an array (numbers, strings or null), decoded
// from its block (given by load()) on first use.
function lazyColumn(c, nrows) {
	let bytes = null;
	const col = { ...c, numeric: c.type !== 'text', loaded: false };
	col.load = (b) => { bytes = b; col.loaded = true; };
	Object.defineProperty(col, 'values', {
		configurable: true,
		enumerable: true,
		get() {
			if (!bytes) throw new Error(`the column ${c.key} was read before it was loaded`);
			const values = decodeColumn(c.type, bytes, nrows);
			bytes = null;
			Object.defineProperty(col, 'values', { value: values, enumerable: true });
			return values;
		},
	});
	return col;
}

// --baseline: each row's status letter, OLD's values where they moved.
function decodeBaseline(b, byKey, nrows) {
	const old = {};
	for (const [key, vals] of Object.entries(b.old.values)) {
		const m = new Map();
		b.old.rows.forEach((row, k) => { if (vals[k] !== null) m.set(row, vals[k]); });
		old[key] = m;
	}
	return { ...b, old, smaller: new Set(b.smaller_is_worse) };
}

export const STATUS = {
	a: 'added', r: 'removed', w: 'worsened', i: 'improved', c: 'changed', u: 'unchanged',
};

// Callees row by row (CSR from calls.n and calls.to) and callers the other way.
function buildGraph(calls, nfuncs) {
	const start = new Int32Array(nfuncs + 1);
	for (let i = 0; i < nfuncs; i++) start[i + 1] = start[i] + calls.n[i];
	const to = calls.to;
	const inCount = new Int32Array(nfuncs + 1);
	for (let e = 0; e < to.length; e++) if (to[e] >= 0) inCount[to[e] + 1]++;
	for (let i = 0; i < nfuncs; i++) inCount[i + 1] += inCount[i];
	const from = new Int32Array(inCount[nfuncs]);
	const fill = inCount.slice();
	for (let r = 0; r < nfuncs; r++) {
		for (let e = start[r]; e < start[r + 1]; e++) {
			if (to[e] >= 0) from[fill[to[e]]++] = r;
		}
	}
	const addr = new Set(calls.addr);
	return {
		callees(r) { return r < nfuncs ? to.subarray(start[r], start[r + 1]) : []; },
		// 'a' when the k-th callee of r is an address taken, else 'c'
		kind(r, k) { return addr.has(start[r] + k) ? 'a' : 'c'; },
		callers(r) { return r < nfuncs ? from.subarray(inCount[r], inCount[r + 1]) : []; },
		ext: calls.ext,
	};
}

// Python's repr of a double: shortest digits, fixed from 1e-4 up to 1e16.
export function reprFloat(x) {
	if (!Number.isFinite(x)) return String(x);
	if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
	const [mant, expText] = x.toExponential().split('e');
	const exp = Number(expText);
	const neg = mant.startsWith('-');
	const digits = mant.replace('-', '').replace('.', '');
	let s;
	if (exp < -4 || exp >= 16) {
		const m = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
		s = m + 'e' + (exp < 0 ? '-' : '+') + String(Math.abs(exp)).padStart(2, '0');
	} else if (exp < 0) {
		s = '0.' + '0'.repeat(-exp - 1) + digits;
	} else if (digits.length <= exp + 1) {
		s = digits + '0'.repeat(exp + 1 - digits.length) + '.0';
	} else {
		s = digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
	}
	return neg ? '-' + s : s;
}

// A cell as the table shows it: integers as they are, reals shortened.
export function formatValue(col, v) {
	if (v === null || v === undefined) return '';
	if (col.type === 'real') {
		if (col.key === 'score') return v.toFixed(1);
		return Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(2);
	}
	if (col.type === 'int' && Math.abs(v) >= 10000 && !col.key.endsWith('line')) return v.toLocaleString('en-US');
	return String(v);
}

// A cell exactly as the dataset writes it.
export function exactValue(col, v) {
	if (v === null || v === undefined) return '';
	return col.type === 'real' ? reprFloat(v) : String(v);
}

// The seed record of row r: NAME : C1 : ... : C11 ：LABEL (SPEC.md).
export function seedRecord(data, r) {
	const keys = ['params', 'cyclomatic', 'halstead_effort', 'age_days', 'depth', 'callees',
		'callers', 'self_calls', 'locals', 'nesting', 'score'];
	const parts = [data.byKey.name.values[r]];
	for (const k of keys) {
		const c = data.byKey[k];
		parts.push(c ? exactValue(c, c.values[r]) : '?');
	}
	const label = data.byKey.label ? data.byKey.label.values[r] : 0;
	return parts.join(' : ') + ' \uff1a' + label;
}

// Where row r is: file:line, or what is known of it.
export function whereText(data, r) {
	const f = data.byKey.file ? data.byKey.file.values[r] : null;
	const l = data.byKey.line ? data.byKey.line.values[r] : null;
	if (!f) return data.byKey.object ? (data.byKey.object.values[r] || '') : '';
	return l === null ? f : `${f}:${l}`;
}
