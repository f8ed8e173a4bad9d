// SPDX-License-Identifier: GPL-2.0
// graph.js - a function's call-graph neighbourhood, two hops each way, from
// the companions' calls (in the dataset's scope): callers in the two
// columns on the left, callees on the right, the function in the middle,
// drawn by ECharts' graph series at fixed places (a layout that reads left
// to right as calls flow, the same each time; place() says where). Functions without a record
// (external ones, header inlines) are grey and end the walk; an address
// taken (a callback) is a dashed edge. Each column
// shows at most MAX nodes, the most complex first; a note says how many more.

import * as echarts from 'echarts/core';
import { GraphChart } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { tip } from './dom.js';

echarts.use([GraphChart, TooltipComponent, CanvasRenderer]);

const MAX = [1, 10, 12];	// nodes shown per column at hop 0, 1, 2

// Node ids: "r<row>" for a function with a record, "x<k>" for ext's k-th.
function nodeId(to) { return to >= 0 ? `r${to}` : `x${-1 - to}`; }

// The neighbourhood: columns[-2..2] of node ids, the edges between shown nodes.
export function neighbourhood(data, row) {
	const g = data.graph;
	const c2 = data.byKey.cyclomatic ? data.byKey.cyclomatic.values : [];
	const rank = (id) => (id[0] === 'r' ? c2[+id.slice(1)] ?? 0 : -1);
	const cols = { 0: [nodeId(row)] };
	const hidden = {};
	const edges = new Map();	// "from>to" -> 'c' call or 'a' address taken
	for (const dir of [1, -1]) {
		let frontier = [row];
		for (let hop = 1; hop <= 2; hop++) {
			const seen = new Set();
			for (const r of frontier) {
				const next = dir > 0 ? g.callees(r) : g.callers(r);
				next.forEach((t, k) => {
					if (t === row) return;
					const id = nodeId(t);
					seen.add(id);
					if (dir > 0) edges.set(`${nodeId(r)}>${id}`, g.kind(r, k));
					else if (!edges.has(`${id}>${nodeId(r)}`)) edges.set(`${id}>${nodeId(r)}`, 'c');
				});
			}
			const all = [...seen].filter((id) => !Object.values(cols).some((c) => c.includes(id)));
			all.sort((a, b) => rank(b) - rank(a));
			cols[dir * hop] = all.slice(0, MAX[hop]);
			hidden[dir * hop] = all.length - cols[dir * hop].length;
			frontier = cols[dir * hop].filter((id) => id[0] === 'r').map((id) => +id.slice(1));
		}
	}
	const shown = new Set(Object.values(cols).flat());
	const links = [...edges].map(([e, kind]) => [...e.split('>'), kind])
		.filter(([a, b]) => shown.has(a) && shown.has(b));
	return { cols, hidden, links };
}

function label(data, id) {
	if (id[0] === 'r') return data.byKey.name.values[+id.slice(1)];
	return data.graph.ext.name[+id.slice(1)];
}

// Places in pixels of the box (w x h): the function in the middle, direct
// callers and callees a step to each side with their names outward, those
// two hops away at the edges as dots (names on hover).
function place(w, h, c, k, n) {
	const x = w / 2 + Math.sign(c) * (Math.abs(c) === 1 ? 0.16 : 0.46) * w;
	const step = Math.min(Math.abs(c) === 2 ? 20 : 26, (h - 24) / Math.max(1, n - 1));
	return [x, h / 2 + (k - (n - 1) / 2) * step];
}

function graphOption(data, row, nb, w, h) {
	const nodes = [];
	for (const [c, ids] of Object.entries(nb.cols)) {
		const x = Number(c);
		ids.forEach((id, k) => {
			const isRow = id[0] === 'r';
			const c2 = isRow && data.byKey.cyclomatic ? data.byKey.cyclomatic.values[+id.slice(1)] : 0;
			const [px, py] = place(w, h, x, k, ids.length);
			nodes.push({
				id, name: label(data, id), x: px, y: py,
				symbolSize: x === 0 ? 16 : Math.abs(x) === 2 ? 6 : 6 + Math.min(8, Math.sqrt(c2)),
				itemStyle: { color: x === 0 ? '#cf4b3f' : isRow ? '#4f7fbf' : '#b5b5b5' },
				label: { show: Math.abs(x) < 2, position: x < 0 ? 'left' : x > 0 ? 'right' : 'bottom',
					fontSize: 10, color: isRow ? '#1d2b3a' : '#7a7a7a', width: 0.27 * w,
					overflow: 'truncate' },
				value: isRow ? `C2 ${c2}` : 'no record here (external or header inline)',
			});
		});
	}
	// the box's corners: one pixel is one unit, whatever the columns hold
	for (const [id, x, y] of [['_nw', 0, 0], ['_se', w, h]]) {
		nodes.push({ id, name: '', x, y, symbolSize: 0, label: { show: false }, itemStyle: { opacity: 0 } });
	}
	return {
		animation: false,
		tooltip: { className: 'km-tip',
			formatter: (p) => (p.dataType === 'node' && p.data.value ? tip(p.data.name, p.data.value) : '') },
		series: [{
			type: 'graph', layout: 'none', roam: true, nodeScaleRatio: 0, nodes,
			left: 0, right: 0, top: 0, bottom: 0,
			links: nb.links.map(([source, target, kind]) => ({
				source, target, lineStyle: kind === 'a' ? { type: 'dashed' } : undefined,
			})),
			edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 5,
			lineStyle: { color: '#9aa7b6', width: 1, curveness: 0.08, opacity: 0.7 },
			emphasis: { focus: 'adjacency', label: { show: true } },
		}],
	};
}

// The graph of @row into @el; a click on a function with a record picks it.
export function drawNeighbourhood(el, note, data, row, onPick) {
	const nb = neighbourhood(data, row);
	let chart = echarts.getInstanceByDom(el);
	if (!chart) {
		chart = echarts.init(el, null, { renderer: 'canvas' });
		chart.on('click', (p) => {
			if (p.dataType === 'node' && p.data.id[0] === 'r') el.km_pick(+p.data.id.slice(1));
		});
	}
	el.km_pick = onPick;
	chart.resize();
	chart.setOption(graphOption(data, row, nb, el.clientWidth, el.clientHeight), true);
	const more = [[-2, 'callers two hops away'], [-1, 'callers'], [1, 'callees'],
		[2, 'callees two hops away']].filter(([c]) => nb.hidden[c] > 0)
		.map(([c, what]) => `${nb.hidden[c]} more ${what}`);
	note.textContent = more.length ? `Not drawn: ${more.join(', ')}.` : '';
	return nb;
}
