// The administrator's watch over the programmes in a real browser: the alerts filtered by
// severity and model (kept in the address) against the API's answer, acknowledging an alert
// with a reason (and refused without one, beside the field, keeping what was typed), the
// alerts a manager and a coach get, the model advisor answered to the end against
// POST /api/advise, no English on the Dutch pages, axe-core, and the screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, startBrowser, newPage, login, axe, untranslated, screenshot, settled, apiAs, LOGINS, SOURCE_DIR, cats } from './harness.mjs';

let srv, browser;
before(async () => {
	srv = await startServer();
	browser = await startBrowser();
});
after(async () => {
	await browser?.close();
	await srv?.stop();
});

const shownCount = async (page) => Number(await page.getAttribute('.alerts-shown', 'data-count'));
const cardIds = (page) => page.$$eval('article[data-alert]', (els) => els.map((e) => e.dataset.alert));

// Chooses a filter and waits for the list the API gives for it.
async function choose(page, name, value, { fetches = true } = {}) {
	if (fetches)
		await Promise.all([
			page.waitForResponse((r) => new URL(r.url()).pathname === '/api/alerts'),
			page.selectOption(`select[name=${name}]`, value),
		]);
	else await page.selectOption(`select[name=${name}]`, value);
	await settled(page);
}

test('the alerts filtered by severity and model are the API\'s, in Dutch, and the filter is kept in the address', async () => {
	const api = await apiAs(srv.base, LOGINS.admin);
	const all = (await api.get('/alerts?lang=nl')).body.alerts;
	const expected = all.filter((a) => a.model === 'manager' && a.severity === 'warning');
	assert.ok(expected.length >= 2, 'the demo has manager warnings');

	const page = await newPage(browser, { lang: 'nl' });
	await login(page, srv.base, LOGINS.admin, { next: '/alerts' });
	await settled(page);
	assert.equal(await page.textContent('main h1'), 'Signaleringen');
	assert.equal(await shownCount(page), all.length);
	assert.equal((await cardIds(page)).length, all.length);
	// The summary counts per severity as the API's list has them.
	const errors = all.filter((a) => a.severity === 'error').length;
	assert.match(await page.textContent('.counts li[data-severity=error]'), new RegExp(`kritiek\\s*${errors}`));
	assert.deepEqual(await untranslated(page), []);
	assert.deepEqual(await axe(page), []);
	await screenshot(page, 'admin-nl-1280');

	await choose(page, 'severity', 'warning', { fetches: false });
	await choose(page, 'model', 'manager');
	assert.equal(await shownCount(page), expected.length);
	assert.deepEqual(await cardIds(page), expected.map((a) => a.id));
	assert.match(await page.textContent('.alerts-shown'), new RegExp(`^${expected.length} signaleringen getoond$`));
	const url = new URL(page.url());
	assert.equal(url.searchParams.get('severity'), 'warning');
	assert.equal(url.searchParams.get('model'), 'manager');
	// Every card shows its severity in words, its rule, the people named and what to do.
	const first = expected[0];
	const card = `article[data-alert="${first.id}"]`;
	assert.match(await page.textContent(`${card} h3`), /waarschuwing/);
	assert.match(await page.textContent(`${card} h3`), new RegExp(cats.nl[`admin.rule.${first.rule}`]));
	assert.equal(await page.textContent(`${card} .alert-mitigation`), `Te doen: ${first.mitigation}`);
	for (const p of first.people) assert.match(await page.textContent(card), new RegExp(p.name));

	// The filtered view as a bookmark: the same filters and the same alerts.
	await page.goto(url.href);
	await page.waitForSelector('.alerts-shown');
	await settled(page);
	assert.equal(await page.inputValue('select[name=severity]'), 'warning');
	assert.equal(await page.inputValue('select[name=model]'), 'manager');
	assert.deepEqual(await cardIds(page), expected.map((a) => a.id));

	// A team and a rule narrow it as the API does.
	const team = first.team;
	await choose(page, 'team', String(team));
	const byTeam = (await api.get(`/alerts?model=manager&team=${team}`)).body.alerts.filter((a) => a.severity === 'warning');
	assert.deepEqual(await cardIds(page), byTeam.map((a) => a.id));
	await choose(page, 'rule', 'span-too-wide');
	const byRule = (await api.get(`/alerts?model=manager&team=${team}&rule=span-too-wide`)).body.alerts.filter((a) => a.severity === 'warning');
	assert.deepEqual(await cardIds(page), byRule.map((a) => a.id));
	await choose(page, 'severity', 'info', { fetches: false });
	if (!byRule.some((a) => a.severity === 'info'))
		assert.match(await page.textContent('.empty'), /Geen signalering past bij deze filters/);
	assert.deepEqual(page.faults, []);
	await page.context().close();
});

