// The language of the interface and the words, dates and numbers in it.
// The language is the user's choice (remembered in this browser), else the
// browser's first language that salescoach speaks, else English. Texts come
// from web/msg/LANG/*.json and the labels of msg/LANG/labels.json, with
// {name} placeholders and plural forms {n|one text|other text}. Each
// language's catalogue is a file of its own (web/build.mjs), loaded when the
// language is first used: a page in Dutch never loads the English words. The
// build refuses a catalogue that lacks an id of the other, so none needs a
// fallback.
import { signal } from './signal.js';

export const LANGS = ['en', 'nl'];
const KEY = 'salescoach.lang';

// The catalogue of each language, as a module of its own ('salescoach:catalogue/LANG').
const modules = {
	en: () => import('salescoach:catalogue/en'),
	nl: () => import('salescoach:catalogue/nl'),
};
const loaded = {};
let words = {}; // the catalogue of lang.value

// The catalogue of l: a promise, asked once (again after a failure).
function catalogue(l) {
	loaded[l] ||= modules[l]().then((m) => m.default, (e) => {
		delete loaded[l];
		throw e;
	});
	return loaded[l];
}

function initial() {
	try {
		const saved = localStorage.getItem(KEY);
		if (LANGS.includes(saved)) return saved;
	} catch { /* storage may be off */ }
	for (const l of navigator.languages || [navigator.language || 'en']) {
		const base = String(l).toLowerCase().slice(0, 2);
		if (LANGS.includes(base)) return base;
	}
	return 'en';
}

export const lang = signal(initial());
document.documentElement.lang = lang.value;

// Settles when the words of the first language are in (the interface waits for it).
export const ready = catalogue(lang.value).then((c) => { words = c; });

// Switches to l once its words are in; the pages follow lang. Resolves to whether it did:
// a switch that cannot load its words changes nothing; of two quick switches the last wins.
let asked = 0;
export async function setLang(l) {
	if (!LANGS.includes(l)) return false;
	const n = ++asked;
	let c;
	try { c = await catalogue(l); } catch { return false; }
	if (n !== asked) return false;
	try { localStorage.setItem(KEY, l); } catch { /* not remembered, still used */ }
	document.documentElement.lang = l;
	words = c;
	lang.value = l;
	return true;
}

// The organisation's time zone (from /api/me); the browser's until it is known.
let zone;
export function setZone(tz) { zone = tz || undefined; }

function plural(n, one, other) {
	return Number(n) === 1 ? one : other;
}

// The text of id in the current language, with params filled in. An id that is
// missing shows as itself, so that the tests that scan the pages find it.
export function t(id, params = {}) {
	const text = words[id];
	if (text === undefined) return id;
	return text.replace(/\{([a-z_][a-z0-9_]*)(?:\|([^|}]*)\|([^}]*))?\}/g, (m, name, one, other) => {
		const v = params[name];
		if (one !== undefined) return plural(v, one, other).replace('#', fmtNumber(v));
		if (v === undefined || v === null) return m;
		return typeof v === 'number' ? fmtNumber(v) : String(v);
	});
}

// Whether id exists (for labels of codes that may have none).
export const has = (id) => id in words;

// The word for a code: label.ENTITY.FIELD.VALUE, else the code itself.
export function label(entity, field, value) {
	const id = `label.${entity}.${field}.${value}`;
	return has(id) ? t(id) : String(value ?? '');
}

const locale = () => (lang.value === 'nl' ? 'nl-NL' : 'en-GB');

export function fmtNumber(n, digits = 1) {
	if (n === null || n === undefined || Number.isNaN(Number(n))) return '–';
	return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(Number(n));
}

export const fmtHours = (h) => t('common.hours', { n: Number(h), h: fmtNumber(h) });

// The parts of an instant or date in the organisation's zone.
function parts(value) {
	const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
		? new Date(value + 'T12:00:00Z') : new Date(value);
	if (Number.isNaN(date.getTime())) return null;
	const dateOnly = typeof value === 'string' && value.length === 10;
	const p = {};
	for (const { type, value: v } of new Intl.DateTimeFormat('en-GB', {
		timeZone: dateOnly ? 'UTC' : zone, year: 'numeric', month: 'numeric', day: 'numeric',
		hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23',
	}).formatToParts(date)) p[type] = v;
	return p;
}

// 5 dec. 2026 / 5 Dec 2026: the month's abbreviation from the catalogue.
export function fmtDate(value) {
	const p = value ? parts(value) : null;
	if (!p) return '–';
	return t('date.format', { d: Number(p.day), m: t(`date.month.${Number(p.month)}`), y: p.year });
}

export function fmtDateTime(value) {
	const p = value ? parts(value) : null;
	if (!p) return '–';
	return t('date.time_format', { date: fmtDate(value), time: `${p.hour}:${p.minute}` });
}

export function fmtTime(value) {
	const p = value ? parts(value) : null;
	return p ? `${p.hour}:${p.minute}` : '–';
}

// A date (YYYY-MM-DD) in the organisation's zone, of an instant or of now.
export function localDate(value = new Date()) {
	const p = parts(value);
	return p ? `${p.year}-${p.month.padStart(2, '0')}-${p.day.padStart(2, '0')}` : '';
}

// An <input type=datetime-local> value (organisation's zone) to what the API takes.
// The API reads a local time without an offset in the organisation's zone.
export const toApiTime = (local) => (local && local.length === 16 ? local + ':00' : local);

// An instant as the value of an <input type=datetime-local>, in the organisation's zone.
export function toLocalInput(value) {
	const p = value ? parts(value) : null;
	return p ? `${localDate(value)}T${p.hour}:${p.minute}` : '';
}
