// The speed of the web interface (make bench-web, docs/benchmarks.md "Web interface"):
//
//  (a) the compressed bytes of everything a page loads, as headless Chromium receives them
//      (CDP Network.loadingFinished encodedDataLength: body and headers), with brotli (what
//      Chromium asks for) and with gzip only (Accept-Encoding: gzip): the login page, and each
//      role's main page opened after logging in, with the browser's cache off; of it, the
//      API's answers and the scripts;
//  (b) the time from navigation to the first render of the coach's main page (/coaching as
//      linda.smit@vandijk.example) until the coachee list is on screen, beside the time of the
//      bare GET /api/me/coachees (node fetch with the session cookie) in the same run, the two
//      taking turns, median of BENCH_WEB_RUNS (20) each.
//
//   SALESCOACH_BIN=build/salescoach SALESCOACH_NOW=2026-11-28T12:00:00Z node bench/web.mjs
//
// The server is the real program on a fresh copy of the demo (tests/web/harness.mjs).
import { cpus, loadavg } from 'node:os';
import { startServer, startBrowser, newPage, login, settled, apiAs, LOGINS } from '../tests/web/harness.mjs';

// The server (started later, with this environment) keeps its request log to itself.
process.env.SALESCOACH_HTTP_LOG ??= '0';

const RUNS = Number(process.env.BENCH_WEB_RUNS || 20);
const BUDGET = 100 * 1024; // the aim: a main page under 100 KB compressed in all
const AIM_MS = 300; // the aim: the coach's first render under 300 ms

const PAGES = [
	{ who: null, role: 'login', path: '/login' },
	{ who: LOGINS.rep, role: 'rep', path: '/me' },
	{ who: LOGINS.internal, role: 'coach', path: '/coaching' },
	{ who: LOGINS.manager, role: 'manager', path: '/team' },
	{ who: LOGINS.admin, role: 'admin', path: '/alerts' },
	{ who: LOGINS.executive, role: 'executive', path: '/report' },
];

