// The one way the interface reaches salescoach: the JSON HTTP API under /api/,
// with the session cookie and its CSRF token, in the interface's language.
import { lang } from './i18n.js';
import { signal } from './signal.js';

// The caller (/api/me) once signed in; null when not, undefined while unknown.
export const me = signal(undefined);
let csrf = null;

// Raised when a call finds the session ended: the app shows the login page and
// comes back to where the user was (forms keep their drafts, see form.js).
export const expired = signal(false);

export function setSession(m) {
	if (m && m.csrf_token) csrf = m.csrf_token;
	me.value = m;
}

export class ApiError extends Error {
	constructor(status, body) {
		const e = (body && body.error) || {};
		super(e.message || `HTTP ${status}`);
		this.status = status;
		this.code = e.code || 'http';
		this.field = e.field || null;
		this.details = e;
		this.body = body; // the whole answer: an import's refusal carries its report
	}
}

function withLang(path) {
	return path + (path.includes('?') ? '&' : '?') + 'lang=' + lang.value;
}

// method, path under /api (e.g. '/sessions?limit=5'), body (an object, or a FormData sent as
// multipart/form-data: a file) → the JSON answer.
// Throws ApiError; a 401 on anything but the login also marks the session ended.
export async function call(method, path, body, { quiet401 = false } = {}) {
	const headers = { Accept: 'application/json' };
	const form = typeof FormData !== 'undefined' && body instanceof FormData;
	if (body !== undefined && !form) headers['Content-Type'] = 'application/json';
	if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
	let res;
	try {
		res = await fetch('/api' + withLang(path), {
			method, headers, credentials: 'same-origin',
			body: body === undefined || form ? body : JSON.stringify(body),
		});
	} catch {
		throw new ApiError(0, { error: { code: 'network', message: '' } });
	}
	const text = res.status === 204 ? '' : await res.text();
	let data = null;
	try { data = text ? JSON.parse(text) : null; } catch { data = null; }
	if (!res.ok) {
		if (res.status === 401 && !quiet401) expired.value = true;
		throw new ApiError(res.status, data);
	}
	return data;
}

export const get = (path, opts) => call('GET', path, undefined, opts);
export const post = (path, body) => call('POST', path, body ?? {});
export const patch = (path, body) => call('PATCH', path, body);
export const del = (path) => call('DELETE', path);

// Every page of a list (the API gives at most 500 at a time).
export async function getAll(path, max = 5000) {
	const items = [];
	for (let offset = 0; offset < max;) {
		const sep = path.includes('?') ? '&' : '?';
		const page = await get(`${path}${sep}limit=500&offset=${offset}`);
		items.push(...page.items);
		offset += page.items.length;
		if (!page.items.length || offset >= page.total) break;
	}
	return items;
}

export async function login(email, password) {
	const m = await call('POST', '/login', { email, password }, { quiet401: true });
	csrf = m.csrf_token;
	const full = await get('/me');
	setSession({ ...full, csrf_token: csrf });
	expired.value = false;
	return full;
}

export async function logout() {
	try { await call('POST', '/logout', {}, { quiet401: true }); } catch { /* ended already */ }
	csrf = null;
	me.value = null;
}

// Who is signed in, if anyone (at start).
export async function whoami() {
	try {
		setSession(await get('/me', { quiet401: true }));
	} catch (e) {
		if (e.status !== 401) throw e;
		me.value = null;
	}
	return me.value;
}

export const hasRole = (...roles) => !!me.value && roles.some((r) => me.value.roles.includes(r));
