// SPDX-License-Identifier: GPL-2.0
// filters.js - the table's toolbar: a text that the name or the file must
// contain, numeric ranges on any number column (each a chip that removes
// itself), and with --baseline the statuses shown. The state decides which
// rows pass; the table asks it (AG Grid's external filter).

import { STATUS } from './data.js';
import { el } from './dom.js';

export function createFilter(data) {
	let hay = null;		// lower-cased "name file" of each row, made on first use
	const state = { text: '', ranges: [], statuses: new Set() };

	function haystack() {
		if (!hay) {
			const names = data.byKey.name.values;
			const files = data.byKey.file ? data.byKey.file.values : null;
			hay = new Array(data.nrows);
			for (let i = 0; i < data.nrows; i++) {
				hay[i] = `${names[i]}\u0000${files ? files[i] || '' : ''}`.toLowerCase();
			}
		}
		return hay;
	}

	return {
		state,
		active() {
			return state.text !== '' || state.ranges.length > 0 || state.statuses.size > 0;
		},
		pass(i) {
			if (state.text && !haystack()[i].includes(state.text)) return false;
			for (const r of state.ranges) {
				const v = data.byKey[r.key].values[i];
				if (v === null || v < r.min || v > r.max) return false;
			}
			if (state.statuses.size && !state.statuses.has(data.baseline.status[i])) return false;
			return true;
		},
	};
}

// A bound as the chip shows it: six digits at most.
function bound(v) {
	return String(+v.toPrecision(6));
}

// "cyclomatic \u2265 20", "locals \u2264 5", "20 \u2264 cyclomatic \u2264 40".
function rangeText(r) {
	if (r.min === -Infinity) return `${r.key} \u2264 ${bound(r.max)}`;
	if (r.max === Infinity) return `${r.key} \u2265 ${bound(r.min)}`;
	return `${bound(r.min)} \u2264 ${r.key} \u2264 ${bound(r.max)}`;
}

function parseBound(text, fallback) {
	const t = text.trim();
	if (t === '') return fallback;
	const v = Number(t);
	return Number.isFinite(v) ? v : NaN;
}

// The range row: column, from, to, add; the ranges as chips.
function rangeControls(data, filter, changed) {
	const numeric = data.cols.filter((c) => c.numeric);
	const select = el('select', { id: 'km-range-col', title: 'a number column' },
		...numeric.map((c) => el('option', {
			value: c.key, textContent: c.seed && c.seed.startsWith('C') ? `${c.seed} ${c.key}` : c.key,
		})));
	select.value = 'cyclomatic';
	const min = el('input', { id: 'km-range-min', type: 'text', placeholder: 'from', size: 6 });
	const max = el('input', { id: 'km-range-max', type: 'text', placeholder: 'to', size: 6 });
	const chips = el('span', { className: 'km-chips' });
	const add = el('button', { id: 'km-range-add', type: 'button', textContent: 'add range' });
	const redraw = () => {
		chips.replaceChildren(...filter.state.ranges.map((r, k) => el('button', {
			type: 'button', className: 'km-chip', title: 'remove this range',
			textContent: `${rangeText(r)} \u00d7`,
			onclick: () => { filter.state.ranges.splice(k, 1); redraw(); changed(); },
		})));
	};
	const addRange = () => {
		const lo = parseBound(min.value, -Infinity);
		const hi = parseBound(max.value, Infinity);
		if (Number.isNaN(lo) || Number.isNaN(hi) || (lo === -Infinity && hi === Infinity)) {
			min.classList.toggle('km-bad', Number.isNaN(lo));
			max.classList.toggle('km-bad', Number.isNaN(hi));
			return;
		}
		min.classList.remove('km-bad');
		max.classList.remove('km-bad');
		filter.state.ranges.push({ key: select.value, min: lo, max: hi });
		min.value = max.value = '';
		redraw();
		changed();
	};
	add.onclick = addRange;
	for (const i of [min, max]) i.onkeydown = (e) => { if (e.key === 'Enter') addRange(); };
	return { element: el('span', { className: 'km-ranges' }, select, min, max, add, chips), redraw };
}

// Status toggles (--baseline): each shows its count; none pressed shows all.
function statusControls(data, filter, changed) {
	const counts = data.baseline.counts;
	const box = el('span', { className: 'km-statuses' });
	for (const [letter, word] of Object.entries(STATUS)) {
		if (!counts[word]) continue;
		const b = el('button', {
			type: 'button', className: `km-chip km-status-${word}`,
			textContent: `${counts[word]} ${word}`, title: `show only the ${word} functions (toggle)`,
		});
		b.dataset.status = word;
		b.onclick = () => {
			const s = filter.state.statuses;
			if (s.has(letter)) s.delete(letter); else s.add(letter);
			b.classList.toggle('km-on', s.has(letter));
			changed();
		};
		box.append(b);
	}
	return box;
}

// The toolbar above the table; @changed() after every change of the filter.
export function createToolbar(data, filter, changed) {
	const text = el('input', {
		id: 'km-filter-text', type: 'search', placeholder: 'filter: name or file contains\u2026',
		size: 32,
	});
	let timer = 0;
	text.oninput = () => {
		clearTimeout(timer);
		timer = setTimeout(() => {
			filter.state.text = text.value.trim().toLowerCase();
			changed();
		}, 120);
	};
	const count = el('span', { id: 'km-row-count', className: 'km-count' });
	const ranges = rangeControls(data, filter, changed);
	const bar = el('div', { className: 'km-toolbar' }, text, ranges.element);
	if (data.baseline) bar.append(statusControls(data, filter, changed));
	bar.append(count);
	return {
		element: bar,
		redrawRanges: ranges.redraw,
		// null: the table has not taken every row yet
		showCount(n) {
			const all = data.nrows.toLocaleString('en-US');
			count.textContent = n === null ? `loading ${all} functions\u2026` : `${n.toLocaleString('en-US')} of ${all} functions`;
		},
	};
}
