// Pages by address, with the browser's history: /sessions/12 is a page of its
// own that can be bookmarked, reloaded and shared. Each part of the interface
// registers its pages in pages/PART/index.js (see pages/index.js).
import { signal } from './signal.js';

export const location = signal(window.location.pathname + window.location.search);

export function navigate(to, { replace = false } = {}) {
	if (to === location.value) return;
	if (replace) history.replaceState(null, '', to);
	else history.pushState(null, '', to);
	location.value = to;
	window.scrollTo(0, 0);
}

window.addEventListener('popstate', () => {
	location.value = window.location.pathname + window.location.search;
});

// Links within the interface go through navigate (ctrl/meta-click opens a tab as usual).
document.addEventListener('click', (ev) => {
	const a = ev.target.closest && ev.target.closest('a[href]');
	if (!a || a.target || a.hasAttribute('download') || ev.defaultPrevented || ev.button !== 0 ||
	    ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
	const url = new URL(a.href, window.location.href);
	if (url.origin !== window.location.origin || url.pathname.startsWith('/api/')) return;
	ev.preventDefault();
	navigate(url.pathname + url.search);
});

// Whether path ('/sessions/12') matches pattern ('/sessions/:id'); the parameters, or null.
export function match(pattern, path) {
	const p = pattern.split('/').filter(Boolean), s = path.split('?')[0].split('/').filter(Boolean);
	if (p.length !== s.length) return null;
	const params = {};
	for (let i = 0; i < p.length; i++) {
		if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(s[i]);
		else if (p[i] !== s[i]) return null;
	}
	return params;
}

export function query(name) {
	return new URLSearchParams(location.value.split('?')[1] || '').get(name);
}
