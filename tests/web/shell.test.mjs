// The frame of the web interface in a real browser: how it is served (headers, caching,
// compression), the login page in both languages, a rejected login that keeps what was
// typed, keyboard-only use, the language switch that is remembered, an ended session that
// comes back to where the user was with their draft, and axe-core on the login page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { startServer, startBrowser, newPage, login, axe, untranslated, screenshot, settled, LOGINS, PASSWORD, apiAs, BIN, cats } from './harness.mjs';

// What each built file holds (web/build.mjs writes it beside the files): path -> sources.
const holds = Object.fromEntries(JSON.parse(readFileSync(join(dirname(BIN), 'web-dist', 'sizes.json'), 'utf8'))
	.map((f) => [f.path, f.holds]));

// The files under /assets/ that page loads from now on.
function assetsOf(page) {
	const seen = [];
	page.on('request', (r) => {
		const path = new URL(r.url()).pathname;
		if (path.startsWith('/assets/')) seen.push(path);
	});
	return seen;
}

let srv, browser;
before(async () => {
	srv = await startServer();
	browser = await startBrowser();
});
after(async () => {
	await browser?.close();
	await srv?.stop();
});

test('every page and file carries the security headers, and no policy allows inline code', async () => {
	for (const path of ['/', '/login', '/sessions/12', '/api/health', '/assets/none.js']) {
		const r = await fetch(srv.base + path);
		const csp = r.headers.get('content-security-policy');
		assert.ok(csp, `${path}: no Content-Security-Policy`);
		assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, path);
		assert.match(csp, /frame-ancestors 'none'/, path);
		assert.match(csp, /script-src 'self'/, path);
		assert.equal(r.headers.get('x-content-type-options'), 'nosniff', path);
		assert.equal(r.headers.get('referrer-policy'), 'no-referrer', path);
	}
});

test('the page is never cached stale; hashed files are cached for a year, compressed, with ETag', async () => {
	const page = await fetch(srv.base + '/');
	assert.equal(page.status, 200);
	assert.equal(page.headers.get('cache-control'), 'no-cache');
	const html = await page.text();
	const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
	assert.ok(files.some((f) => /\/assets\/main-[A-Z0-9]{8}\.js$/.test(f)), `no hashed script in ${html}`);
	assert.ok(files.some((f) => /\.css$/.test(f)), 'no stylesheet');
	for (const f of files) {
		const plain = await fetch(srv.base + f, { headers: { 'Accept-Encoding': 'identity' } });
		assert.equal(plain.status, 200, f);
		assert.match(plain.headers.get('cache-control'), /max-age=31536000, immutable/, f);
		const body = await plain.arrayBuffer();
		assert.doesNotMatch(Buffer.from(body).toString(), /sourceMappingURL|node:test/, `${f} ships a source map or test code`);
		const etag = plain.headers.get('etag');
		assert.match(etag, /^"[0-9a-f]{20}"$/);
		const again = await fetch(srv.base + f, { headers: { 'If-None-Match': etag } });
		assert.equal(again.status, 304, `${f}: If-None-Match`);
		for (const coding of ['gzip', 'br']) {
			// node's fetch decodes the body: compare the decoded bytes with the plain ones.
			const c = await fetch(srv.base + f, { headers: { 'Accept-Encoding': coding } });
			assert.equal(c.headers.get('content-encoding'), coding, `${f} in ${coding}`);
			assert.ok(Buffer.from(await c.arrayBuffer()).equals(Buffer.from(body)), `${f}: ${coding} decodes to the file`);
		}
	}
	// Each element of Accept-Encoding is weighed on its own; q=0 (also 0.0) refuses a coding.
	const [script] = files.filter((f) => f.endsWith('.js'));
	const weighed = async (ae) => (await fetch(srv.base + script, { headers: { 'Accept-Encoding': ae } })).headers.get('content-encoding');
	assert.equal(await weighed('br;q=1, gzip;q=0'), 'br');
	assert.equal(await weighed('br;q=0.0, gzip'), 'gzip');
	assert.equal(await weighed('br;q=0, gzip;q=0'), null);
	const missing = await fetch(srv.base + '/assets/main-00000000.js');
	assert.equal(missing.status, 404);
	const post = await fetch(srv.base + '/', { method: 'POST' });
	assert.equal(post.status, 405);
});