test('an alert is acknowledged with a reason; without one the error shows beside the field and nothing typed is lost', async () => {
	const api = await apiAs(srv.base, LOGINS.admin);
	const before = (await api.get('/alerts?model=senior')).body.alerts;
	assert.ok(before.length >= 2);
	const [a, b] = before;

	const page = await newPage(browser, { lang: 'en' });
	await login(page, srv.base, LOGINS.admin, { next: '/alerts?model=senior' });
	await settled(page);
	const cardA = `article[data-alert="${a.id}"]`, cardB = `article[data-alert="${b.id}"]`;
	// A reason half typed for one alert, none given for another.
	await page.click(`${cardA} button[aria-expanded]`);
	await page.fill(`${cardA} textarea[name=reason]`, 'Training booked for January');
	await page.click(`${cardB} button[aria-expanded]`);
	// The opened form takes the focus (once it is drawn).
	await page.waitForFunction(() => document.activeElement?.name === 'reason');
	await page.click(`${cardB} form button[type=submit]`);
	const err = await page.waitForSelector(`${cardB} .field-error`);
	assert.match(await err.textContent(), /Give the reason why the alert may stay quiet/);
	assert.equal(await page.getAttribute(`${cardB} textarea[name=reason]`, 'aria-invalid'), 'true');
	assert.equal(await page.inputValue(`${cardA} textarea[name=reason]`), 'Training booked for January', 'the other reason is kept');
	assert.equal(await page.inputValue('select[name=model]'), 'senior', 'the filter is kept');
	assert.equal((await api.get('/alerts?model=senior')).body.alerts.length, before.length, 'nothing acknowledged');

	// Only spaces is no reason either: the API refuses it, beside the field, the text stays.
	await page.fill(`${cardB} textarea[name=reason]`, '   ');
	await page.click(`${cardB} form button[type=submit]`);
	await page.waitForSelector(`${cardB} .field-error`);
	assert.equal((await api.get('/alerts?model=senior')).body.alerts.length, before.length);

	await page.click(`${cardA} form button[type=submit]`);
	await page.waitForSelector('.done');
	await settled(page);
	assert.match(await page.textContent('.done'), /is acknowledged/);
	assert.equal(await page.$(cardA), null, 'it leaves the open list');
	assert.equal(await shownCount(page), before.length - 1);
	const acked = (await api.get('/alerts?all=true&model=senior')).body.alerts.find((x) => x.id === a.id);
	assert.equal(acked.acknowledged, true);
	assert.equal(acked.acknowledgement.reason, 'Training booked for January');
	assert.ok(!(await api.get('/alerts?model=senior')).body.alerts.some((x) => x.id === a.id));

	// Shown again, as acknowledged, with the reason, when asked for.
	await Promise.all([
		page.waitForResponse((r) => new URL(r.url()).pathname === '/api/alerts'),
		page.check('input[name=all]'),
	]);
	await settled(page);
	assert.equal(new URL(page.url()).searchParams.get('all'), '1');
	assert.match(await page.textContent(cardA), /Acknowledged by .* Training booked for January/);
	assert.equal(await page.$(`${cardA} button[aria-expanded]`), null, 'no second acknowledgement');
	assert.deepEqual(await axe(page), []);
	assert.deepEqual(page.faults, []);
	await page.context().close();
});

