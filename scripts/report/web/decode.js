// SPDX-License-Identifier: GPL-2.0
// decode.js - the blocks of the report's data (format 2, written by
// scripts/report/report_pack.c; report_json.c says their layout): base64 of
// zlib's deflate, inflated by the browser's own DecompressionStream, then
// read as varints, doubles and string tables into plain arrays. No DOM
// here (tests/report/decode.mjs runs it under Node.js), no eval: strings
// come out of TextDecoder as data, never markup.

// A block's bytes from base64 (the native decoder where there is one).
export function fromBase64(s) {
	if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(s);
	const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
	const val = new Uint8Array(128).fill(255);
	for (let k = 0; k < 64; k++) val[A.charCodeAt(k)] = k;
	let n = s.length;
	while (n && s[n - 1] === '=') n--;
	const out = new Uint8Array(Math.floor((n * 3) / 4));
	let o = 0;
	for (let i = 0; i < n; i += 4) {
		const q = [0, 1, 2, 3].map((j) => (i + j < n ? val[s.charCodeAt(i + j)] ?? 255 : 0));
		if (q.some((x) => x === 255)) throw new Error('a data block is not base64');
		const v = (q[0] << 18) | (q[1] << 12) | (q[2] << 6) | q[3];
		out[o++] = v >> 16;
		if (o < out.length) out[o++] = (v >> 8) & 255;
		if (o < out.length) out[o++] = v & 255;
	}
	return out;
}

// {raw, z}: its bytes, inflated.
export async function inflate(block) {
	const z = fromBase64(block.z);
	const stream = new Blob([z]).stream().pipeThrough(new DecompressionStream('deflate'));
	const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
	if (bytes.length !== block.raw) throw new Error(`a data block of ${bytes.length} bytes says ${block.raw}`);
	return bytes;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

// Reads a block's varints, string tables and doubles in turn.
export class Reader {
	constructor(bytes) {
		this.b = bytes;
		this.p = 0;
		this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	}

	varint() {
		const b = this.b;
		let p = this.p;
		if (p >= b.length) throw new Error('a data block ends early');
		let c = b[p++];
		let v = c & 127;
		let mul = 128;
		while (c >= 128) {
			if (p >= b.length) throw new Error('a data block ends early');
			c = b[p++];
			v += (c & 127) * mul;
			mul *= 128;
		}
		this.p = p;
		return v;
	}

	// A string table: count, byte length, the strings joined by NUL.
	strings() {
		const n = this.varint();
		const size = this.varint();
		if (this.p + size > this.b.length) throw new Error('a data block ends early');
		const text = utf8.decode(this.b.subarray(this.p, this.p + size));
		this.p += size;
		const out = n ? text.split('\u0000') : [];
		if (out.length !== n) throw new Error('a string table does not hold its count');
		return out;
	}

	// @n text codes over @table: 0 null, 1 its next string, k + 2 string k.
	codes(table, n) {
		const out = new Array(n);
		let next = 0;
		for (let i = 0; i < n; i++) {
			const c = this.varint();
			out[i] = c === 0 ? null : c === 1 ? table[next++] : table[c - 2];
			if (out[i] === undefined) throw new Error('a text code past its table');
		}
		return out;
	}

	float64() {
		if (this.p + 8 > this.b.length) throw new Error('a data block ends early');
		const v = this.view.getFloat64(this.p, true);
		this.p += 8;
		return v;
	}

	end() {
		if (this.p !== this.b.length) throw new Error('a data block has bytes past its end');
	}
}

function unzig(u) {
	return u % 2 ? -(u + 1) / 2 : u / 2;
}

// A column's values, a row each: numbers, strings, or null.
export function decodeColumn(type, bytes, nrows) {
	const r = new Reader(bytes);
	let out;
	if (type === 'text') {
		out = r.codes(r.strings(), nrows);
	} else if (type === 'int') {
		out = new Array(nrows);
		for (let i = 0; i < nrows; i++) {
			const u = r.varint();
			out[i] = u === 0 ? null : unzig(u - 1);
		}
	} else {
		out = new Array(nrows);
		const nulls = r.varint();
		for (let k = 0, row = 0; k < nulls; k++) {
			row += r.varint();
			if (row >= nrows) throw new Error('a null row past the column');
			out[row++] = null;
		}
		for (let i = 0; i < nrows; i++) if (out[i] !== null) out[i] = r.float64();
	}
	r.end();
	return out;
}

// The calls: per function how many (n), each callee (to: a row, or -1-k
// for ext's k-th), the address references' indices into to (addr), ext.
export function decodeCalls(bytes, nfuncs) {
	const r = new Reader(bytes);
	const n = new Int32Array(nfuncs);
	let total = 0;
	for (let i = 0; i < nfuncs; i++) total += n[i] = r.varint();
	const to = new Int32Array(total);
	for (let row = 0, e = 0; row < nfuncs; row++) {
		for (let k = 0; k < n[row]; k++, e++) {
			const u = r.varint();
			to[e] = u % 2 ? -1 - (u - 1) / 2 : row + unzig(u / 2);
		}
	}
	const naddr = r.varint();
	const addr = new Array(naddr);
	for (let k = 0, at = 0; k < naddr; k++) {
		at += r.varint();
		addr[k] = at++;
	}
	const name = r.strings();
	const file = r.codes(r.strings(), name.length);
	r.end();
	return { n, to, addr, ext: { name, file } };
}
