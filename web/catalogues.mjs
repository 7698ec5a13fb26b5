// The catalogues of the web interface: web/msg/LANG/*.json, and the labels of
// msg/LANG/labels.json shared with the command line. Used by web/build.mjs, which
// stops on any fault, and by the browser tests (which look for untranslated text).
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
export const LANGS = ['en', 'nl'];

export const placeholders = (text) =>
	[...text.matchAll(/\{([a-z_][a-z0-9_]*)(\|[^}]*)?\}/g)].map((m) => m[1]).sort().join(',');

function catalogueFiles(lang) {
	const dir = join(here, 'msg', lang);
	const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f));
	return [...files, join(root, 'msg', lang, 'labels.json')];
}

export function loadCatalogues() {
	const cats = {}, inputs = [], faults = [];
	for (const lang of LANGS) {
		cats[lang] = {};
		for (const file of catalogueFiles(lang)) {
			inputs.push(file);
			const obj = JSON.parse(readFileSync(file, 'utf8'));
			for (const [id, text] of Object.entries(obj)) {
				if (id in cats[lang])
					faults.push(`${relative(root, file)}: "${id}" is defined twice`);
				if (typeof text !== 'string' || text.trim() === '')
					faults.push(`${relative(root, file)}: "${id}" has no text`);
				cats[lang][id] = text;
			}
		}
	}
	const [a, b] = LANGS;
	for (const id of Object.keys(cats[a]))
		if (!(id in cats[b])) faults.push(`"${id}" is in ${a} but not in ${b}`);
		else if (placeholders(cats[a][id]) !== placeholders(cats[b][id]))
			faults.push(`"${id}": the placeholders of ${a} and ${b} differ`);
	for (const id of Object.keys(cats[b]))
		if (!(id in cats[a])) faults.push(`"${id}" is in ${b} but not in ${a}`);
	return { cats, inputs, faults };
}
