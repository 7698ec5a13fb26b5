// The administrator's configuration in a real browser: adding a team and a person
// through the forms, editing a programme's model (only what changed is sent), forms
// refused beside their field that keep what was typed, the list's pages and filter,
// the settings page whose thresholds are read back through the API, the Dutch pages
// without untranslated text, axe-core, and the pages closed to other roles.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, startBrowser, newPage, login, axe, untranslated, screenshot, settled, LOGINS, apiAs } from './harness.mjs';

let srv, browser, admin;
before(async () => {
	srv = await startServer();
	browser = await startBrowser();
	admin = await apiAs(srv.base, LOGINS.admin);
});
after(async () => {
	await browser?.close();
	await srv?.stop();
});

async function adminPage(next, opts = {}) {
	const page = await newPage(browser, { lang: 'nl', ...opts });
	await login(page, srv.base, LOGINS.admin, { next });
	await settled(page);
	return page;
}

// Go to path within the app (the session stays) and wait for it.
async function go(page, path) {
	await page.goto(srv.base + path);
	await page.waitForSelector('main h1');
	await settled(page);
}

const fieldError = (page, name) => page.textContent(`.field:has([name="${name}"]) .field-error`);

async function clean(page) {
	assert.deepEqual(await untranslated(page), [], `untranslated text on ${page.url()}`);
	assert.deepEqual(await axe(page), [], `axe on ${page.url()}`);
}

test('the configuration lists every kind with its count, in Dutch', async () => {
	const page = await adminPage('/records');
	assert.equal(await page.textContent('main h1'), 'Inrichting');
	assert.equal(await page.textContent('nav a[aria-current=page]'), 'Inrichting');
	const kinds = await page.$$eval('.records-kinds h2', (hs) => hs.map((h) => h.textContent));
	assert.deepEqual(kinds, ['Personen', 'Teams', "Programma's", 'Coaches', 'Coachingrelaties', 'Trainingen',
		'Geschiktheidsbeoordelingen', 'Incentiveplannen', 'Instellingen en drempels']);
	const people = (await admin.get('/people?limit=1')).body.total;
	assert.equal(await page.textContent('.records-kinds li:first-child .figure'), String(people));
	await clean(page);
	assert.deepEqual(page.faults, []);
	await page.context().close();
});

test('the admin adds a team and a person through the forms; the API has them', async () => {
	const page = await adminPage('/records/teams/new');
	assert.equal(await page.textContent('main h1'), 'Nieuw team');
	await clean(page);
	await page.fill('input[name=name]', 'Team Zwolle');
	await page.selectOption('select[name=manager]', { label: 'Jeroen Bakker' });
	await page.selectOption('select[name=parent]', { label: 'Verkoop Nederland' });
	await page.click('form button[type=submit]');
	await page.waitForSelector('.done');
	assert.equal(await page.textContent('main h1'), 'Team Zwolle');
	assert.match(await page.textContent('.done'), /Opgeslagen/);
	const teams = (await admin.get('/teams?name=Team%20Zwolle')).body;
	assert.equal(teams.total, 1);
	assert.equal(teams.items[0].manager, 2, 'Jeroen Bakker manages it');
	assert.equal(teams.items[0].parent, 1);
	assert.match(new URL(page.url()).pathname, new RegExp(`^/records/teams/${teams.items[0].id}$`));

	await go(page, '/records/people/new');
	await page.fill('input[name=name]', 'Noor Dekker');
	await page.fill('input[name=email]', 'noor.dekker@vandijk.example');
	await page.fill('input[name=title]', 'Accountmanager');
	await page.selectOption('select[name=superior]', { label: 'Jeroen Bakker' });
	await page.fill('input[name=years_experience]', '4');
	await page.click('form button[type=submit]');
	await page.waitForSelector('.done');
	assert.equal(await page.textContent('main h1'), 'Noor Dekker');
	const people = (await admin.get('/people?email=noor.dekker@vandijk.example')).body;
	assert.equal(people.total, 1);
	assert.deepEqual({ ...people.items[0], id: 0 }, {
		id: 0, name: 'Noor Dekker', email: 'noor.dekker@vandijk.example', title: 'Accountmanager',
		active: true, superior: 2, years_experience: 4, track_record: null,
	});
	// In the list, found by the filter, her superior shown by name.
	await go(page, '/records/people?name=Noor%20Dekker');
	const row = await page.textContent('tbody tr');
	assert.match(row, /Noor Dekker/);
	assert.match(row, /Jeroen Bakker/);
	assert.equal(await page.$$eval('tbody tr', (r) => r.length), 1);
	assert.deepEqual(page.faults, []);
	await page.context().close();
});

