// SPDX-License-Identifier: GPL-2.0
// charts.js - distributions of the main columns and C2 against C3, drawn by
// Apache ECharts (canvas, so 100,000 points stay one element). A column
// with a long tail gets bins that grow by a factor (four a decade, one edge
// on C11's limit) and a log scale of counts; a short one a bin per value.
// C11's limits are marked: a dashed line, and the bins past it in red.
// A click on a bin filters the table to it; on a point, picks the function.

import * as echarts from 'echarts/core';
import { CustomChart, ScatterChart } from 'echarts/charts';
import {
	GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TitleComponent,
	TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { STATUS } from './data.js';
import { tip } from './dom.js';

echarts.use([CustomChart, ScatterChart, GridComponent, LegendComponent, MarkAreaComponent,
	MarkLineComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

const BLUE = '#4f7fbf';
const RED = '#cf4b3f';

// The columns drawn, when the dataset has them.
const MAIN = ['cyclomatic', 'halstead_effort', 'locals', 'nesting', 'callers', 'params',
	'nloc', 'cognitive', 'fan_in', 'fan_out', 'frame_bytes', 'code_bytes'];

function shortNumber(v) {
	if (v >= 1e6) return `${+(v / 1e6).toPrecision(3)}M`;
	if (v >= 1e3) return `${+(v / 1e3).toPrecision(3)}k`;
	return `${+v.toPrecision(3)}`;
}

function sortedValues(values, n) {
	const out = [];
	for (let i = 0; i < n; i++) if (values[i] !== null) out.push(values[i]);
	return Float64Array.from(out).sort();
}

// Bins of one column: {edges, counts, log, integer, cut}; value v is in bin
// k when edges[k] <= v < edges[k+1] (integer bins: one value each). Growing
// bins have an edge at cut, where "> limit" starts (limit + 1 for integers).
export function binColumn(sorted, limit, isInt) {
	const n = sorted.length;
	const max = n ? sorted[n - 1] : 0;
	const min = n ? sorted[0] : 0;
	const p50 = n ? sorted[Math.floor(n / 2)] : 0;
	const longTail = max > 40 && max > 20 * Math.max(1, p50);
	let edges;
	if (!longTail && max - min <= 60) {
		edges = [];
		for (let v = Math.floor(min); v <= Math.floor(max) + 1; v++) edges.push(v);
	} else {
		const anchor = limit === undefined ? 1 : isInt ? limit + 1 : limit;
		const lo = Math.max(sorted.find((v) => v > 0) || 1, 1e-9);
		let k = Math.floor(4 * Math.log10(lo / anchor));
		edges = [0];
		while (anchor * 10 ** (k / 4) <= max) edges.push(anchor * 10 ** (k++ / 4));
		edges.push(anchor * 10 ** (k / 4));
		if (isInt) edges = [...new Set(edges.map(Math.ceil))];	// integer data, integer edges
	}
	const counts = new Array(edges.length - 1).fill(0);
	let b = 0;
	for (let i = 0; i < n; i++) {
		while (b < counts.length - 1 && sorted[i] >= edges[b + 1]) b++;
		counts[b]++;
	}
	const integer = !longTail && max - min <= 60;
	const cut = limit === undefined ? undefined : isInt ? limit + 1 : limit;
	return { edges, counts, log: longTail, integer, cut };
}

function histogramOption(col, bins, limit) {
	const { edges, counts, integer } = bins;
	const x = (k) => (integer ? edges[k] : k);	// where bin k starts on the axis
	const past = (k) => bins.cut !== undefined && edges[k] >= bins.cut;
	const bars = counts.map((c, k) => [x(k), c, k]);
	let limitX = limit === undefined ? null : integer ? limit + 0.5 : edges.indexOf(bins.cut);
	if (integer && limitX !== null && limitX > edges[edges.length - 1] - 0.5) limitX = null;	// past the axis
	return {
		animation: false,
		title: { text: col.seed && col.seed.startsWith('C') ? `${col.seed} ${col.key}` : col.key,
			left: 4, top: 2, textStyle: { fontSize: 12, fontWeight: 600 } },
		grid: { left: 44, right: 10, top: 26, bottom: 26 },
		tooltip: {
			className: 'km-tip',
			formatter: (p) => {
				const k = p.value[2];
				const what = integer ? `${col.key} = ${edges[k]}` :
					`${shortNumber(edges[k])} \u2264 ${col.key} < ${shortNumber(edges[k + 1])}`;
				return tip(what, `${p.value[1].toLocaleString('en-US')} functions`);
			},
		},
		xAxis: integer ?
			{ type: 'value', min: edges[0] - 0.5, max: edges[edges.length - 1] - 0.5, minInterval: 1,
				axisLabel: { fontSize: 10, showMinLabel: false, showMaxLabel: false } } :
			{ type: 'value', min: 0, max: counts.length, interval: counts.length > 16 ? 4 : 2,
				axisLabel: { fontSize: 10, formatter: (v) => shortNumber(edges[v] ?? 0) } },
		// onZero off: a value x axis would draw the y axis's line at x = 0, across the bars
		yAxis: bins.log ?
			{ type: 'log', min: 1, logBase: 10, axisLine: { onZero: false },
				axisLabel: { fontSize: 10, formatter: shortNumber } } :
			{ type: 'value', minInterval: 1, axisLine: { onZero: false },
				axisLabel: { fontSize: 10, formatter: shortNumber } },
		series: [{
			type: 'custom',
			data: bars,
			renderItem: (params, api) => {
				const k = api.value(2);
				const c = api.value(1);
				if (!c) return null;
				const w = integer ? 0.5 : 0;
				const a = api.coord([api.value(0) - w, c]);
				const b = api.coord([api.value(0) - w + 1, bins.log ? 1 : 0]);
				return {
					type: 'rect',
					shape: { x: a[0] + 0.5, y: a[1], width: Math.max(1, b[0] - a[0] - 1), height: b[1] - a[1] },
					style: { fill: past(k) ? RED : BLUE },
				};
			},
			markLine: limitX === null || limitX < 0 ? undefined : {
				silent: true, symbol: 'none',
				lineStyle: { color: RED, type: 'dashed' },
				label: { formatter: `> ${shortNumber(limit)}`, fontSize: 10, color: RED },
				data: [{ xAxis: limitX }],
			},
		}],
	};
}

// The main columns the dataset has, in the order they are drawn.
export function distributionKeys(data) {
	return MAIN.filter((key) => data.byKey[key]);
}

// The histogram of column @key into @el (null when it has no value);
// @onBin(key, lo, hi) on a click. One at a time: a million rows make each
// a task of its own, and the page answers between them.
export function drawDistribution(el, data, key, onBin) {
	const col = data.byKey[key];
	const sorted = sortedValues(col.values, data.functions);
	if (!sorted.length) return null;
	const limit = data.raw.limits[key];
	const bins = binColumn(sorted, limit, col.type === 'int');
	const box = document.createElement('div');
	box.className = 'km-chart';
	box.dataset.column = key;
	el.append(box);
	const chart = echarts.init(box, null, { renderer: 'canvas' });
	chart.setOption(histogramOption(col, bins, limit));
	chart.on('click', (p) => {
		const k = p.value[2];
		const [lo, hi] = [bins.edges[k], bins.edges[k + 1]];
		if (bins.integer) onBin(key, lo, lo);
		else if (col.type === 'int') onBin(key, lo, hi - 1);
		else onBin(key, lo, hi - 1e-9 * hi);	// [lo, hi)
	});
	return chart;
}

// Series of the scatter: by --baseline status, else by C11.
function scatterGroups(data) {
	const n = data.functions;
	if (data.baseline) {
		const s = data.baseline.status;
		const colors = { u: '#9db3cf', c: '#8a6fbf', i: '#3e9c5b', w: RED, a: '#e39b2d' };
		return Object.entries(colors).map(([letter, color]) => ({
			name: STATUS[letter], color, test: (i) => s[i] === letter,
		}));
	}
	const score = data.byKey.score ? data.byKey.score.values : new Array(n).fill(1);
	const palette = ['#4f7fbf', '#7aa6c9', '#e0b040', '#e07b39', '#cf4b3f', '#8c1c13'];
	return palette.map((color, k) => ({
		name: `C11 ${(1 - 0.2 * k).toFixed(1)}`, color,
		test: (i) => Math.round((1 - score[i]) / 0.2) === k,
	}));
}

// C2 against C3, both log, C11's limits as lines and the corner they fence.
export function drawScatter(el, data, onPick) {
	if (!data.byKey.cyclomatic || !data.byKey.halstead_effort) return null;
	const c2 = data.byKey.cyclomatic.values;
	const c3 = data.byKey.halstead_effort.values;
	const lim = data.raw.limits;
	let top2 = 10, top3 = 10;
	for (let i = 0; i < data.functions; i++) {
		if (c2[i] > top2) top2 = c2[i];
		if (c3[i] > top3) top3 = c3[i];
	}
	top2 = 10 ** Math.ceil(Math.log10(top2));
	top3 = 10 ** Math.ceil(Math.log10(top3));
	const series = scatterGroups(data).map((g) => {
		const pts = [];
		for (let i = 0; i < data.functions; i++) {
			if (g.test(i) && c2[i] !== null) pts.push([c2[i], Math.max(c3[i], 1), i]);
		}
		return {
			type: 'scatter', name: g.name, data: pts, symbolSize: 4, large: pts.length > 4000,
			itemStyle: { color: g.color, opacity: 0.7 },
		};
	}).filter((s) => s.data.length);
	series.push({
		type: 'scatter', data: [], silent: true,
		markLine: { silent: true, symbol: 'none', lineStyle: { color: RED, type: 'dashed' },
			label: { fontSize: 10, color: RED, position: 'insideEndTop' },
			data: [{ xAxis: lim.cyclomatic, label: { formatter: `C2 > ${lim.cyclomatic}` } },
				{ yAxis: lim.halstead_effort, label: { formatter: `C3 > ${shortNumber(lim.halstead_effort)}` } }] },
		markArea: { silent: true, itemStyle: { color: 'rgba(207,75,63,0.07)' },
			data: [[{ xAxis: lim.cyclomatic, yAxis: lim.halstead_effort }, { xAxis: top2, yAxis: top3 }]] },
	});
	const chart = echarts.init(el, null, { renderer: 'canvas' });
	chart.setOption({
		animation: false,
		title: { text: 'C2 cyclomatic against C3 halstead_effort', left: 4, top: 2,
			textStyle: { fontSize: 12, fontWeight: 600 } },
		legend: { top: 20, left: 4, textStyle: { fontSize: 10 }, itemWidth: 10, itemHeight: 8 },
		grid: { left: 52, right: 30, top: 50, bottom: 30 },
		tooltip: { trigger: 'item', className: 'km-tip', formatter: (p) => (p.value && p.value.length > 2 ?
			tip(data.byKey.name.values[p.value[2]], `C2 ${p.value[0]}, C3 ${shortNumber(c3[p.value[2]])}`) : '') },
		xAxis: { type: 'log', min: 1, max: top2, name: 'C2', nameGap: 4, axisLabel: { fontSize: 10 } },
		yAxis: { type: 'log', min: 1, max: top3, axisLabel: { fontSize: 10, formatter: shortNumber } },
		series,
	});
	chart.on('click', (p) => { if (p.value && p.value.length > 2) onPick(p.value[2]); });
	return chart;
}
