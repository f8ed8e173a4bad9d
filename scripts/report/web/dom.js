// SPDX-License-Identifier: GPL-2.0
// dom.js - the one helper the page's modules build their elements with.

// A new <tag> with @props set and @kids appended.
export function el(tag, props = {}, ...kids) {
	const e = document.createElement(tag);
	Object.assign(e, props);
	e.append(...kids);
	return e;
}