test('editing a programme sends only what changed: its model', async () => {
	const page = await adminPage('/records/programmes');
	const before = (await admin.get('/programmes/1')).body;
	await page.click(`a[href="/records/programmes/1"]`);
	await page.waitForSelector('select[name=model]');
	await settled(page);
	assert.equal(await page.textContent('main h1'), before.name);
	assert.equal(await page.$eval('select[name=model] option:checked', (o) => o.textContent), 'manager');
	await clean(page);
	const sent = [];
	page.on('request', (r) => { if (r.method() === 'PATCH') sent.push(JSON.parse(r.postData())); });
	await page.selectOption('select[name=model]', 'internal');
	await page.click('form button[type=submit]');
	await page.waitForSelector('.done');
	assert.deepEqual(sent, [{ model: 'internal' }]);
	const after = (await admin.get('/programmes/1')).body;
	assert.deepEqual(after, { ...before, model: 'internal' });
	// Saving again without a change sends nothing.
	await page.click('form button[type=submit]');
	await page.waitForSelector('.done >> text=niets gewijzigd');
	assert.equal(sent.length, 1);
	assert.deepEqual(page.faults, []);
	await page.context().close();
});

test('a refused form shows the error beside its field and keeps what was typed', async () => {
	const page = await adminPage('/records/people/new');
	await page.fill('input[name=name]', 'Lotte Tweede');
	await page.fill('input[name=email]', LOGINS.rep);
	await page.click('form button[type=submit]');
	await page.waitForSelector('.field-error');
	assert.match(await fieldError(page, 'email'), /lotte\.mulder@vandijk\.example/);
	assert.match(await fieldError(page, 'email'), /één keer/);
	assert.equal(await page.inputValue('input[name=name]'), 'Lotte Tweede');
	assert.equal(await page.inputValue('input[name=email]'), LOGINS.rep);
	assert.equal((await admin.get('/people?name=Lotte%20Tweede')).body.total, 0);
	await clean(page);

	// Out of range: beside the number, and the programme is as it was.
	const before = (await admin.get('/programmes/2')).body;
	await go(page, '/records/programmes/2');
	await page.fill('input[name=target_hours]', '99');
	await page.fill('input[name=name]', 'Rotterdam anders');
	await page.click('form button[type=submit]');
	await page.waitForSelector('.field-error');
	assert.match(await fieldError(page, 'target_hours'), /0,5|0\.5/);
	assert.match(await fieldError(page, 'target_hours'), /40/);
	assert.equal(await page.inputValue('input[name=target_hours]'), '99');
	assert.equal(await page.inputValue('input[name=name]'), 'Rotterdam anders');
	assert.deepEqual((await admin.get('/programmes/2')).body, before);
	assert.deepEqual(page.faults, []);
	await page.context().close();
});

test('a coaching relationship refused for a pitfall is stored with the reason asked; who coaches whom stays fixed', async () => {
	// Sandra Visser coaches 10 coachees, her capacity: an eleventh is refused beside the coach.
	const page = await adminPage('/records/assignments/new');
	assert.equal(await page.textContent('main h1'), 'Nieuwe coachingrelatie');
	const before = (await admin.get('/assignments?limit=1')).body.total;
	await page.selectOption('select[name=coachee]', { label: 'Kim de Boer' });
	await page.selectOption('select[name=coach]', '2');
	await page.selectOption('select[name=programme]', '2');
	await page.fill('input[name=starts_on]', '2026-11-30');
	assert.equal(await page.$('textarea[name=override_reason]'), null, 'no reason asked before a refusal');
	await page.click('form button[type=submit]');
	await page.waitForSelector('textarea[name=override_reason]');
	const why = await page.textContent('.field.invalid .field-error');
	assert.match(why, /Sandra Visser coacht 10 actieve coachees, capaciteit 10/);
	assert.doesNotMatch(why, /--override|override_reason/, 'the API\'s and the command line\'s words are not shown');
	assert.equal((await admin.get('/assignments?limit=1')).body.total, before, 'nothing stored');
	assert.equal(await page.inputValue('input[name=starts_on]'), '2026-11-30', 'what was typed is kept');
	await clean(page);
	await page.fill('textarea[name=override_reason]', 'Tijdelijk, tot de nieuwe teamleider in januari begint');
	await page.click('form button[type=submit]');
	await page.waitForSelector('.done');
	const stored = (await admin.get('/assignments?coachee=25')).body.items;
	assert.equal(stored.length, 1);
	assert.deepEqual([stored[0].coach, stored[0].programme, stored[0].starts_on, stored[0].status, stored[0].override_reason],
		[2, 2, '2026-11-30', 'active', 'Tijdelijk, tot de nieuwe teamleider in januari begint']);
	assert.match(new URL(page.url()).pathname, new RegExp(`^/records/assignments/${stored[0].id}$`));

	// On the stored record who coaches whom is shown, not editable; its state is.
	assert.equal(await page.$('select[name=coach]'), null);
	assert.match(await page.textContent('main form'), /Sandra Visser/);
	assert.match(await page.textContent('main form'), /Kim de Boer/);
	const sent = [];
	page.on('request', (r) => { if (r.method() === 'PATCH') sent.push(JSON.parse(r.postData())); });
	await page.selectOption('select[name=status]', 'ended');
	await page.fill('input[name=ends_on]', '2026-12-31');
	await page.click('form button[type=submit]');
	await page.waitForSelector('.done >> text=Opgeslagen');
	assert.deepEqual(sent, [{ ends_on: '2026-12-31', status: 'ended' }]);
	const after = (await admin.get(`/assignments/${stored[0].id}`)).body;
	assert.deepEqual([after.status, after.ends_on], ['ended', '2026-12-31']);
	// In the list (by first day: the newest on the second page) by names, never ids.
	await go(page, '/records/assignments?offset=25');
	const row = await page.textContent(`tbody tr:has(a[href="/records/assignments/${stored[0].id}"])`);
	assert.match(row, /Kim de Boer/);
	assert.match(row, /Sandra Visser/);
	assert.match(row, /beëindigd/);
	await clean(page);
	assert.deepEqual(page.faults, []);
	await page.context().close();
});

