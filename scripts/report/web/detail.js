// SPDX-License-Identifier: GPL-2.0
// detail.js - the panel of one function, opened by a click in the table, the
// scatter or the graph: its name and file:line, its seed record as the
// sidecar holds it, every column (with OLD's value where --baseline moved
// it), its direct callers and callees as links, and the two-hop
// neighbourhood drawn by graph.js.

import { STATUS, exactValue, seedRecord, whereText } from './data.js';
import { drawNeighbourhood } from './graph.js';
import { el } from './dom.js';

function valuesTable(data, r) {
	const rows = [];
	const old = data.baseline ? data.baseline.old : null;
	for (const c of data.cols) {
		if (c.key === 'name') continue;
		const v = c.values[r];
		const cell = el('td', { textContent: exactValue(c, v) });
		if (old && old[c.key] && old[c.key].has(r)) {
			cell.append(el('span', { className: 'km-was', textContent: ` (was ${exactValue(c, old[c.key].get(r))})` }));
		}
		rows.push(el('tr', {},
			el('th', { textContent: c.seed && c.seed.startsWith('C') ? `${c.seed} ${c.key}` : c.key, title: c.doc }),
			cell));
	}
	return el('table', { className: 'km-values' }, el('tbody', {}, ...rows));
}

// Direct callers or callees as links (functions with a record) or names.
function linkList(data, ids, onPick, emptyText) {
	const list = el('ul', { className: 'km-links' });
	const seen = new Set();
	for (const t of ids) {
		if (seen.has(t)) continue;
		seen.add(t);
		if (t >= 0) {
			const a = el('a', { href: '#', textContent: data.byKey.name.values[t],
				title: whereText(data, t) });
			a.onclick = (e) => { e.preventDefault(); onPick(t); };
			list.append(el('li', {}, a, el('span', { className: 'km-where', textContent: ` ${whereText(data, t)}` })));
		} else {
			const k = -1 - t;
			const file = data.graph.ext.file[k];
			list.append(el('li', { className: 'km-ext' }, data.graph.ext.name[k],
				el('span', { className: 'km-where', textContent: file ? ` ${file} (no record)` : ' (external)' })));
		}
	}
	if (!seen.size) list.append(el('li', { className: 'km-none', textContent: emptyText }));
	return list;
}

export function createDetail(panel, data, onPick) {
	const body = el('div', { className: 'km-detail-body' });
	const graphBox = el('div', { className: 'km-graph', id: 'km-graph' });
	const graphNote = el('div', { className: 'km-note' });
	panel.append(el('div', { className: 'km-detail-empty', id: 'km-detail-empty',
		textContent: 'Click a function in the table, a point of the scatter or a node of a graph to see its record, where it is and who calls it.' }),
	body);
	return {
		show(r) {
			panel.querySelector('#km-detail-empty').hidden = true;
			const name = data.byKey.name.values[r];
			const removed = r >= data.functions;
			const head = el('div', { className: 'km-detail-head' },
				el('h2', { id: 'km-detail-name', textContent: name }),
				el('div', { className: 'km-where', id: 'km-detail-where', textContent: whereText(data, r) }));
			if (data.baseline) {
				const word = STATUS[data.baseline.status[r]];
				head.append(el('span', { className: `km-chip km-status-${word}`, textContent: word }));
			}
			const callers = removed ? [] : data.graph.callers(r);
			const callees = removed ? [] : data.graph.callees(r);
			body.replaceChildren(head,
				el('div', { className: 'km-label', textContent: 'record' }),
				el('pre', { className: 'km-record', id: 'km-detail-record', textContent: seedRecord(data, r) }),
				el('div', { className: 'km-label', textContent: 'call graph, two hops (callers \u2190 \u2192 callees)' }),
				graphBox, graphNote,
				el('div', { className: 'km-lists' },
					el('div', { id: 'km-callers' }, el('div', { className: 'km-label', textContent: `callers (${new Set(callers).size})` }),
						linkList(data, callers, onPick, removed ? 'not in this build' : 'none in the scope')),
					el('div', { id: 'km-callees' }, el('div', { className: 'km-label', textContent: `callees (${new Set(callees).size})` }),
						linkList(data, callees, onPick, removed ? 'not in this build' : 'none'))),
				el('div', { className: 'km-label', textContent: 'every column' }),
				valuesTable(data, r));
			if (removed) graphNote.textContent = 'A removed function: only the baseline had it.';
			else if (!data.raw.has_calls) graphNote.textContent = 'This dataset carries no call graph: give the sidecars or an SQLite database.';
			else drawNeighbourhood(graphBox, graphNote, data, r, onPick);
			graphBox.hidden = removed || !data.raw.has_calls;
			body.scrollTop = 0;
		},
	};
}
