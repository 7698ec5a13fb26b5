// What the browser tests share: the real program serving a fresh copy of the
// demo organisation over loopback, Debian's Chromium driven headless by
// playwright-core, logging in as a demo person, reading the API as that person
// to check what a page did, axe-core, the untranslated-text scan and the
// screenshots. Run by meson (tests/web/meson.build) with node --test.
//
// SALESCOACH_BIN is the program, SOURCE_DIR the repository, SALESCOACH_NOW the
// server's clock, CHROMIUM the browser (default /usr/bin/chromium);
// SCREENSHOTS=DIR writes the screenshots there (make screenshots: docs/screenshots).
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { loadCatalogues } from '../../web/catalogues.mjs';

const require = createRequire(import.meta.url);
export const BIN = process.env.SALESCOACH_BIN;
export const SOURCE_DIR = process.env.SOURCE_DIR;
export const PASSWORD = 'demo-password';
export const LOGINS = {
	admin: 'admin@salescoach.example',
	executive: 'annelies.devries@vandijk.example',
	manager: 'jeroen.bakker@vandijk.example',
	overloaded: 'sandra.visser@vandijk.example',
	rep: 'lotte.mulder@vandijk.example',
	senior: 'erik.vanleeuwen@vandijk.example',
	internal: 'linda.smit@vandijk.example',
	external: 'kees.mulder@kompas-coaching.example',
};

function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
		s.on('error', reject);
	});
}

async function waitUp(base, server) {
	for (let i = 0; i < 200; i++) {
		if (server.exitCode !== null) throw new Error(`the server stopped (${server.exitCode})`);
		try {
			const r = await fetch(base + '/api/health');
			if (r.ok) return;
		} catch { /* not yet */ }
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error('the server did not answer /api/health within 10 s');
}

// A server on a new copy of the demo: { base, db, dir, stop() }.
// prepare(db), when given, runs on the database before the server opens it.
export async function startServer({ prepare, env } = {}) {
	const dir = mkdtempSync(join(tmpdir(), 'salescoach-web-'));
	const db = join(dir, 'demo.db');
	execFileSync(BIN, ['--db', db, 'demo'], { stdio: 'ignore' });
	if (prepare) await prepare(db);
	const port = await freePort();
	const server = spawn(BIN, ['--db', db, 'serve', '--listen', `127.0.0.1:${port}`],
		{ stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...env } });
	const base = `http://127.0.0.1:${port}`;
	await waitUp(base, server);
	return {
		base, db, dir, server,
		async stop() {
			server.kill('SIGTERM');
			await new Promise((r) => (server.exitCode !== null ? r() : server.on('exit', r)));
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

// Chromium as the machine has it (chromium package); never a downloaded browser.
export async function startBrowser() {
	return chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
}

// A new browser context (its own cookies and storage) speaking lang, width px wide.
export async function newPage(browser, { lang = 'en', width = 1280, height = 860 } = {}) {
	const context = await browser.newContext({
		locale: lang === 'nl' ? 'nl-NL' : 'en-GB',
		viewport: { width, height },
		extraHTTPHeaders: { 'Accept-Language': lang === 'nl' ? 'nl-NL,nl;q=0.9' : 'en-GB,en;q=0.9' },
	});
	const page = await context.newPage();
	const faults = [];
	page.on('pageerror', (e) => faults.push(`page error: ${e.message}`));
	// The browser logs every refused call; a 401 or 4xx answered by the API is the page's
	// business (it shows it), so only other console errors count.
	page.on('console', (m) => {
		if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text()))
			faults.push(`console: ${m.text()}`);
	});
	page.faults = faults;
	return page;
}

// Log in through the login page as email; waits for the first page after it.
export async function login(page, base, email, { next = '/' } = {}) {
	await page.goto(base + next);
	await page.waitForSelector('form input[name=email]');
	await page.fill('input[name=email]', email);
	await page.fill('input[name=password]', PASSWORD);
	await page.click('form button[type=submit]');
	await page.waitForSelector('nav[aria-label]');
	await page.waitForSelector('main h1');
}

// The API as email, to check what a page did: { get(path), post(path, body), ... }.
export async function apiAs(base, email) {
	const r = await fetch(base + '/api/login', {
		method: 'POST', headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ email, password: PASSWORD }),
	});
	if (!r.ok) throw new Error(`login of ${email}: ${r.status}`);
	const { csrf_token: csrf } = await r.json();
	const cookie = r.headers.get('set-cookie').split(';')[0];
	const call = async (method, path, body) => {
		const res = await fetch(base + '/api' + path, {
			method, headers: { Cookie: cookie, 'X-CSRF-Token': csrf, ...(body ? { 'Content-Type': 'application/json' } : {}) },
			body: body ? JSON.stringify(body) : undefined,
		});
		const text = await res.text();
		return { status: res.status, body: text ? JSON.parse(text) : null };
	};
	return {
		get: (p) => call('GET', p), post: (p, b) => call('POST', p, b ?? {}),
		patch: (p, b) => call('PATCH', p, b), del: (p) => call('DELETE', p),
	};
}

// axe-core on the page as it is: the serious and critical violations (none expected).
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export async function axe(page) {
	await page.evaluate(AXE); // evaluated by the browser's debugger: the page's CSP stays as it is
	const result = await page.evaluate(() => window.axe.run(document, {
		runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
	}));
	return result.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

// Texts of the interface that a Dutch page must not show: every English catalogue text that
// differs from its Dutch one (long enough not to be a shared word), and every catalogue id
// (what t() shows for a text that has none).
const { cats } = loadCatalogues();
const englishOnly = Object.keys(cats.en)
	.filter((id) => cats.en[id] !== cats.nl[id] && !/[{}]/.test(cats.en[id]) && cats.en[id].length >= 12)
	.map((id) => cats.en[id]);
const namespaces = [...new Set(Object.keys(cats.en).map((id) => id.split('.')[0]))];
const idPattern = new RegExp(`\\b(?:${namespaces.join('|')})\\.[a-z0-9_]+(?:\\.[a-z0-9_]+)*\\b`, 'g');
export { cats };

export async function untranslated(page) {
	const text = await page.evaluate(() => document.body.innerText);
	const found = englishOnly.filter((s) => text.includes(s));
	const ids = text.match(idPattern) || [];
	return [...found.map((s) => `English text: "${s}"`), ...ids.map((id) => `catalogue id: ${id}`)];
}

// A screenshot named name (e.g. "coach-nl-390") when SCREENSHOTS is set.
export async function screenshot(page, name) {
	const dir = process.env.SCREENSHOTS;
	if (!dir) return;
	mkdirSync(dir, { recursive: true });
	await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
}

// Waits until no loading note is left on the page.
export async function settled(page) {
	await page.waitForFunction(() => !document.querySelector('.loading, [aria-busy="true"]'), null, { timeout: 10000 });
}
