// SPDX-License-Identifier: GPL-2.0
// table.js - every function with every column: AG Grid Community, which
// renders only the rows and columns in view (100,000 rows stay fast), sorts
// by any column (C2 highest first when the page opens) and filters through
// the toolbar's text and numeric ranges (filters.js) and its own column menus.
// With --baseline each row is marked by its status and moved numbers show
// their delta beside them. A million rows: the rows come in the opening
// order (C2's, made here in one pass), the first screen's few first and
// the rest once they show (AG Grid makes a node a row: seconds at that
// size); every column compares as AG Grid does, ties in the data's order,
// so the order given changes no sort.

import {
	AllCommunityModule, ModuleRegistry, createGrid, themeQuartz,
} from 'ag-grid-community';
import { formatValue, STATUS } from './data.js';

ModuleRegistry.registerModules([AllCommunityModule]);

const theme = themeQuartz.withParams({
	fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif',
	fontSize: 12,
	headerFontSize: 12,
	rowHeight: 26,
	headerHeight: 32,
	spacing: 5,
	accentColor: '#2f6fb0',
});

// The name, where it is, the seed columns (C1..C11, LABEL), then the rest.
function columnOrder(cols) {
	const first = ['name', 'file', 'line'];
	const head = first.map((k) => cols.find((c) => c.key === k)).filter(Boolean);
	const seed = cols.filter((c) => c.seed && c.key !== 'name');
	const rest = cols.filter((c) => !c.seed && !first.includes(c.key));
	return [...head, ...seed, ...rest];
}

function headerName(c) {
	if (c.seed && c.seed.startsWith('C')) return `${c.seed} ${c.key}`;
	return c.key;
}

function columnWidth(col) {
	const fixed = { name: 250, file: 230, line: 76 };
	if (fixed[col.key]) return fixed[col.key];
	return col.type !== 'text' ? Math.max(84, 7.5 * headerName(col).length + 62) : 180;
}

// Past BIG rows the table opens with the first STAGE rows of its order.
const BIG = 20000;
const STAGE = 400;

// AG Grid's comparison of two values (null the least), and with it the
// comparator of every column: ties in the data's order, whichever way.
function compareValues(a, b) {
	if (a == null) return b == null ? 0 : -1;
	if (b == null) return 1;
	return a > b ? 1 : a < b ? -1 : 0;
}

function comparator(a, b, nodeA, nodeB, descending) {
	const d = nodeA.data.i - nodeB.data.i;
	return compareValues(a, b) || (descending ? -d : d);
}

// The rows as the table opens: C2 highest first, nulls last, ties in the
// data's order (a counting sort when C2 spans a few million values).
function openingOrder(data) {
	const n = data.nrows;
	const order = new Int32Array(n);
	const col = data.byKey.cyclomatic;
	for (let i = 0; i < n; i++) order[i] = i;
	if (!col) return order;
	const v = col.values;
	let lo = Infinity, hi = -Infinity;
	for (let i = 0; i < n; i++) {
		if (v[i] === null) continue;
		if (v[i] < lo) lo = v[i];
		if (v[i] > hi) hi = v[i];
	}
	if (!(hi - lo < 1 << 22) || !Number.isInteger(lo) || !Number.isInteger(hi)) {
		return order.sort((a, b) => compareValues(v[b], v[a]) || a - b);
	}
	const start = new Int32Array(hi - lo + 3);	// by hi - v; nulls last
	const slot = (x) => (x === null ? hi - lo + 1 : hi - x);
	for (let i = 0; i < n; i++) start[slot(v[i]) + 1]++;
	for (let k = 1; k < start.length; k++) start[k] += start[k - 1];
	for (let i = 0; i < n; i++) order[start[slot(v[i])]++] = i;
	return order;
}

// A moved number with its delta beside it: red when worse, green when better.
function deltaRenderer(data, col) {
	const old = data.baseline && data.baseline.old[col.key];
	if (!old) return undefined;
	const smaller = data.baseline.smaller.has(col.key);
	return (p) => {
		const text = formatValue(col, p.value);
		if (!old.has(p.data.i) || p.value === null) return text;
		const d = p.value - old.get(p.data.i);
		const worse = smaller ? d < 0 : d > 0;
		const span = document.createElement('span');
		span.textContent = text;
		const delta = document.createElement('span');
		delta.className = `km-delta ${worse ? 'km-worse' : 'km-better'}`;
		const abs = Math.abs(d);
		const shown = Number.isInteger(abs) ? abs : formatValue(col, abs);
		delta.textContent = `${d > 0 ? '+' : '\u2212'}${shown}`;
		delta.title = `was ${old.get(p.data.i)}`;
		span.append(' ', delta);
		return span;
	};
}

