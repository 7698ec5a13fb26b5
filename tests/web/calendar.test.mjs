// The calendar subscription in a real browser (docs/calendar.md): Lotte Mulder makes the link
// on /me, it is shown once and answers a calendar without a login; a new link stops the old
// one; stopping ends both; each planned session downloads as .ics. Her coach Jeroen Bakker
// finds the same box and a .ics link beside each coachee's next session on /coaching. Each
// result is checked through the API and by fetching the feed; the Dutch page has no untranslated
// text and no serious axe findings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, startBrowser, newPage, login, axe, untranslated, settled, apiAs, LOGINS } from './harness.mjs';

let srv, browser, lotte;
before(async () => {
	srv = await startServer();
	browser = await startBrowser();
	lotte = await apiAs(srv.base, LOGINS.rep);
});
after(async () => {
	await browser?.close();
	await srv?.stop();
});

async function open(page, path) {
	await page.goto(srv.base + path);
	await page.waitForSelector('main h1');
	await settled(page);
}

const box = (page) => page.locator('section.calendar-box');
const feedStatus = async (url) => (await fetch(url)).status;

test('a rep makes the link on /me, it works without a login, a new one stops the old, and stop ends it', async () => {
	const page = await newPage(browser, { lang: 'nl' });
	await login(page, srv.base, LOGINS.rep);
	await open(page, '/me');
	await box(page).waitFor();
	assert.match(await box(page).innerText(), /Agenda-abonnement[\s\S]*U hebt nog geen agenda-abonnement\./);
	await box(page).getByRole('button', { name: 'Link maken' }).click();
	const input = page.locator('#calendar-url');
	await input.waitFor();
	const first = await input.inputValue();
	assert.match(first, new RegExp(`^${srv.base}/api/calendar/[0-9a-f]{64}\\.ics$`));
	assert.match(await box(page).innerText(), /Deze link wordt alleen nu getoond\./);
	const feed = await fetch(first);
	assert.equal(feed.status, 200);
	assert.equal(feed.headers.get('content-type'), 'text/calendar; charset=utf-8');
	assert.match(await feed.text(), /X-WR-CALNAME:Coachingsessies van Lotte Mulder/);
	// The copy button copies, or (without a clipboard) selects the link to copy by hand.
	await box(page).getByRole('button', { name: 'Kopiëren' }).click();
	await page.locator('section.calendar-box p.done').waitFor();
	assert.match(await box(page).innerText(), /Link gekopieerd\.|De link is geselecteerd/);
	const info = await lotte.get('/me/calendar');
	assert.equal(info.body.active, true);
	assert.deepEqual(await untranslated(page), []);
	assert.deepEqual(await axe(page), []);

	// Again on the page: the link is not shown any more, only that there is one.
	await open(page, '/me');
	await box(page).waitFor();
	assert.equal(await page.locator('#calendar-url').count(), 0);
	assert.match(await box(page).innerText(), /Uw abonnement is actief sinds/);
	await box(page).getByRole('button', { name: 'Nieuwe link maken' }).click();
	await input.waitFor();
	const second = await input.inputValue();
	assert.notEqual(second, first);
	assert.equal(await feedStatus(first), 404);
	assert.equal(await feedStatus(second), 200);

	await box(page).getByRole('button', { name: 'Abonnement stoppen' }).click();
	await page.getByText('Het abonnement is gestopt: de link werkt niet meer.').waitFor();
	assert.equal(await feedStatus(second), 404);
	assert.equal((await lotte.get('/me/calendar')).body.active, false);
	assert.deepEqual(page.faults, []);
	await page.context().close();
});

test('each of the rep\'s planned sessions downloads as .ics; held ones do not', async () => {
	const page = await newPage(browser, { lang: 'en' });
	await login(page, srv.base, LOGINS.rep);
	await open(page, '/my-sessions');
	const links = page.locator('a.calendar-ics');
	const sessions = (await lotte.get('/sessions?assignment=1&limit=500')).body.items;
	const planned = sessions.filter((s) => s.status === 'planned');
	assert.equal(await links.count(), planned.length);
	const href = await links.first().getAttribute('href');
	assert.match(href, /^\/api\/sessions\/\d+\/ics$/);
	assert.ok(planned.some((s) => href === `/api/sessions/${s.id}/ics`));
	assert.equal(await links.first().innerText(), 'Download .ics');
	const r = await page.request.get(srv.base + href);
	assert.equal(r.status(), 200);
	assert.match(await r.text(), /BEGIN:VEVENT[\s\S]*STATUS:CONFIRMED/);
	assert.deepEqual(page.faults, []);
	await page.context().close();
});

test('the coach finds the box and a .ics link beside each next session on /coaching', async () => {
	const page = await newPage(browser, { lang: 'en' });
	await login(page, srv.base, LOGINS.manager);
	await open(page, '/coaching');
	await box(page).waitFor();
	assert.match(await box(page).innerText(), /Calendar subscription[\s\S]*You have no calendar subscription yet\./);
	const jeroen = await apiAs(srv.base, LOGINS.manager);
	const next = (await jeroen.get('/me/coachees')).body.items
		.map((c) => c.next_session).filter((s) => s && s.status === 'planned');
	assert.ok(next.length >= 1, 'the demo plans a session for Jeroen\'s coachees');
	assert.equal(await page.locator('a.calendar-ics').count(), next.length);
	await box(page).getByRole('button', { name: 'Make the link' }).click();
	const url = await page.locator('#calendar-url').inputValue();
	const text = await (await fetch(url)).text();
	for (const s of next) assert.ok(text.includes(`UID:session-${s.id}@salescoach-vandijk`));
	assert.deepEqual(await axe(page), []);
	assert.deepEqual(page.faults, []);
	await page.context().close();
});
