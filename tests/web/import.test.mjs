// The import of a CSV file by an administrator in a real browser, in Dutch at 360 px: a
// Dutch results file with one bad line is checked (the line, its column and the reason in
// Dutch, in a table; nothing stored, as the API shows), then its good lines are imported
// with the bad one skipped (as the API shows); a mapping of one's own sent with the file; an
// ended session back to the import with the choices kept; axe-core and no English on the
// page; and no import page for anyone but an administrator, neither in the navigation nor at
// its address.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, startBrowser, newPage, login, axe, untranslated, screenshot, settled, apiAs, LOGINS } from './harness.mjs';

let srv, browser;
before(async () => {
	srv = await startServer();
	browser = await startBrowser();
});
after(async () => {
	await browser?.close();
	await srv?.stop();
});

const LOTTE = 'lotte.mulder@vandijk.example';

// Lotte's results of the months given, as the API has them.
async function resultsOf(api, months) {
	const lotte = (await api.get(`/people?email=${LOTTE}`)).body.items[0];
	const all = (await api.get(`/results?rep=${lotte.id}&limit=500`)).body.items;
	return all.filter((r) => months.includes(r.month));
}

// A Dutch spreadsheet's export: ';', decimal commas, a byte order mark, a month by name, and
// a quota that is no number on line 3.
const RESULTS = '\ufeffVerkoper;Maand;Target;Omzet;Deals gewonnen\n' +
	`${LOTTE};maart 2026;12.500;13.250,50;4\n` +
	`${LOTTE};2026-04;twaalf;13.000;3\n` +
	`${LOTTE};02-2026;11.000;9.875;2\n`;
const MONTHS = ['2026-02', '2026-03', '2026-04'];

const file = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