function columnDef(data, col) {
	const def = {
		colId: col.key,
		headerName: headerName(col),
		headerTooltip: `${col.seed ? col.seed + ': ' : ''}${col.doc}`,
		// decoded on first use; a column not in the first screen's part of the data is blank until loaded
		valueGetter: (p) => (col.loaded ? col.values[p.data.i] : undefined),
		valueFormatter: (p) => formatValue(col, p.value),
		filter: col.numeric ? 'agNumberColumnFilter' : 'agTextColumnFilter',
		cellRenderer: col.numeric ? deltaRenderer(data, col) : undefined,
		width: columnWidth(col),
	};
	if (col.numeric) def.type = 'numericColumn';
	if (col.key === 'name') Object.assign(def, { pinned: 'left', cellClass: 'km-name' });
	if (col.key === 'cyclomatic') def.sort = 'desc';
	return def;
}

function statusColumn(data) {
	const status = data.baseline.status;
	return {
		colId: 'status',
		headerName: 'status',
		headerTooltip: 'what --baseline says of it: added, removed, worsened, improved, changed, unchanged',
		valueGetter: (p) => STATUS[status[p.data.i]],
		pinned: 'left',
		width: 100,
		filter: 'agTextColumnFilter',
		cellClass: (p) => `km-status km-status-${p.value}`,
	};
}

function rowClassRules(data) {
	if (!data.baseline) return undefined;
	const s = data.baseline.status;
	const rules = {};
	for (const [letter, word] of Object.entries(STATUS)) {
		if (letter !== 'u' && letter !== 'c') rules[`km-row-${word}`] = (p) => s[p.data.i] === letter;
	}
	return rules;
}

// The grid in @el; @filter decides which rows pass, @onPick(row) on a
// click; the promise shown is kept once the first rows are on the screen.
export function createTable(el, data, filter, onPick, onCount) {
	const cols = columnOrder(data.cols).map((c) => columnDef(data, c));
	if (data.baseline) cols.unshift(statusColumn(data));
	const order = openingOrder(data);
	const rows = new Array(data.nrows);
	const pos = new Int32Array(data.nrows);	// AG Grid's row id: the place in rows
	for (let k = 0; k < data.nrows; k++) {
		rows[k] = { i: order[k] };
		pos[order[k]] = k;
	}
	let filled = data.nrows <= BIG;	// every row given to the grid
	let rendered;
	const shown = new Promise((resolve) => { rendered = resolve; });
	const api = createGrid(el, {
		theme,
		columnDefs: cols,
		rowData: data.nrows > BIG ? rows.slice(0, STAGE) : rows,
		defaultColDef: { sortable: true, resizable: true, sortingOrder: ['desc', 'asc', null], comparator },
		valueCache: true,
		animateRows: false,
		suppressCellFocus: true,
		tooltipShowDelay: 300,
		rowSelection: { mode: 'singleRow', checkboxes: false, enableClickSelection: true },
		rowClassRules: rowClassRules(data),
		isExternalFilterPresent: () => filter.active(),
		doesExternalFilterPass: (node) => filter.pass(node.data.i),
		onRowClicked: (e) => onPick(e.data.i),
		onModelUpdated: (e) => onCount(filled ? e.api.getDisplayedRowCount() : null),
		onFirstDataRendered: () => rendered(),
	});
	if (!data.nrows) rendered();	// no row to render
	return {
		api,
		shown,
		// every row, once every column is loaded
		// every row, once every column is loaded
		fill() {
			filled = true;
			if (data.nrows > BIG) api.setGridOption('rowData', rows);
			api.expireValueCache();
			api.refreshCells({ force: true });
		},
		refilter() { api.onFilterChanged(); },
		select(row) {
			const node = api.getRowNode(String(pos[row]));
			if (!node) return;
			node.setSelected(true, true);
			if (node.rowIndex !== null) api.ensureIndexVisible(node.rowIndex, 'middle');
		},
	};
}