const median = (xs) => {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => `${n.toFixed(1)} ms`;
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

// Everything a page loads: { requests, bytes, api, scripts, encodings, notFound } with the cache off.
async function measurePage(browser, base, { who, path }, encoding) {
	const page = await newPage(browser, { lang: 'nl' });
	if (encoding) await page.context().setExtraHTTPHeaders({ 'Accept-Encoding': encoding });
	if (who) await login(page, base, who, { next: path });
	const fresh = await page.context().newPage();
	const cdp = await page.context().newCDPSession(fresh);
	await cdp.send('Network.enable');
	await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
	const urls = new Map(), encodings = new Map();
	let bytes = 0, api = 0, scripts = 0, requests = 0;
	cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
	cdp.on('Network.responseReceived', (e) => {
		const h = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
		if (!new URL(e.response.url).pathname.startsWith('/api/'))
			encodings.set(new URL(e.response.url).pathname, h['content-encoding'] || 'identity');
	});
	cdp.on('Network.loadingFinished', (e) => {
		requests++;
		bytes += e.encodedDataLength;
		const path = new URL(urls.get(e.requestId) || base).pathname;
		if (path.startsWith('/api/')) api += e.encodedDataLength;
		if (path.endsWith('.js')) scripts += e.encodedDataLength;
	});
	await fresh.goto(base + path, { waitUntil: 'networkidle' });
	await fresh.waitForSelector('main h1');
	await settled(fresh);
	await fresh.waitForLoadState('networkidle');
	const notFound = (await fresh.textContent('main h1')) === 'Pagina niet gevonden';
	await page.context().close();
	return { requests, bytes, api, scripts, encodings: [...new Set(encodings.values())], notFound };
}

// Marks the moment the coach's page shows its list: a heading, no loading note, and, when the
// page asked for /api/me/coachees, its answer in. Installed before any of the page's code.
function readyProbe() {
	let asked = false, answered = false;
	const f = window.fetch;
	window.fetch = function (input, ...rest) {
		const url = String(input && input.url ? input.url : input);
		if (!url.includes('/api/me/coachees')) return f.call(this, input, ...rest);
		asked = true;
		return f.call(this, input, ...rest).then((r) => {
			r.clone().text().then(() => { answered = true; check(); });
			return r;
		});
	};
	function check() {
		if (window.__benchReady) return;
		const shown = document.querySelector('main h1') && !document.querySelector('.loading, [aria-busy="true"]');
		if (!shown || (asked && !answered)) return;
		// Where the time went: the document and scripts (DOMContentLoaded), the caller (/api/me).
		const at = performance.now();
		const nav = performance.getEntriesByType('navigation')[0];
		const me = performance.getEntriesByType('resource').find((e) => /\/api\/me\?/.test(e.name));
		window.__benchReady = { at, asked, dcl: nav ? nav.domContentLoadedEventEnd : null, me: me ? me.responseEnd : null };
	}
	new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
}

async function firstRender(context, base, { cold }) {
	const page = await context.newPage();
	if (cold) {
		const cdp = await context.newCDPSession(page);
		await cdp.send('Network.enable');
		await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
	}
	await page.goto(base + '/coaching', { waitUntil: 'commit' });
	await page.waitForFunction(() => window.__benchReady, null, { timeout: 10000, polling: 20 });
	const r = await page.evaluate(() => window.__benchReady);
	await page.close();
	return r;
}

// The browser's own cost of a navigation on this machine: a new tab opening a small file of
// the same server that runs no script (the page's style sheet), to its DOMContentLoaded.
async function floor(context, url) {
	const page = await context.newPage();
	await page.goto(url, { waitUntil: 'domcontentloaded' });
	const t = await page.evaluate(() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd);
	await page.close();
	return t;
}

async function timeApi(api) {
	const t0 = performance.now();
	const r = await api.get('/me/coachees');
	const t = performance.now() - t0;
	if (r.status !== 200) throw new Error(`GET /api/me/coachees: ${r.status}`);
	return t;
}

const srv = await startServer();
const browser = await startBrowser();
try {
	console.log(`salescoach web interface: ${cpus().length} CPUs (${cpus()[0]?.model.trim()}), Chromium ${browser.version()}, node ${process.version}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
	console.log(`\n(a) What each page loads after logging in, the browser's cache off (aim: under ${kb(BUDGET)} in all)\n`);
	console.log(`${pad('role', 10)}${pad('page', 11)}${lpad('requests', 9)}${lpad('brotli', 11)}${lpad('of it API', 11)}${lpad('scripts', 11)}${lpad('gzip', 11)}${lpad('of it API', 11)}  aim`);
	for (const p of PAGES) {
		const br = await measurePage(browser, srv.base, p, null);
		const gz = await measurePage(browser, srv.base, p, 'gzip');
		const note = [br.encodings.join('/') !== 'br' ? `files sent as ${br.encodings.join('/')}` : '',
			gz.encodings.join('/') !== 'gzip' ? `gzip pass got ${gz.encodings.join('/')}` : '',
			br.notFound ? 'no such page yet' : ''].filter(Boolean).join('; ');
		const ok = Math.max(br.bytes, gz.bytes) < BUDGET ? 'met' : 'NOT met';
		console.log(`${pad(p.role, 10)}${pad(p.path, 11)}${lpad(br.requests, 9)}${lpad(kb(br.bytes), 11)}${lpad(kb(br.api), 11)}${lpad(kb(br.scripts), 11)}` +
			`${lpad(kb(gz.bytes), 11)}${lpad(kb(gz.api), 11)}  ${ok}${note ? `  (${note})` : ''}`);
	}

	// (b) the coach's first render, warm and cold cache, beside the bare API call.
	const page = await newPage(browser, { lang: 'nl' });
	const context = page.context();
	await context.addInitScript(readyProbe);
	await login(page, srv.base, LOGINS.internal, { next: '/coaching' });
	await page.close();
	const api = await apiAs(srv.base, LOGINS.internal);
	const sheet = (await (await fetch(srv.base + '/')).text()).match(/\/assets\/[^"']+\.css/)[0];
	await firstRender(context, srv.base, { cold: false });
	await timeApi(api);
	await floor(context, srv.base + sheet);
	const warm = [], cold = [], calls = [], dcl = [], me = [], bare = [];
	let asked = true;
	for (let i = 0; i < RUNS; i++) {
		const w = await firstRender(context, srv.base, { cold: false });
		calls.push(await timeApi(api));
		const c = await firstRender(context, srv.base, { cold: true });
		warm.push(w.at);
		if (w.dcl) dcl.push(w.dcl);
		if (w.me) me.push(w.me);
		cold.push(c.at);
		bare.push(await floor(context, srv.base + sheet));
		asked &&= w.asked && c.asked;
	}
	await context.close();
	const mApi = median(calls);
	console.log(`\n(b) /coaching as ${LOGINS.internal}: navigation to the coachee list on screen, ${RUNS} runs each (aim: under ${AIM_MS} ms)\n`);
	console.log(`${pad('', 40)}${lpad('median', 10)}${lpad('best', 10)}${lpad('/ API', 8)}  aim`);
	const line = (name, xs, aim) => console.log(`${pad(name, 40)}${lpad(ms(median(xs)), 10)}${lpad(ms(Math.min(...xs)), 10)}` +
		`${lpad((median(xs) / mApi).toFixed(1), 8)}  ${aim ? (median(xs) < AIM_MS ? 'met' : 'NOT met') : ''}`);
	line('first render, cache warm', warm, true);
	line('first render, cache off', cold, true);
	if (dcl.length) line('  of it: to DOMContentLoaded, cache warm', dcl, false);
	if (me.length) line('  of it: to GET /api/me answered, warm', me, false);
	line('GET /api/me/coachees (node fetch)', calls, false);
	line('a new tab opening a file without script', bare, false);
	console.log(`\nload average at the end: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
	if (!asked) console.log('\nnote: the page did not call /api/me/coachees: the time is that of its heading alone.');
} finally {
	await browser.close();
	await srv.stop();
}