test('a team is removed after the question, and the list has pages', async () => {
	const made = await admin.post('/teams', { name: 'Team Tijdelijk' });
	assert.equal(made.status, 201);
	const page = await adminPage(`/records/teams/${made.body.id}`);
	await page.click('button:has-text("Verwijderen")');
	assert.match(await page.textContent('#remove-q'), /Team Tijdelijk definitief verwijderen/);
	await clean(page);
	await page.click('button:has-text("Ja, verwijderen")');
	await page.waitForSelector('.done');
	assert.equal(new URL(page.url()).pathname, '/records/teams');
	assert.equal((await admin.get(`/teams/${made.body.id}`)).status, 404);

	const total = (await admin.get('/people?limit=1')).body.total;
	assert.ok(total > 25, 'the demo has more people than one page');
	await go(page, '/records/people');
	assert.equal(await page.$$eval('tbody tr', (r) => r.length), 25);
	assert.match(await page.textContent('main nav'), new RegExp(`1–25 van ${total}`));
	await screenshot(page, 'records-nl-1280');
	await clean(page);
	await page.click('main nav a:has-text("Volgende")');
	await page.waitForSelector(`main nav >> text=26–${Math.min(50, total)} van ${total}`);
	await settled(page);
	assert.equal(await page.$$eval('tbody tr', (r) => r.length), Math.min(25, total - 25));
	await page.context().close();
});

test('the settings page changes a threshold; the API reads it back; a wrong one changes nothing', async () => {
	const page = await adminPage('/records/settings');
	assert.equal(await page.textContent('main h1'), 'Instellingen en drempels');
	const label = await page.textContent('.field:has([name=max_span]) label');
	assert.match(label, /span-too-wide: hoogste aantal directe medewerkers per manager/);
	assert.match(await page.textContent('.field:has([name=floor_days]) .hint'), /Van 0 tot en met 31 dagen · standaard 8/);
	assert.match(await page.textContent('.field:has([name=no_recent_session_days]) .hint'), /Van 1 tot en met 365 dagen/);
	assert.equal(await page.inputValue('input[name=max_span]'), '10');
	// The e-mail settings are texts (an address, not a number); the SMTP password is none of them.
	assert.notEqual(await page.getAttribute('input[name=smtp_url]', 'type'), 'number');
	assert.equal(await page.$('input[name=smtp_password]'), null);
	assert.equal(await page.$('input[name=smtp_password_file]'), null, 'no setting names a file the server would read');
	await clean(page);
	await page.fill('input[name=max_span]', '12');
	await page.click('form button[type=submit]');
	await page.waitForSelector('.done');
	assert.match(await page.textContent('.done'), /Eén instelling opgeslagen/);
	const read = async (key) => (await admin.get('/settings')).body.settings.find((s) => s.key === key).value;
	assert.equal(await read('max_span'), 12);

	await page.fill('input[name=floor_days]', '99');
	await page.fill('input[name=max_span]', '14');
	await page.click('form button[type=submit]');
	await page.waitForSelector('.field-error');
	assert.match(await fieldError(page, 'floor_days'), /0 tot en met 31/);
	assert.equal(await page.inputValue('input[name=floor_days]'), '99');
	assert.equal(await page.inputValue('input[name=max_span]'), '14');
	assert.equal(await read('floor_days'), 8);
	assert.equal(await read('max_span'), 12, 'all or nothing');
	assert.deepEqual(page.faults, []);
	await page.context().close();
});