test('an administrator checks a Dutch results file, sees its bad line in Dutch, and imports the good lines', async () => {
	const api = await apiAs(srv.base, LOGINS.admin);
	assert.deepEqual(await resultsOf(api, MONTHS), [], 'no results of these months yet');

	const page = await newPage(browser, { lang: 'nl', width: 360 });
	await login(page, srv.base, LOGINS.admin, { next: '/alerts' });
	await page.click('nav a[href="/import"]');
	await page.waitForSelector('form.import-form');
	assert.equal(await page.textContent('main h1'), 'Importeren');

	// Checked without a file: said beside the field, nothing sent.
	await page.click('form.import-form button[type=submit]');
	assert.match(await page.textContent('.field-error'), /Kies het CSV-bestand dat u wilt importeren/);

	await page.selectOption('select[name=kind]', 'results');
	await page.setInputFiles('input[name=file]', file('resultaten.csv', RESULTS));
	const [checked] = await Promise.all([
		page.waitForResponse((r) => new URL(r.url()).pathname === '/api/imports'),
		page.click('form.import-form button[type=submit]'),
	]);
	assert.equal(new URL(checked.url()).searchParams.get('dry_run'), 'true');
	assert.match(checked.request().headers()['content-type'], /^multipart\/form-data; boundary=/);
	await page.waitForSelector('.import-report');
	await settled(page);
	assert.equal(await page.textContent('#import-report'), 'Controle van Verkoopresultaten');
	assert.equal(await page.evaluate(() => document.activeElement.id), 'import-report', 'the report takes the focus');
	assert.match(await page.textContent('[data-count=added]'), /Nieuw\s*2/);
	assert.match(await page.textContent('[data-count=bad]'), /Foute regels\s*1/);
	assert.match(await page.textContent('.import-say'), /1 regel is fout/);
	// The bad line in an accessible table: its number, its column and the reason in Dutch.
	assert.equal(await page.getAttribute('.import-report .table-wrap', 'aria-label'), 'Foute regels');
	const headers = await page.$$eval('.import-report thead th', (ths) => ths.map((th) => th.textContent));
	assert.deepEqual(headers, ['Regel', 'Kolom', 'Wat er mis is']);
	const cells = await page.$$eval('.import-report tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
	assert.equal(cells.length, 1);
	assert.equal(cells[0][0], '3');
	assert.equal(cells[0][1], 'Target');
	assert.match(cells[0][2], /'twaalf' is geen getal; schrijf het zoals 1250 of 1250,50/);
	// Checked only: nothing stored.
	assert.deepEqual(await resultsOf(api, MONTHS), []);
	// All good or nothing: the only way on is the explicit choice to skip the bad line.
	assert.equal(await page.$('.import-report button.primary'), null);
	const skip = await page.textContent('.import-report button');
	assert.equal(skip, 'De 2 goede regels importeren, de foute regel overslaan');
	assert.deepEqual(await untranslated(page), []);
	assert.deepEqual(await axe(page), []);
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	assert.ok(overflow <= 0, `the page is ${overflow} px too wide at 360 px`);
	await screenshot(page, 'import-nl-360');

	// By keyboard: the button of the choice, then Enter.
	await page.focus('.import-report button');
	const [imported] = await Promise.all([
		page.waitForResponse((r) => new URL(r.url()).pathname === '/api/imports'),
		page.keyboard.press('Enter'),
	]);
	assert.equal(new URL(imported.url()).searchParams.get('skip_bad'), 'true');
	assert.equal(imported.status(), 200);
	await page.waitForSelector('.import-report .done');
	assert.equal(await page.textContent('#import-report'), 'Import van Verkoopresultaten');
	assert.match(await page.textContent('.import-report .done'), /2 goede regels zijn geïmporteerd; 1 foute regel is overgeslagen/);
	const stored = await resultsOf(api, MONTHS);
	assert.deepEqual(stored.map((r) => [r.month, r.quota, r.revenue, r.deals_won]).sort(),
		[['2026-02', 11000, 9875, 2], ['2026-03', 12500, 13251, 4]]);
	assert.deepEqual(await untranslated(page), []);
	assert.deepEqual(await axe(page), []);
	assert.deepEqual(page.faults, []);
	await page.context().close();
});

test('a mapping file of one\'s own goes with the file; a mapping that is not one is said beside it', async () => {
	const api = await apiAs(srv.base, LOGINS.admin);
	const page = await newPage(browser, { lang: 'en' });
	await login(page, srv.base, LOGINS.admin, { next: '/import' });
	await page.waitForSelector('form.import-form');
	await page.selectOption('select[name=kind]', 'people');
	await page.setInputFiles('input[name=file]', file('users.csv',
		'Full Name,Email Address,Role\nNoor Jansen,noor.jansen@vandijk.example,Account Manager\n'));
	await page.check('input[name=mapping][value=own]');
	await page.setInputFiles('input[name=map]', file('map.csv', 'Full Name,name\nEmail Address,email,extra\n'));
	await page.click('form.import-form button[type=submit]');
	await page.waitForSelector('.field-error');
	assert.match(await page.textContent('.field-error'), /line 2 of the mapping is not two columns/);

	await page.setInputFiles('input[name=map]', file('map.csv', '# theirs, ours\nFull Name,name\nEmail Address,email\nRole,title\n'));
	await page.click('form.import-form button[type=submit]');
	await page.waitForSelector('.import-report');
	assert.match(await page.textContent('.import-say'), /1 line is good/);
	await page.click('.import-report button.primary');
	await page.waitForSelector('.import-report .done');
	const noor = (await api.get('/people?email=noor.jansen@vandijk.example')).body.items;
	assert.equal(noor.length, 1);
	assert.equal(noor[0].title, 'Account Manager');
	assert.deepEqual(await axe(page), []);
	assert.deepEqual(page.faults, []);
	await page.context().close();
});

test('a session that ended while importing leads to the login and back, the choices kept', async () => {
	const page = await newPage(browser, { lang: 'nl' });
	await login(page, srv.base, LOGINS.admin, { next: '/import' });
	await page.waitForSelector('form.import-form');
	await page.selectOption('select[name=kind]', 'results');
	await page.check('input[name=mapping][value=hubspot]');
	await page.setInputFiles('input[name=file]', file('resultaten.csv', RESULTS));
	await page.context().clearCookies();
	await page.click('form.import-form button[type=submit]');
	await page.waitForSelector('form input[name=email]');
	const url = new URL(page.url());
	assert.equal(url.pathname, '/login');
	assert.equal(url.searchParams.get('next'), '/import');
	assert.match(await page.textContent('main'), /Uw sessie is verlopen/);
	await page.fill('input[name=email]', LOGINS.admin);
	await page.fill('input[name=password]', 'demo-password');
	await page.click('form button[type=submit]');
	await page.waitForSelector('form.import-form');
	assert.equal(new URL(page.url()).pathname, '/import');
	assert.equal(await page.inputValue('select[name=kind]'), 'results');
	assert.equal(await page.isChecked('input[name=mapping][value=hubspot]'), true);
	assert.deepEqual(page.faults, []);
	await page.context().close();
});

test('no import page for anyone but an administrator: not in the navigation, not at its address', async () => {
	for (const who of [LOGINS.manager, LOGINS.rep, LOGINS.executive]) {
		const page = await newPage(browser, { lang: 'nl' });
		await login(page, srv.base, who);
		assert.equal(await page.$('nav a[href="/import"]'), null, who);
		await page.goto(srv.base + '/import');
		await page.waitForSelector('main h1');
		assert.equal(await page.textContent('main h1'), 'Pagina niet gevonden', who);
		assert.equal(await page.$('input[type=file]'), null);
		assert.deepEqual(page.faults, []);
		await page.context().close();
	}
});
