// SPDX-License-Identifier: GPL-2.0
// main.js - the page of kmetrics-report: reads the data, lays out the header
// (what was measured and by what: the companions' provenance), the table
// with its toolbar and the function panel, then the charts. The table comes
// first: the charts are drawn once its rows are on the screen.

import './style.css';
import { loadData } from './data.js';
import { createFilter, createToolbar } from './filters.js';
import { createTable } from './table.js';
import { createDetail } from './detail.js';
import { distributionKeys, drawDistribution, drawScatter } from './charts.js';
import { el } from './dom.js';

function plural(n, word) {
	return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

// "gcc 12.2.0 (x86_64-linux-gnu), plugin 0.1, kernel 6.1.0: 38 objects".
function provenanceText(p) {
	const parts = [];
	if (p.gcc) parts.push(`gcc ${p.gcc}${p.target ? ` (${p.target})` : ''}`);
	if (p.plugin) parts.push(`kmetrics plugin ${p.plugin}`);
	if (p.kernel) parts.push(`Linux ${p.kernel}`);
	return `${parts.join(', ')}: ${plural(p.objects, 'object')}`;
}

// "from 38 inputs under build/linux/", the list one click away.
function inputsLine(inputs) {
	if (inputs.length <= 3) return el('div', { className: 'km-inputs', textContent: `from ${inputs.join(' ')}` });
	let prefix = inputs[0];
	for (const p of inputs) while (!p.startsWith(prefix)) prefix = prefix.slice(0, -1);
	prefix = prefix.slice(0, prefix.lastIndexOf('/') + 1);
	return el('details', { className: 'km-inputs' },
		el('summary', { textContent: `from ${inputs.length} inputs${prefix ? ` under ${prefix}` : ''}` }),
		inputs.join(' '));
}

function scopeText(raw) {
	if (!raw.has_calls) return 'no call graph in this dataset (a csv or json file)';
	if (raw.scope === 'build') return 'call graph scope: the whole build';
	if (raw.scope === 'tu') return 'call graph scope: each translation unit';
	return 'call graph scope: as the dataset was made';
}

function header(data) {
	const raw = data.raw;
	const what = raw.objects ? `${plural(raw.functions, 'function')} in ${plural(raw.objects, 'object')}` :
		plural(raw.functions, 'function');
	const facts = el('ul', { className: 'km-facts', id: 'km-facts' },
		el('li', { textContent: what }),
		el('li', { textContent: scopeText(raw) }));
	for (const p of raw.provenance) facts.append(el('li', { className: 'km-prov', textContent: provenanceText(p) }));
	if (!raw.provenance.length) facts.append(el('li', { textContent: 'compiler not recorded (no version 2 companions)' }));
	const head = el('header', { className: 'km-header' },
		el('h1', { textContent: raw.title }),
		facts,
		inputsLine(raw.inputs));
	if (data.baseline) {
		const b = data.baseline;
		head.append(el('div', { className: 'km-inputs', id: 'km-baseline',
			textContent: `compared with ${b.inputs.join(' ')} (${plural(b.functions, 'function')}, ` +
				`matched by ${b.by_file ? 'file and name' : 'name'}): ` +
				Object.entries(b.counts).filter(([, n]) => n).map(([w, n]) => `${n} ${w}`).join(', ') }));
	}
	head.append(el('div', { className: 'km-generator', textContent: raw.generator }));
	return head;
}

function main(data) {
	const app = document.getElementById('km-app');
	const filter = createFilter(data);
	let table = null;
	// what reads every column waits for them all (data.loadRest)
	const pick = (r) => data.loadRest().then(() => { detail.show(r); if (table) table.select(r); });
	const toolbar = createToolbar(data, filter, () => data.loadRest().then(() => table.refilter()));
	const gridBox = el('div', { className: 'km-grid', id: 'km-grid' });
	const panel = el('aside', { className: 'km-detail', id: 'km-detail' });
	const charts = el('section', { className: 'km-charts', id: 'km-charts' });
	const scatter = el('div', { className: 'km-scatter', id: 'km-scatter' });
	app.append(header(data),
		el('section', { className: 'km-main' },
			el('div', { className: 'km-left' }, toolbar.element, gridBox), panel),
		el('h2', { className: 'km-section', textContent: 'Distributions (C11\u2019s limits dashed, past them in red; click a bin to filter the table)' }),
		el('div', { className: 'km-chartrow' }, charts, scatter));
	const detail = createDetail(panel, data, pick);
	table = createTable(gridBox, data, filter, (r) => data.loadRest().then(() => detail.show(r)),
		(n) => toolbar.showCount(n));
	const onBin = (key, lo, hi) => {
		filter.state.ranges.push({ key, min: lo, max: hi });
		toolbar.redrawRanges();
		table.refilter();
		gridBox.scrollIntoView({ behavior: 'smooth' });
	};
	// once the first rows are painted: the other columns, every row, then the
	// charts, each a task of its own (the page answers between them)
	const later = (f) => new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(f()), 0)));
	const drawn = [];
	let steps = table.shown.then(() => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.mark('km-first-row')))))
		.then(() => later(() => data.loadRest()))
		.then(() => later(() => table.fill()));
	for (const key of distributionKeys(data)) steps = steps.then(() => later(() => drawn.push(drawDistribution(charts, data, key, onBin))));
	steps = steps.then(() => later(() => {
		drawn.push(drawScatter(scatter, data, pick));
		const all = drawn.filter(Boolean);
		window.addEventListener('resize', () => all.forEach((c) => c.resize()));
		document.body.dataset.chartsReady = '1';
	}));
	// then what a first pick reads: the call graph and every column, a task each
	steps = steps.then(() => later(() => data.graph));
	for (const c of data.cols) steps = steps.then(() => later(() => c.values));
}

loadData().then(main, (e) => {
	document.getElementById('km-app').textContent = `This report could not be read: ${e.message}`;
	throw e;
});
