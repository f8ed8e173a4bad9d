// SPDX-License-Identifier: GPL-2.0
// dom.js - the helpers the page's modules build their elements with. Every
// string from the dataset (names, files, paths) reaches the page as text:
// a text node or textContent, never markup (no innerHTML with data).

// A new <tag> with @props set and @kids appended.
export function el(tag, props = {}, ...kids) {
	const e = document.createElement(tag);
	Object.assign(e, props);
	e.append(...kids);
	return e;
}

// A chart's tooltip: @lines as text, one under the other. ECharts puts a
// formatter's string into the page as HTML; an element it inserts as it is.
export function tip(...lines) {
	const box = el('div', { className: 'km-tip-text' });
	lines.forEach((line, k) => {
		if (k) box.append(el('br'));
		box.append(String(line));
	});
	return box;
}