test('on a hosted server whose operator keeps the mail settings, the page offers none of them, says why, and saves the rest', async () => {
	const hosted = await startServer({ env: { SALESCOACH_SMTP_ORG_SERVERS: 'deny' } });
	try {
		const api = await apiAs(hosted.base, LOGINS.admin);
		const page = await newPage(browser, { lang: 'nl' });
		await login(page, hosted.base, LOGINS.admin, { next: '/records/settings' });
		await page.waitForSelector('input[name=max_span]');
		await settled(page);
		for (const key of ['smtp_url', 'smtp_from', 'smtp_user'])
			assert.equal(await page.$(`[name=${key}]`), null, `${key} is not offered`);
		assert.match(await page.textContent('fieldset:has(legend:text-is("E-mail"))'),
			/E-mail gaat via de mailserver van de beheerder van deze salescoach-server.*staat organisaties geen eigen mailserver, login of afzender toe/);
		await clean(page);
		await page.fill('input[name=max_span]', '13');
		await page.click('form button[type=submit]');
		await page.waitForSelector('.done');
		assert.match(await page.textContent('.done'), /Eén instelling opgeslagen/);
		const settings = (await api.get('/settings')).body.settings;
		assert.equal(settings.find((s) => s.key === 'max_span').value, 13);
		assert.equal(settings.find((s) => s.key === 'smtp_url').value, '', 'nothing sent for the mail server');
		assert.equal((await api.patch('/settings', { smtp_url: 'smtp://mail.elsewhere.example:25' })).status, 422);
		assert.deepEqual(page.faults, []);
		await page.context().close();
	} finally {
		await hosted.stop();
	}
});

test('in English at 390 px: the people list, readable and accessible', async () => {
	const page = await newPage(browser, { lang: 'en', width: 390 });
	await login(page, srv.base, LOGINS.admin, { next: '/records/people' });
	await settled(page);
	assert.equal(await page.textContent('main h1'), 'People');
	assert.match(await page.textContent('tbody tr:first-child'), /Anna Dijkstra/, 'in name order');
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	assert.ok(width <= 390, `the page is ${width} px wide`);
	assert.deepEqual(await axe(page), []);
	await screenshot(page, 'records-en-390');
	assert.deepEqual(page.faults, []);
	await page.context().close();
});

test('the configuration is the administrator\'s only', async () => {
	const page = await newPage(browser, { lang: 'nl' });
	await login(page, srv.base, LOGINS.manager, { next: '/records/settings' });
	assert.equal(await page.textContent('main h1'), 'Pagina niet gevonden');
	assert.equal(await page.$('nav a[href="/records"]'), null);
	await page.context().close();
	const mgr = await apiAs(srv.base, LOGINS.manager);
	assert.equal((await mgr.get('/settings')).status, 403);
	assert.equal((await mgr.patch('/settings', { max_span: 3 })).status, 403);
});

test('the people list offers its export: CSV and XLSX links to the API with the filter, every row', async () => {
	const page = await adminPage('/records/people');
	assert.equal(await page.textContent('.export span'), 'Exporteren:');
	const hrefs = await page.$$eval('.export a', (as) => as.map((a) => a.getAttribute('href')));
	assert.equal(hrefs.length, 2);
	for (const [href, format] of [[hrefs[0], 'csv'], [hrefs[1], 'xlsx']]) {
		const u = new URL(href, srv.base);
		assert.equal(u.pathname, '/api/people');
		assert.equal(u.searchParams.get('format'), format);
		assert.equal(u.searchParams.get('limit'), null, 'an export is every row, not the page shown');
	}
	// The link, followed with the browser's session, gives the file.
	const r = await page.evaluate(async (h) => {
		const res = await fetch(h);
		return { type: res.headers.get('content-type'), disp: res.headers.get('content-disposition'), text: await res.text() };
	}, hrefs[0]);
	assert.equal(r.type, 'text/csv; charset=utf-8');
	assert.equal(r.disp, 'attachment; filename="people.csv"');
	const people = (await admin.get('/people?limit=1')).body.total;
	assert.equal(r.text.trim().split('\r\n').length, people + 1);
	await clean(page);
	await page.context().close();
});
