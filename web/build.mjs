// Builds the web interface and embeds it into the program.
//
//   node web/build.mjs OUT.c DEPFILE DISTDIR
//
// Bundles web/src/main.jsx with esbuild (minified, split, no source maps;
// each page and each language's catalogue a file of its own, loaded when
// needed), writes every file with a content-hashed name to DISTDIR (and
// index.html, which names the first ones), compresses each with gzip and brotli, and writes OUT.c:
// the table of src/web/web.h. DEPFILE lists every input, for ninja.
// The catalogues (web/msg/LANG/*.json, and the labels of msg/LANG/labels.json
// shared with the command line) are checked here: an id missing in a language,
// or with other placeholders, stops the build.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { loadCatalogues } from './catalogues.mjs';

let build;
try {
	({ build } = await import('esbuild'));
} catch {
	console.error('web/build.mjs: esbuild is not installed; run `make deps` (npm ci) in the repository first');
	process.exit(1);
}

const here = dirname(fileURLToPath(import.meta.url));
const [outC, depfile, dist] = process.argv.slice(2);
if (!outC || !depfile || !dist) {
	console.error('usage: node web/build.mjs OUT.c DEPFILE DISTDIR');
	process.exit(2);
}

// Each language's catalogue as a module of its own, which web/src/core/i18n.js imports when the
// language is first used: import('salescoach:catalogue/nl') gives { default: { id: text } }.
// The JSON as a string for JSON.parse, which browsers read faster than an object literal.
const cataloguePlugin = (cats) => ({
	name: 'catalogues',
	setup(b) {
		b.onResolve({ filter: /^salescoach:catalogue\/[a-z]+$/ }, (a) => {
			const lang = a.path.split('/')[1];
			if (!cats[lang]) return { errors: [{ text: `no catalogue of the language "${lang}"` }] };
			return { path: `catalogue-${lang}`, namespace: 'sc' };
		});
		b.onLoad({ filter: /.*/, namespace: 'sc' }, (a) => ({
			contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(cats[a.path.slice(10)]))});`,
			loader: 'js',
		}));
	},
});

// ---- bundle ----------------------------------------------------------------------------------

const TYPES = {
	'.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
	'.html': 'text/html; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png',
	'.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8', '.ico': 'image/x-icon',
};
const typeOf = (name) => TYPES[name.slice(name.lastIndexOf('.'))] || 'application/octet-stream';

async function bundle(cats) {
	rmSync(dist, { recursive: true, force: true });
	mkdirSync(join(dist, 'assets'), { recursive: true });
	const result = await build({
		entryPoints: [join(here, 'src', 'main.jsx')],
		bundle: true, splitting: true, format: 'esm', minify: true, sourcemap: false,
		target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
		outdir: join(dist, 'assets'), entryNames: '[name]-[hash]', chunkNames: '[name]-[hash]',
		assetNames: '[name]-[hash]', jsx: 'automatic', jsxImportSource: 'preact',
		legalComments: 'none', metafile: true, write: true, logLevel: 'error',
		define: { 'process.env.NODE_ENV': '"production"' },
		plugins: [cataloguePlugin(cats)],
	});
	const outputs = Object.entries(result.metafile.outputs);
	const entry = outputs.find(([, o]) => o.entryPoint && o.entryPoint.endsWith('main.jsx'));
	const script = '/' + relative(dist, resolve(entry[0]));
	const style = entry[1].cssBundle ? '/' + relative(dist, resolve(entry[1].cssBundle)) : null;
	// The chunks the main script imports (and they in turn): named in the page, so that the
	// browser loads them beside the script rather than after it.
	const byPath = Object.fromEntries(outputs);
	const preload = new Set();
	const follow = (out) => {
		for (const i of byPath[out]?.imports || [])
			if (i.kind === 'import-statement' && !preload.has(i.path)) {
				preload.add(i.path);
				follow(i.path);
			}
	};
	follow(entry[0]);
	const inputs = Object.keys(result.metafile.inputs)
		.filter((p) => !p.startsWith('sc:'))
		.map((p) => resolve(p));
	// What each file holds: the sources under web/src (pages/coach/home.jsx, core/ui.jsx), the
	// npm packages (node_modules/preact), the catalogues (catalogue-nl). Written beside the
	// sizes, for the tests and the benchmark.
	const source = (input) => {
		if (input.startsWith('sc:')) return input.slice(3);
		const rel = relative(join(here, 'src'), resolve(input));
		const m = rel.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
		return m ? `node_modules/${m[1]}` : rel;
	};
	const holds = Object.fromEntries(outputs.map(([out, o]) => ['/' + relative(dist, resolve(out)),
		[...new Set(Object.entries(o.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([i]) => source(i)))].sort()]));
	return { script, style, preload: [...preload].map((p) => '/' + relative(dist, resolve(p))), holds, inputs };
}

function writeIndex(script, style, preload) {
	const template = readFileSync(join(here, 'index.html'), 'utf8');
	const html = template
		.replace('{{script}}', script)
		.replace('{{preload}}', preload.map((p) => `<link rel="modulepreload" href="${p}">\n`).join(''))
		.replace('{{style}}', style || '');
	writeFileSync(join(dist, 'index.html'), html);
}

// ---- embedding -------------------------------------------------------------------------------

function walk(dir) {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]);
}

function cArray(name, bytes) {
	const rows = [];
	for (let i = 0; i < bytes.length; i += 24)
		rows.push('\t' + [...bytes.subarray(i, i + 24)].map((x) => '0x' + x.toString(16).padStart(2, '0')).join(','));
	return `static const unsigned char ${name}[${Math.max(bytes.length, 1)}] = {\n${rows.join(',\n') || '\t0'}\n};\n`;
}

function embed(holds) {
	const files = walk(dist).sort();
	let c = '/* Made by web/build.mjs from web/: the built web interface. Do not edit. */\n' +
		'#include "web/web.h"\n\n';
	const rows = [];
	const sizes = [];
	files.forEach((file, i) => {
		const raw = readFileSync(file);
		const gz = gzipSync(raw, { level: 9 });
		const br = brotliCompressSync(raw, {
			params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
		});
		writeFileSync(file + '.gz', gz);
		writeFileSync(file + '.br', br);
		const path = '/' + relative(dist, file);
		const etag = '"' + createHash('sha256').update(raw).digest('hex').slice(0, 20) + '"';
		c += cArray(`raw${i}`, raw) + cArray(`gz${i}`, gz) + cArray(`br${i}`, br);
		rows.push(`\t{ "${path}", "${typeOf(path)}", raw${i}, gz${i}, br${i}, ${raw.length}, ${gz.length}, ` +
			`${br.length}, "${etag.replace(/"/g, '\\"')}", ${path.startsWith('/assets/')} },`);
		sizes.push({ path, raw: raw.length, gzip: gz.length, brotli: br.length, holds: holds['/' + relative(dist, file)] || [] });
	});
	c += `\nconst struct web_asset web_assets[] = {\n${rows.join('\n')}\n};\n` +
		`const size_t web_nassets = ${files.length};\n`;
	writeFileSync(join(dist, 'sizes.json'), JSON.stringify(sizes, null, 1) + '\n');
	return c;
}

const { cats, inputs: catInputs, faults } = loadCatalogues();
if (faults.length) {
	console.error('web/msg: the catalogues disagree:\n  ' + faults.join('\n  '));
	process.exit(1);
}
const { script, style, preload, holds, inputs } = await bundle(cats);
writeIndex(script, style, preload);
const c = embed(holds);
writeFileSync(outC, c);
// The folders too: a file added to one changes its time, and the interface is built again.
const dirs = (d) => [d, ...readdirSync(d, { withFileTypes: true }).filter((e) => e.isDirectory()).flatMap((e) => dirs(join(d, e.name)))];
const deps = [...new Set([...inputs, ...catInputs, ...dirs(join(here, 'src')), ...dirs(join(here, 'msg')),
	join(here, 'index.html'), join(here, 'catalogues.mjs'), fileURLToPath(import.meta.url)])];
writeFileSync(depfile, `${outC.replace(/ /g, '\\ ')}: ${deps.map((d) => d.replace(/ /g, '\\ ')).join(' \\\n ')}\n`);
