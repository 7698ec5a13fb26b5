// The privacy walk: for every demo login, every page of the web interface it can reach is
// opened, and what the browser shows (text, field values, attributes) and every API answer
// the page read are searched for the private coaching content of relationships that login is
// not party to. None may be found.
//
// To know where a text comes from, each private value of the demo is first given a marker of
// its own (zq, a letter for the kind, the record's id, a letter for the field: zqs12n is the
// notes of session 12), written into the database before the server starts. A marker found on
// a page belongs to exactly one relationship, whose parties are then checked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, startBrowser, newPage, login, settled, LOGINS } from './harness.mjs';

// kind letter, table, its private text fields (letter → column), how it reaches its assignment.
const PRIVATE = [
	{ k: 's', table: 'coaching_session', fields: { a: 'agenda', n: 'notes', f: 'follow_up' }, assignment: 'assignment' },
	{ k: 'o', table: 'observation', fields: { s: 'strengths', i: 'improvement' },
		assignment: '(SELECT assignment FROM coaching_session WHERE id = observation.session)' },
	{ k: 'p', table: 'coaching_plan', fields: { g: 'goals' }, assignment: 'assignment' },
	{ k: 'x', table: 'action_item', fields: { t: 'text' }, assignment: 'assignment' },
];
const MARKER = /zq([soxp])(\d+)([a-z])/g;

const sql = (db, q) => execFileSync('sqlite3', ['-json', db, q], { encoding: 'utf8' }).trim();
const rows = (db, q) => { const out = sql(db, q); return out ? JSON.parse(out) : []; };

let srv, browser;
const owner = new Map(); // "s12" → assignment id
let parties = new Map(); // assignment id → Set of person ids
let shared = new Map(); // person id → Set of session ids shared with them
let people = new Map(); // e-mail → person id

function prepare(db) {
	const updates = [];
	for (const p of PRIVATE)
		for (const [letter, column] of Object.entries(p.fields))
			updates.push(`UPDATE ${p.table} SET ${column} = ${column} || ' zq${p.k}' || id || '${letter}' WHERE ${column} IS NOT NULL AND ${column} <> '';`);
	execFileSync('sqlite3', [db, updates.join('\n')]);
	for (const p of PRIVATE)
		for (const r of rows(db, `SELECT id, ${p.assignment} AS a FROM ${p.table}`))
			owner.set(p.k + r.id, r.a);
	for (const r of rows(db, 'SELECT a.id, a.coachee, c.person AS coach FROM assignment a JOIN coach c ON c.id = a.coach'))
		parties.set(r.id, new Set([r.coachee, r.coach]));
	for (const r of rows(db, 'SELECT session, person FROM session_share'))
		(shared.get(r.person) || shared.set(r.person, new Set()).get(r.person)).add(r.session);
	for (const r of rows(db, 'SELECT id, email FROM person WHERE email IS NOT NULL'))
		people.set(r.email, r.id);
}

before(async () => {
	srv = await startServer({ prepare });
	browser = await startBrowser();
});
after(async () => {
	await browser?.close();
	await srv?.stop();
});

// The markers in text that belong to relationships person is not party to.
function leaks(text, person) {
	const found = new Set();
	for (const [m, k, id] of text.matchAll(MARKER)) {
		const a = owner.get(k + id);
		const party = a !== undefined && parties.get(a)?.has(person);
		const sharedWith = k === 's' && shared.get(person)?.has(Number(id));
		if (!party && !sharedWith) found.add(m);
	}
	return [...found];
}

// A page address with its ids replaced, so that only two pages of each kind are opened.
const shape = (path) => path.replace(/\/\d+(?=\/|$|\?)/g, '/:id').split('?')[0];

async function walk(email) {
	const person = people.get(email);
	const page = await newPage(browser, { lang: 'nl' });
	const answers = [];
	page.on('response', async (r) => {
		if (!r.url().includes('/api/')) return;
		try { answers.push({ url: r.url(), text: await r.text() }); } catch { /* a redirect or no body */ }
	});
	await login(page, srv.base, email);
	const queue = [new URL(page.url()).pathname];
	const seen = new Set(), shapes = new Map(), found = [];
	let opened = 0;
	while (queue.length && opened < 36) {
		const path = queue.shift();
		if (seen.has(path)) continue;
		seen.add(path);
		const s = shape(path);
		if ((shapes.get(s) || 0) >= 2) continue;
		shapes.set(s, (shapes.get(s) || 0) + 1);
		await page.goto(srv.base + path);
		await page.waitForSelector('main h1');
		await settled(page).catch(() => {});
		opened++;
		const shown = await page.evaluate(() => [
			document.body.innerText,
			...[...document.querySelectorAll('input, textarea, select')].map((e) => e.value),
			document.documentElement.outerHTML,
		].join('\n'));
		for (const m of leaks(shown, person)) found.push(`${path}: ${m} shown`);
		const links = await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')));
		for (const href of links) {
			const u = new URL(href, srv.base);
			if (u.origin === srv.base && !u.pathname.startsWith('/api/') && !u.pathname.startsWith('/login'))
				queue.push(u.pathname + u.search);
		}
	}
	for (const a of answers)
		for (const m of leaks(a.text, person)) found.push(`${a.url}: ${m} read by the page`);
	await page.context().close();
	return { opened, found };
}

test('the markers are in place (the walk would see a leak)', () => {
	const marked = [...owner.keys()].length;
	assert.ok(marked > 500, `only ${marked} private records`);
	// Every demo coach login is party to some marked relationship.
	const coach = people.get(LOGINS.internal);
	assert.ok([...parties.values()].some((p) => p.has(coach)));
});

for (const [role, email] of Object.entries(LOGINS)) {
	test(`${role} (${email}) sees no private content of other relationships on any page`, async (t) => {
		const { opened, found } = await walk(email);
		t.diagnostic(`${opened} pages opened`);
		// Every login has at least its main page and its account.
		assert.ok(opened >= 2, `only ${opened} pages were opened`);
		assert.deepEqual(found, []);
	});
}

test('the walk finds a coach\'s own private content, so that it can find a leak', async () => {
	// Linda reads her own coachee's sessions: her pages show markers, all of her own.
	const person = people.get(LOGINS.internal);
	const page = await newPage(browser, { lang: 'nl' });
	const texts = [];
	page.on('response', async (r) => { if (r.url().includes('/api/')) texts.push(await r.text().catch(() => '')); });
	await login(page, srv.base, LOGINS.internal);
	const api = await page.evaluate(async () => (await fetch('/api/sessions?limit=50')).text());
	const own = [...api.matchAll(MARKER)].map((m) => m[0]);
	assert.ok(own.length > 0, 'the coach reads marked notes through the API');
	assert.deepEqual(leaks(api, person), []);
	// A marker of a relationship she is not party to would be reported.
	const other = [...owner.entries()].find(([k, a]) => k.startsWith('s') && !parties.get(a).has(person));
	assert.deepEqual(leaks(`text zq${other[0]}n text`, person), [`zq${other[0]}n`]);
	await page.context().close();
});