test('a manager and a coach get the alerts that concern them, the coach without acknowledging', async () => {
	for (const who of [LOGINS.manager, LOGINS.overloaded, LOGINS.external]) {
		const mine = (await (await apiAs(srv.base, who)).get('/alerts')).body.alerts;
		const page = await newPage(browser, { lang: 'nl' });
		await login(page, srv.base, who, { next: '/alerts' });
		await settled(page);
		assert.equal(await page.textContent('main h1'), 'Signaleringen');
		assert.deepEqual(await cardIds(page), mine.map((a) => a.id), who);
		assert.equal(await page.$('nav a[href="/advisor"]'), null, 'the advisor is the administrator\'s');
		if (who === LOGINS.external) assert.equal(await page.$('article button[aria-expanded]'), null);
		if (who === LOGINS.overloaded) {
			// An alert about the manager alone is for her superior; one about her coachee is hers.
			assert.equal(await page.$('article[data-alert="span-too-wide:team-3"] button[aria-expanded]'), null);
			const own = mine.find((a) => a.people.some((p) => p.role === 'coachee'));
			assert.ok(own, 'an alert about a coachee of Sandra');
			await page.click(`article[data-alert="${own.id}"] button[aria-expanded]`);
			await page.fill(`article[data-alert="${own.id}"] textarea[name=reason]`, 'On leave until December');
			await page.click(`article[data-alert="${own.id}"] form button[type=submit]`);
			await page.waitForSelector('.done');
			const after = (await (await apiAs(srv.base, who)).get('/alerts?all=true')).body.alerts.find((a) => a.id === own.id);
			assert.equal(after.acknowledgement.reason, 'On leave until December');
		}
		assert.deepEqual(await untranslated(page), []);
		await page.context().close();
	}
});

// The answers of docs/advisor/example-3.json typed into the questionnaire.
async function answer(page, answers) {
	for (let step = 0; step < 5; step++) {
		await page.waitForSelector(`#advisor-progress:text("Stap ${step + 1} van")`);
		for (const [k, v] of Object.entries(answers)) {
			const el = await page.$(`[name=${k}]`);
			if (!el) continue;
			if (typeof v === 'boolean' || typeof v === 'string') await page.check(`input[name=${k}][value="${String(v)}"]`);
			else await page.fill(`input[name=${k}]`, String(v).replace('.', ','));
		}
		await page.click('form.advisor button[type=submit]');
	}
}