// One request with node:http, which (unlike fetch) leaves the body as it came: { status, headers, body }.
function raw(url, { method = 'GET', headers = {} } = {}) {
	return new Promise((resolve, reject) => {
		const req = request(url, { method, headers }, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
		});
		req.on('error', reject);
		req.end();
	});
}

test('large API answers come gzip-compressed to a client that takes gzip, and read the same', async () => {
	const r = await fetch(srv.base + '/api/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ email: LOGINS.manager, password: PASSWORD }) });
	const cookie = r.headers.get('set-cookie').split(';')[0];
	const url = srv.base + '/api/people?limit=100';
	const plain = await raw(url, { headers: { Cookie: cookie } });
	assert.equal(plain.status, 200);
	assert.equal(plain.headers['content-encoding'], undefined, 'no Accept-Encoding: plain JSON');
	assert.equal(plain.headers.vary, 'Accept-Encoding');
	const people = JSON.parse(plain.body.toString());
	assert.ok(people.items.some((p) => p.name === 'Lotte Mulder'), 'the list holds the team');
	assert.ok(plain.body.length > 1024, `a large answer (${plain.body.length} bytes)`);

	const gz = await raw(url, { headers: { Cookie: cookie, 'Accept-Encoding': 'gzip, deflate, br' } });
	assert.equal(gz.status, 200);
	assert.equal(gz.headers['content-encoding'], 'gzip');
	assert.equal(gz.headers.vary, 'Accept-Encoding');
	assert.equal(Number(gz.headers['content-length']), gz.body.length);
	assert.ok(gz.body.length < plain.body.length / 2, `${gz.body.length} bytes gzip against ${plain.body.length} plain`);
	assert.deepEqual(JSON.parse(gunzipSync(gz.body).toString()), people, 'decodes to the same JSON');

	for (const ae of ['gzip;q=0', 'gzip;q=0.0, br', 'identity', 'br']) {
		const refused = await raw(url, { headers: { Cookie: cookie, 'Accept-Encoding': ae } });
		assert.equal(refused.headers['content-encoding'], undefined, `Accept-Encoding: ${ae}`);
		assert.deepEqual(JSON.parse(refused.body.toString()), people, ae);
	}
	// HEAD: the headers of the GET (RFC 9110), and no body.
	const head = await raw(url, { method: 'HEAD', headers: { Cookie: cookie, 'Accept-Encoding': 'gzip' } });
	assert.equal(head.headers['content-encoding'], 'gzip');
	assert.equal(head.headers['content-length'], gz.headers['content-length']);
	assert.equal(head.body.length, 0);
	// Small answers and errors stay plain.
	const small = await raw(srv.base + '/api/health', { headers: { 'Accept-Encoding': 'gzip' } });
	assert.equal(small.headers['content-encoding'], undefined);
	assert.ok(JSON.parse(small.body.toString()));
	const denied = await raw(url, { headers: { 'Accept-Encoding': 'gzip' } });
	assert.equal(denied.status, 401);
	assert.equal(JSON.parse(denied.body.toString()).error.code.length > 0, true);
});

test('the login page speaks the browser\'s language, and the switch is remembered', async () => {
	const nl = await newPage(browser, { lang: 'nl' });
	await nl.goto(srv.base + '/');
	await nl.waitForSelector('main h1');
	assert.equal(await nl.textContent('main h1'), 'Inloggen');
	assert.equal(await nl.getAttribute('html', 'lang'), 'nl');
	assert.deepEqual(await untranslated(nl), []);
	await screenshot(nl, 'login-nl-1280');
	// The switch loads the English words (the Dutch page had none of them) and shows them.
	await nl.click('button[lang=en]');
	await nl.waitForSelector('main h1:text-is("Log in")', { timeout: 5000 });
	assert.equal(await nl.getAttribute('html', 'lang'), 'en');
	assert.match(await nl.textContent('main'), /Log in with the e-mail address/);
	await nl.reload();
	await nl.waitForSelector('main h1');
	assert.equal(await nl.textContent('main h1'), 'Log in', 'the choice of English is kept over a reload');
	assert.deepEqual(nl.faults, []);
	await nl.context().close();

	const en = await newPage(browser, { lang: 'en', width: 390 });
	await en.goto(srv.base + '/');
	await en.waitForSelector('main h1');
	assert.equal(await en.textContent('main h1'), 'Log in');
	await screenshot(en, 'login-en-390');
	assert.deepEqual(await axe(en), []);
	await en.context().close();
});

test('a page loads the words of its language only, and a switch loads the other\'s', async () => {
	for (const [lang, other, heading] of [['nl', 'en', 'Inloggen'], ['en', 'nl', 'Log in']]) {
		const page = await newPage(browser, { lang });
		const files = assetsOf(page);
		await page.goto(srv.base + '/login');
		await page.waitForSelector(`main h1:text-is("${heading}")`);
		assert.ok(files.some((f) => holds[f]?.includes(`catalogue-${lang}`)), `${lang}: its words loaded (${files})`);
		assert.ok(!files.some((f) => holds[f]?.includes(`catalogue-${other}`)), `${lang}: the ${other} words loaded too (${files})`);
		assert.ok(files.every((f) => holds[f]), `${lang}: every file is one of the build's (${files})`);
		// Signed in, the frame's switch changes the navigation and the page without a reload.
		await login(page, srv.base, LOGINS.rep);
		const nav = await page.textContent('nav');
		await page.evaluate(() => { window.notReloaded = true; });
		await page.click(`button[lang=${other}]`);
		await page.waitForFunction((n) => document.querySelector('nav').textContent !== n, nav, { timeout: 5000 });
		assert.equal(await page.evaluate(() => window.notReloaded), true, 'no reload');
		assert.equal(await page.getAttribute('html', 'lang'), other);
		assert.ok(files.some((f) => holds[f]?.includes(`catalogue-${other}`)), `${other} words loaded on the switch`);
		const names = await page.$$eval('nav a', (as) => as.map((a) => a.textContent));
		assert.deepEqual(names.slice(0, 2), [cats[other]['nav.rep.home'], cats[other]['nav.rep.sessions']]);
		assert.notDeepEqual(cats[other]['nav.rep.home'], cats[lang]['nav.rep.home']);
		if (other === 'nl') assert.deepEqual(await untranslated(page), []);
		assert.deepEqual(page.faults, []);
		await page.context().close();
	}
});

test('a coach\'s first page loads no code of the other roles\' pages', async () => {
	const page = await newPage(browser, { lang: 'nl' });
	await login(page, srv.base, LOGINS.internal, { next: '/coaching' });
	const fresh = await page.context().newPage();
	const files = assetsOf(fresh);
	await fresh.goto(srv.base + '/coaching');
	await fresh.waitForSelector('main h1:text-is("Mijn coachees")');
	await fresh.waitForFunction(() => !document.querySelector('.loading, [aria-busy="true"]'));
	assert.match(await fresh.textContent('main'), /Marloes/, 'the coachee list is on screen');
	const sources = files.filter((f) => f.endsWith('.js')).flatMap((f) => holds[f] || []);
	assert.ok(sources.includes('pages/coach/home.jsx'), `the coach's page came (${files})`);
	const others = sources.filter((x) => /^pages\/(admin|executive|manager|records|rep)\//.test(x) && !x.endsWith('/index.js') ||
		x.startsWith('node_modules/uplot') || x === 'catalogue-en');
	assert.deepEqual(others, [], 'the code of other roles\' pages, or the English words');
	// Opened later, a page the coach shares with the administrator (the alerts) loads its code
	// then; when that code cannot be loaded the page says so, and the next opening loads it.
	const alerts = Object.keys(holds).filter((f) => holds[f].includes('pages/admin/alerts.jsx'));
	await fresh.route((url) => alerts.includes(url.pathname), (r) => r.abort());
	await fresh.click('nav a[href="/alerts"]');
	assert.match(await (await fresh.waitForSelector('main [role=alert]')).textContent(), /niet bereikbaar/);
	await fresh.unrouteAll();
	await fresh.click('nav a[href="/account"]');
	await fresh.waitForSelector('main h1:text-is("Mijn account")');
	await fresh.click('nav a[href="/alerts"]');
	await fresh.waitForSelector('main h1:text-is("Signaleringen")');
	await fresh.waitForFunction(() => !document.querySelector('.loading, [aria-busy="true"]'));
	assert.ok(!files.flatMap((f) => holds[f] || []).includes('pages/admin/advisor.jsx'), 'not the advisor');
	assert.deepEqual(page.faults, []);
	await page.context().close();
});

test('a wrong password is refused beside the form, and the e-mail address stays typed', async () => {
	const nl = await newPage(browser, { lang: 'nl' });
	await nl.goto(srv.base + '/login');
	await nl.fill('input[name=email]', LOGINS.rep);
	await nl.fill('input[name=password]', 'niet-het-wachtwoord');
	await nl.click('form button[type=submit]');
	assert.match(await (await nl.waitForSelector('[role=alert]')).textContent(), /wachtwoord klopt niet/);
	assert.deepEqual(await untranslated(nl), []);
	await nl.context().close();

	const page = await newPage(browser, { lang: 'en' });
	await page.goto(srv.base + '/login');
	await page.fill('input[name=email]', LOGINS.rep);
	await page.fill('input[name=password]', 'not-the-password');
	await page.click('form button[type=submit]');
	const note = await page.waitForSelector('[role=alert]');
	assert.match(await note.textContent(), /password|e-mail/i);
	assert.equal(await page.inputValue('input[name=email]'), LOGINS.rep);
	assert.equal(await page.$('nav[aria-label]'), null, 'not signed in');
	await page.context().close();
});

test('keyboard only: tab to the fields, type, Enter logs in; focus is visible', async () => {
	const page = await newPage(browser, { lang: 'en' });
	await page.goto(srv.base + '/login');
	await page.waitForSelector('input[name=email]');
	// From the top of the page: the language switch, then the two fields.
	let focused = '';
	for (let i = 0; i < 6 && focused !== 'email'; i++) {
		await page.keyboard.press('Tab');
		focused = await page.evaluate(() => document.activeElement?.name || '');
	}
	assert.equal(focused, 'email', 'the e-mail field is reached with Tab');
	const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
	assert.notEqual(outline, 'none', 'the focused field shows its focus');
	await page.keyboard.type(LOGINS.manager);
	await page.keyboard.press('Tab');
	await page.keyboard.type(PASSWORD);
	await page.keyboard.press('Enter');
	await page.waitForSelector('nav[aria-label]');
	assert.match(await page.textContent('.who'), /Jeroen Bakker/);
	await page.context().close();
});

test('an ended session goes to the login page and back to the same page', async () => {
	const page = await newPage(browser, { lang: 'en' });
	await login(page, srv.base, LOGINS.rep);
	const home = new URL(page.url()).pathname;
	assert.notEqual(home, '/login');
	// The session ends elsewhere (the cookie is dropped): the next call of the page finds out.
	await page.context().clearCookies();
	await page.reload();
	await page.waitForSelector('input[name=email]');
	assert.equal(new URL(page.url()).pathname, '/login');
	assert.equal(new URL(page.url()).searchParams.get('next'), home);
	await page.fill('input[name=email]', LOGINS.rep);
	await page.fill('input[name=password]', PASSWORD);
	await page.click('form button[type=submit]');
	await page.waitForSelector('nav[aria-label]');
	assert.equal(new URL(page.url()).pathname, home, 'back where the user was');
	await page.context().close();
});

test('the login sends no other site back: next may only be a page of the interface', async () => {
	const page = await newPage(browser, { lang: 'en' });
	await page.goto(srv.base + '/login?next=//evil.example/x');
	await page.fill('input[name=email]', LOGINS.rep);
	await page.fill('input[name=password]', PASSWORD);
	await page.click('form button[type=submit]');
	await page.waitForSelector('nav[aria-label]');
	assert.equal(new URL(page.url()).origin, srv.base);
	await page.context().close();
});

test('GET /api/me gives a cookie session its CSRF token, so that a reloaded page can write', async () => {
	const api = await apiAs(srv.base, LOGINS.rep);
	const me = await api.get('/me');
	assert.equal(me.status, 200);
	assert.match(me.body.csrf_token, /^[0-9a-f]{64}$/);
	assert.equal(me.body.organisation.timezone, 'Europe/Amsterdam');
	assert.match(me.body.organisation.today, /^\d{4}-\d{2}-\d{2}$/);
});

test('my account: two different new passwords are refused beside the field, then the password is changed', async () => {
	const page = await newPage(browser, { lang: 'nl' });
	await login(page, srv.base, LOGINS.external);
	await page.click('nav a[href="/account"]');
	await page.waitForSelector('h1:has-text("Mijn account")');
	await settled(page); // the security log arrives after the heading
	assert.match(await page.textContent('main'), /kees\.mulder@kompas-coaching\.example/);
	assert.match(await page.textContent('main'), /account aangemaakt/, 'the security log in Dutch');
	await page.fill('input[name=current_password]', PASSWORD);
	await page.fill('input[name=new_password]', 'een-nieuw-wachtwoord');
	await page.fill('input[name=repeat]', 'een-ander-wachtwoord');
	await page.click('form:has(input[name=repeat]) button[type=submit]');
	const err = await page.waitForSelector('.field.invalid .field-error');
	assert.match(await err.textContent(), /verschillen/);
	assert.equal(await page.inputValue('input[name=new_password]'), 'een-nieuw-wachtwoord', 'the input stays');
	await page.fill('input[name=repeat]', 'een-nieuw-wachtwoord');
	await page.click('form:has(input[name=repeat]) button[type=submit]');
	await page.waitForSelector('form:has(input[name=repeat]) .done');
	await settled(page);
	assert.deepEqual(await untranslated(page), []);
	assert.deepEqual(await axe(page), []);
	// The new password logs in through the API; the old one no longer does.
	const r = await fetch(srv.base + '/api/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ email: LOGINS.external, password: 'een-nieuw-wachtwoord' }) });
	assert.equal(r.status, 200);
	await assert.rejects(apiAs(srv.base, LOGINS.external), /401/);
	assert.deepEqual(page.faults, []);
	await page.context().close();
});

test('my account: the e-mail choices (language, kinds) are saved through the API and read back', async () => {
	const page = await newPage(browser, { lang: 'nl' });
	await login(page, srv.base, LOGINS.manager);
	await page.click('nav a[href="/account"]');
	await page.waitForSelector('h1:has-text("Mijn account")');
	await page.waitForSelector('select[name=lang]');
	await settled(page);
	assert.match(await page.textContent('main'), /Een herinnering de dag voor een sessie/);
	assert.equal(await page.inputValue('select[name=lang]'), '', 'the organisation\'s language at first');
	assert.equal(await page.inputValue('select[name=alerts]'), 'yes');
	await page.selectOption('select[name=lang]', 'en');
	await page.selectOption('select[name=alerts]', 'no');
	await page.click('form:has(select[name=lang]) button[type=submit]');
	const done = await page.waitForSelector('form:has(select[name=lang]) .done');
	assert.match(await done.textContent(), /Uw e-mailkeuzes zijn opgeslagen/);
	const api = await apiAs(srv.base, LOGINS.manager);
	assert.deepEqual((await api.get('/me/notifications')).body,
		{ lang: 'en', session: true, actions: true, alerts: false });
	await page.reload();
	await page.waitForSelector('select[name=lang]');
	assert.equal(await page.inputValue('select[name=alerts]'), 'no', 'read back after a reload');
	assert.deepEqual(await untranslated(page), []);
	assert.deepEqual(await axe(page), []);
	assert.deepEqual(page.faults, []);
	await page.context().close();
});
