// SPDX-License-Identifier: GPL-2.0
// table.js - every function with every column: AG Grid Community, which
// renders only the rows and columns in view (100,000 rows stay fast), sorts
// by any column (C2 highest first when the page opens) and filters through
// the toolbar's text and numeric ranges (filters.js) and its own column menus.
// With --baseline each row is marked by its status and moved numbers show
// their delta beside them.

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
		valueGetter: (p) => col.values[p.data.i],	// decoded on first use
		valueFormatter: (p) => formatValue(col, p.value),
		filter: col.numeric ? 'agNumberColumnFilter' : 'agTextColumnFilter',
		cellRenderer: col.numeric ? deltaRenderer(data, col) : undefined,
		width: col.numeric ? Math.max(84, 7.5 * headerName(col).length + 62) : 180,
	};
	if (col.numeric) def.type = 'numericColumn';
	if (col.key === 'name') Object.assign(def, { pinned: 'left', width: 250, cellClass: 'km-name' });
	if (col.key === 'file') def.width = 230;
	if (col.key === 'line') def.width = 76;
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

// The grid in @el; @filter decides which rows pass, @onPick(row) on a click.
export function createTable(el, data, filter, onPick, onCount) {
	const cols = columnOrder(data.cols).map((c) => columnDef(data, c));
	if (data.baseline) cols.unshift(statusColumn(data));
	const rows = new Array(data.nrows);
	for (let i = 0; i < data.nrows; i++) rows[i] = { i };
	const api = createGrid(el, {
		theme,
		columnDefs: cols,
		rowData: rows,
		getRowId: (p) => String(p.data.i),
		defaultColDef: { sortable: true, resizable: true, sortingOrder: ['desc', 'asc', null] },
		valueCache: true,
		animateRows: false,
		suppressCellFocus: true,
		tooltipShowDelay: 300,
		rowSelection: { mode: 'singleRow', checkboxes: false, enableClickSelection: true },
		rowClassRules: rowClassRules(data),
		isExternalFilterPresent: () => filter.active(),
		doesExternalFilterPass: (node) => filter.pass(node.data.i),
		onRowClicked: (e) => onPick(e.data.i),
		onModelUpdated: (e) => onCount(e.api.getDisplayedRowCount()),
	});
	return {
		api,
		refilter() { api.onFilterChanged(); },
		select(row) {
			const node = api.getRowNode(String(row));
			if (!node) return;
			node.setSelected(true, true);
			if (node.rowIndex !== null) api.ensureIndexVisible(node.rowIndex, 'middle');
		},
	};
}