test('the model advisor asks step by step, keeps the answers, and gives the API\'s advice', async () => {
	const answers = JSON.parse(readFileSync(join(SOURCE_DIR, 'docs/advisor/example-3.json'), 'utf8'));
	const api = await apiAs(srv.base, LOGINS.admin);
	const expected = (await api.post('/advise?lang=nl', answers)).body;
	assert.equal(expected.best, 'external');

	const page = await newPage(browser, { lang: 'nl' });
	await login(page, srv.base, LOGINS.admin, { next: '/advisor' });
	assert.equal(await page.textContent('main h1'), 'Modeladviseur');
	assert.match(await page.textContent('#advisor-progress'), /Stap 1 van 5/);
	assert.deepEqual(await untranslated(page), []);
	assert.deepEqual(await axe(page), []);

	// A number out of range is refused beside its field, before going on.
	await page.fill('input[name=team_size]', '0');
	await page.click('form.advisor button[type=submit]');
	assert.match(await page.textContent('.field-error'), /Geef een geheel getal van 1 tot en met 1\.000/);
	assert.match(await page.textContent('#advisor-progress'), /Stap 1 van 5/);

	// More managers than reps is refused beside the managers' field.
	await page.fill('input[name=team_size]', '5');
	await page.fill('input[name=managers]', '9');
	await page.click('form.advisor button[type=submit]');
	assert.match(await page.textContent('.field-error'), /Geef hoogstens 5: het team telt 5 verkopers/);
	assert.equal(await page.inputValue('input[name=managers]'), '9', 'the answer stays as typed');
	await page.fill('input[name=managers]', String(answers.managers));

	// Two steps answered, then the page is reloaded: the answers and the step are kept.
	await page.fill('input[name=team_size]', String(answers.team_size));
	await page.click('form.advisor button[type=submit]');
	await page.waitForSelector('#advisor-progress:text("Stap 2 van 5")');
	await page.fill('input[name=manager_hours_per_week]', '2,0');
	await page.reload();
	await page.waitForSelector('#advisor-progress:text("Stap 2 van 5")');
	assert.equal(await page.inputValue('input[name=manager_hours_per_week]'), '2,0');
	await page.click('form.advisor button:text("Vorige")');
	assert.equal(await page.inputValue('input[name=team_size]'), String(answers.team_size));

	await answer(page, answers);
	await page.waitForSelector('.advice');
	assert.equal(await page.getAttribute('[data-best]', 'data-best'), expected.best);
	assert.equal(await page.textContent('[data-best]'), 'Aanbevolen: extern');
	const scores = await page.$$eval('.score-cell', (els) => els.map((e) => [e.dataset.model, Number(e.dataset.score)]));
	assert.deepEqual(scores, expected.ranking.map((m) => [m, expected.scores[m]]), 'the ranking and scores as the API gives them');
	assert.match(await page.textContent('.score-cell[data-model=manager]'), /[-−]30, getoond als 0/);
	for (const m of expected.ranking) {
		const risks = await page.$$eval(`section[data-model=${m}] .risks li`, (els) => els.map((e) => e.dataset.rule));
		assert.deepEqual(risks, expected.pitfalls.filter((p) => p.model === m).map((p) => p.rule), m);
	}
	const body = await page.textContent('.advice');
	for (const p of expected.pitfalls) assert.ok(body.includes(p.text), p.text);
	for (const r of expected.reasons) assert.ok(body.includes(r.text), r.text);
	const checklist = await page.$$eval('.checklist li', (els) => els.map((e) => e.textContent));
	assert.deepEqual(checklist, expected.checklist.map((c) => c.text));
	assert.deepEqual(await untranslated(page), []);
	assert.deepEqual(await axe(page), []);

	// In English the advice is asked again, in English.
	await page.click('button[lang=en]');
	await page.waitForSelector('[data-best]:text("Recommended: external")');
	const en = (await api.post('/advise?lang=en', answers)).body;
	// The words switch as soon as the English catalogue is in; the advice once the API answers.
	await page.waitForFunction((text) => document.querySelector('.advice').textContent.includes(text), en.pitfalls[0].text);
	await page.click('button[lang=nl]');
	await page.waitForFunction((text) => document.querySelector('.advice').textContent.includes(text), expected.pitfalls[0].text);

	// The answers stay after the advice: changing them starts from the last step with them.
	await page.click('button:text("Antwoorden wijzigen")');
	await page.waitForSelector('#advisor-progress:text("Stap 5 van 5")');
	assert.equal(await page.isChecked('input[name=trust][value=low]'), true);
	assert.deepEqual(page.faults, []);
	await page.context().close();
});

test('the alerts page at 390 and 1280 px in both languages', async () => {
	for (const [lang, width] of [['en', 1280], ['nl', 390], ['en', 390]]) {
		const page = await newPage(browser, { lang, width });
		await login(page, srv.base, LOGINS.admin, { next: '/alerts' });
		await settled(page);
		await page.waitForSelector('article[data-alert]');
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
		assert.ok(overflow <= 0, `${lang}-${width}: the page is ${overflow} px too wide`);
		if (lang === 'nl') assert.deepEqual(await untranslated(page), []);
		assert.deepEqual(await axe(page), []);
		await screenshot(page, `admin-${lang}-${width}`);
		assert.deepEqual(page.faults, []);
		await page.context().close();
	}
});
