// The coach's daily work in a real browser: the coachees with their last and next
// session, a ride-along logged on a phone (with a refused observation that loses
// nothing), a session planned and logged as held, a session logged with the keyboard
// only, a rejected form that keeps its input, the manager who coaches, and every
// coach page in Dutch without untranslated text and without serious axe findings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, startBrowser, newPage, login, axe, untranslated, screenshot, settled, apiAs, LOGINS } from './harness.mjs';

let srv, browser, linda;
before(async () => {
	srv = await startServer();
	browser = await startBrowser();
	linda = await apiAs(srv.base, LOGINS.internal);
});
after(async () => {
	for (const p of Object.values(shared)) await p.context().close();
	await browser?.close();
	await srv?.stop();
});

// Linda signed in once per language and width, for the tests that go on from any page.
const shared = {};
async function lindaPage(lang, width) {
	const key = `${lang}-${width}`;
	if (!shared[key]) {
		shared[key] = await newPage(browser, { lang, width });
		await login(shared[key], srv.base, LOGINS.internal);
	}
	return shared[key];
}

// Linda Smit coaches Marloes van Beek (assignment 25) and Stijn Aarts (26) in the demo.
const MARLOES = 25, STIJN = 26;

async function open(page, path) {
	await page.goto(srv.base + path);
	await page.waitForSelector('main h1');
	await settled(page);
}

async function sessionsOf(assignment) {
	const r = await linda.get(`/sessions?assignment=${assignment}&limit=1000`);
	assert.equal(r.status, 200);
	return r.body.items;
}

test('the coachees with their last and next session, and the load, in both languages and widths', async () => {
	const page = await newPage(browser, { lang: 'nl', width: 1280 });
	await login(page, srv.base, LOGINS.internal);
	assert.equal(new URL(page.url()).pathname, '/coaching', 'the coach starts at /coaching');
	// One login; the language switch and the window's width change between the screenshots.
	for (const [lang, width] of [['nl', 1280], ['en', 1280], ['en', 390], ['nl', 390]]) {
		await page.setViewportSize({ width, height: 860 });
		if (await page.getAttribute('html', 'lang') !== lang) await page.click(`.lang-switch button[lang=${lang}]`);
		await page.waitForFunction((l) => document.documentElement.lang === l, lang);
		await settled(page);
		const main = await page.textContent('main');
		assert.equal(await page.textContent('main h1'), lang === 'nl' ? 'Mijn coachees' : 'My coachees');
		assert.match(main, /Marloes van Beek/);
		assert.match(main, /Stijn Aarts/);
		if (lang === 'nl') {
			assert.match(main, /Laatste gehouden sessie/);
			assert.match(main, /2 van 6 coachees \(uw capaciteit\)/, 'the load against the capacity of the coach profile');
			assert.match(main, /138,7 uur per maand \(32 uur per week\)/);
			// Marloes's extra session of 27 November 16:00 is planned but in the past: to log.
			assert.match(await page.textContent('#coach-tolog + *'), /Marloes van Beek: Een-op-eengesprek, 27 nov\. 2026, 16:00/);
			assert.deepEqual(await untranslated(page), []);
		} else {
			assert.match(main, /Last session held/);
			assert.match(main, /2 of 6 coachees \(your capacity\)/);
		}
		assert.ok(await page.$(`main a[href="/coaching/${MARLOES}"]`), 'each coachee links to the relationship');
		assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= width, `nothing wider than ${width} px`);
		await screenshot(page, `coach-${lang}-${width}`);
		if (width === 1280) assert.deepEqual(await axe(page), []);
	}
	assert.deepEqual(page.faults, []);
	await page.context().close();
});

test('a ride-along with two observations on a phone, stored as typed', async () => {
	const page = await lindaPage('nl', 390);
	await open(page, `/coaching/${MARLOES}`);
	const narrow = () => page.evaluate(() => document.documentElement.scrollWidth <= 390);
	assert.ok(await narrow(), 'the relationship fits a phone');
	await page.click('main .page-actions a[href^="/coaching/ride-along"]');
	await page.waitForSelector('form.coach-ride');
	assert.ok(await narrow(), 'the ride-along fits a phone');
	assert.equal(await page.textContent('main h1'), 'Meeloopdag vastleggen');
	assert.equal(await page.inputValue('select[name=assignment]'), String(MARLOES), 'the relationship it was opened from');
	assert.match(await page.inputValue('input[name=at]'), /^2026-11-28T\d\d:\d\d$/, 'today (the server\'s) by default');
	assert.equal(await page.isChecked('input[name=role][value=observer]'), true, 'observer by default');
	const before = (await sessionsOf(MARLOES)).length;

	await page.fill('input[name=customer]', 'Drukkerij Van Gool');
	await page.click('label:has(input[name=stage][value=proposal])');
	await page.click('label:has(input[name=role][value=co_pilot])');
	await page.click('label:has(input[name="observed-opening"])');
	await page.fill('textarea[name=s_opening]', 'Duidelijke agenda aan het begin');
	await page.fill('textarea[name=i_opening]', 'Eerst de tijd van de klant vragen');
	await page.click('label:has(input[name="observed-handling_objections"])');
	await page.fill('textarea[name=s_handling_objections]', 'Vroeg door op het prijsbezwaar');
	await page.fill('textarea[name=i_handling_objections]', 'Stilte laten vallen na de prijs');
	await page.fill('input[name=at]', '2026-11-28T09:30');
	await page.fill('input[name=minutes]', '90');
	await page.fill('textarea[name=follow_up]', 'Offerte samen doorlopen op maandag');
	const button = await page.$('form.coach-ride button[type=submit]');
	const box = await button.boundingBox();
	assert.ok(box.height >= 44 && box.width >= 300, `a large button on a phone (${box.width}×${box.height})`);
	await button.click();
	await page.waitForURL(/\/coaching\/sessions\/\d+$/);
	await page.waitForSelector('.done');
	assert.match(await page.textContent('.done'), /De meeloopdag is opgeslagen met 2 observaties/);
	await settled(page);
	assert.match(await page.textContent('main'), /Vroeg door op het prijsbezwaar/);
	assert.deepEqual(page.faults, []);

	const id = Number(new URL(page.url()).pathname.split('/').pop());
	const s = (await linda.get(`/sessions/${id}`)).body;
	assert.equal(s.assignment, MARLOES);
	assert.equal(s.kind, 'ride_along');
	assert.equal(s.status, 'held');
	assert.equal(s.at, '2026-11-28T08:30:00Z', '09:30 in Amsterdam');
	assert.equal(s.minutes, 90);
	assert.equal(s.customer, 'Drukkerij Van Gool');
	assert.equal(s.stage, 'proposal');
	assert.equal(s.role, 'co_pilot');
	assert.equal(s.follow_up, 'Offerte samen doorlopen op maandag');
	assert.equal(s.skills, 'opening,handling_objections');
	const obs = (await linda.get(`/observations?session=${id}&order=id`)).body.items;
	assert.deepEqual(obs.map((o) => [o.skill, o.strengths, o.improvement]), [
		['opening', 'Duidelijke agenda aan het begin', 'Eerst de tijd van de klant vragen'],
		['handling_objections', 'Vroeg door op het prijsbezwaar', 'Stilte laten vallen na de prijs'],
	]);
	assert.equal((await sessionsOf(MARLOES)).length, before + 1, 'one session added');

	// Back in the car: the improvement of the first skill corrected in place, the other kept.
	await page.click('button[aria-label^="Observatie wijzigen"]');
	assert.equal(await page.inputValue('dd form textarea[name=strengths]'), 'Duidelijke agenda aan het begin');
	await page.fill('dd form textarea[name=improvement]', 'Eerst vragen hoeveel tijd de klant heeft');
	await page.click('dd form button[type=submit]');
	await page.waitForSelector('.done:has-text("De observatie bij")');
	await page.waitForSelector('.coach-obs dd:has-text("Eerst vragen hoeveel tijd de klant heeft")');
	await settled(page);
	const after = (await linda.get(`/observations?session=${id}&order=id`)).body.items;
	assert.deepEqual(after.map((o) => [o.skill, o.strengths, o.improvement]), [
		['opening', 'Duidelijke agenda aan het begin', 'Eerst vragen hoeveel tijd de klant heeft'],
		['handling_objections', 'Vroeg door op het prijsbezwaar', 'Stilte laten vallen na de prijs'],
	]);
	assert.ok(await narrow(), 'the correction fits a phone');
	assert.deepEqual(page.faults, []);
});

test('a refused observation keeps what was typed, shows beside its skill, and the rest is stored once', async () => {
	const page = await lindaPage('nl', 390);
	await open(page, `/coaching/ride-along?assignment=${STIJN}`);
	const before = (await sessionsOf(STIJN)).length;
	// The server refuses the observation of closing once (as it would a text it cannot take).
	let refused = 0;
	await page.route('**/api/observations*', async (route) => {
		const body = route.request().postDataJSON();
		if (route.request().method() === 'POST' && body.skill === 'closing' && !refused++) {
			await route.fulfill({ status: 422, contentType: 'application/json',
				body: JSON.stringify({ error: { code: 'invalid', field: 'strengths', message: 'strengths: de tekst is te lang' } }) });
		} else await route.continue();
	});
	await page.fill('input[name=customer]', 'Bouwbedrijf Smits');
	await page.click('label:has(input[name=stage][value=closing])');
	await page.click('label:has(input[name="observed-needs_analysis"])');
	await page.fill('textarea[name=s_needs_analysis]', 'Goede open vragen');
	await page.click('label:has(input[name="observed-closing"])');
	await page.fill('textarea[name=s_closing]', 'Vroeg om de order');
	await page.fill('textarea[name=i_closing]', 'Eerder samenvatten');
	await page.fill('input[name=at]', '2026-11-28T08:00');
	await page.click('form.coach-ride button[type=submit]');
	const err = await page.waitForSelector('.coach-skill.invalid .field-error');
	assert.match(await err.textContent(), /Afsluiten is niet opgeslagen: strengths: de tekst is te lang/);
	assert.match(await page.textContent('form.coach-ride .form-end'), /Eén observatie is niet opgeslagen/);
	assert.equal(await page.inputValue('textarea[name=s_closing]'), 'Vroeg om de order', 'nothing typed is lost');
	assert.equal(await page.inputValue('textarea[name=i_closing]'), 'Eerder samenvatten');
	assert.equal(await page.inputValue('input[name=customer]'), 'Bouwbedrijf Smits');
	assert.match(await page.textContent('.coach-skill.on:has(input[name="observed-needs_analysis"])'), /opgeslagen/);
	assert.equal(await page.textContent('form.coach-ride button[type=submit]'), 'De rest opslaan');

	await page.click('form.coach-ride button[type=submit]');
	await page.waitForURL(/\/coaching\/sessions\/\d+$/);
	await page.waitForSelector('.done');
	const id = Number(new URL(page.url()).pathname.split('/').pop());
	const after = await sessionsOf(STIJN);
	assert.equal(after.length, before + 1, 'the second try adds no second ride-along');
	const obs = (await linda.get(`/observations?session=${id}&order=id`)).body.items;
	assert.deepEqual(obs.map((o) => [o.skill, o.strengths, o.improvement]), [
		['needs_analysis', 'Goede open vragen', null],
		['closing', 'Vroeg om de order', 'Eerder samenvatten'],
	]);
	await page.unroute('**/api/observations*');
});

test('plan a session, then log it as held', async () => {
	const page = await newPage(browser, { lang: 'en', width: 1280 });
	await login(page, srv.base, LOGINS.internal);
	await open(page, `/coaching/${STIJN}`);
	await page.click('main .page-actions a[href$="/new"]');
	await page.waitForSelector('select[name=kind]');
	assert.equal(await page.textContent('main h1'), 'Plan a session with Stijn Aarts');
	await page.selectOption('select[name=kind]', 'deal_review');
	await page.fill('input[name=at]', '2026-11-28T10:15');
	await page.fill('input[name=minutes]', '45');
	await page.fill('textarea[name=agenda]', 'De offerte voor Bakkerij Jansen doorlopen');
	await page.click('form button[type=submit]');
	await page.waitForURL(new RegExp(`/coaching/${STIJN}$`));
	await page.waitForSelector('.done');
	assert.match(await page.textContent('.done'), /The session with Stijn Aarts is planned/);
	const planned = (await sessionsOf(STIJN)).find((s) => s.agenda === 'De offerte voor Bakkerij Jansen doorlopen');
	assert.ok(planned, 'the session is stored');
	assert.equal(planned.kind, 'deal_review');
	assert.equal(planned.status, 'planned');
	assert.equal(planned.at, '2026-11-28T09:15:00Z');
	assert.equal(planned.minutes, 45);

	await page.click(`main a[href="/coaching/sessions/${planned.id}"]`);
	await page.waitForSelector('textarea[name=notes]');
	assert.equal(await page.textContent('main h1'), 'Deal review with Stijn Aarts');
	await page.fill('textarea[name=notes]', 'Prijsopbouw besproken; korting pas na de waarde');
	await page.click('label:has(input[name="skills-negotiating"])');
	await page.click('button[value=held]');
	await page.waitForSelector('.done');
	assert.match(await page.textContent('.done'), /The session is logged as held/);
	await page.waitForSelector('#ses-feedback');
	assert.match(await page.textContent('main .intro'), /Held/);
	const held = (await linda.get(`/sessions/${planned.id}`)).body;
	assert.equal(held.status, 'held');
	assert.equal(held.notes, 'Prijsopbouw besproken; korting pas na de waarde');
	assert.equal(held.skills, 'negotiating');
	assert.match(await page.textContent('main'), /has not given feedback/, 'the feedback is the coachee\'s to give');

	// The next planned session with Stijn does not take place: cancelled.
	const next = (await sessionsOf(STIJN)).find((s) => s.status === 'planned' && s.at === '2026-12-01T07:50:00Z');
	await open(page, `/coaching/sessions/${next.id}`);
	await page.click('button:has-text("Cancel the session")');
	await page.waitForSelector('.done:has-text("The session is cancelled")');
	assert.equal((await linda.get(`/sessions/${next.id}`)).body.status, 'cancelled');
	await page.waitForSelector('main .intro:has-text("Cancelled")');
	assert.deepEqual(page.faults, []);
	await page.context().close();
});

test('keyboard only: from the list of sessions to log to a session logged as held', async () => {
	const page = await lindaPage('nl', 1280);
	await open(page, '/coaching');
	const toLog = (await sessionsOf(MARLOES)).find((s) => s.at === '2026-11-27T15:00:00Z');
	assert.equal(toLog.status, 'planned');
	const tabTo = async (test, max = 60) => {
		for (let i = 0; i < max; i++) {
			await page.keyboard.press('Tab');
			if (await page.evaluate(test)) return;
		}
		assert.fail(`not reached with Tab: ${test}`);
	};
	await tabTo(`document.activeElement.getAttribute('href') === '/coaching/sessions/${toLog.id}'`);
	await page.keyboard.press('Enter');
	await page.waitForSelector('textarea[name=notes]');
	await settled(page);
	await tabTo("document.activeElement.name === 'notes'");
	const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
	assert.notEqual(outline, 'none', 'the focus shows');
	await page.keyboard.type('Offertegesprek voorbereid met drie open vragen');
	await tabTo("document.activeElement.value === 'held'");
	await page.keyboard.press('Enter');
	await page.waitForSelector('.done');
	assert.match(await page.textContent('.done'), /De sessie is vastgelegd als gehouden/);
	await page.waitForSelector('#ses-feedback');
	const s = (await linda.get(`/sessions/${toLog.id}`)).body;
	assert.equal(s.status, 'held');
	assert.equal(s.notes, 'Offertegesprek voorbereid met drie open vragen');
});

test('a rejected session keeps its input, with the error beside the minutes', async () => {
	const page = await lindaPage('nl', 390);
	await open(page, `/coaching/${MARLOES}/new`);
	const before = (await sessionsOf(MARLOES)).length;
	await page.fill('input[name=minutes]', '600');
	await page.fill('textarea[name=agenda]', 'Jaarplan 2027 bespreken');
	await page.click('form button[type=submit]');
	const err = await page.waitForSelector('.field.invalid:has(input[name=minutes]) .field-error');
	assert.match(await err.textContent(), /600 valt buiten het bereik; gebruik 1 tot en met 480/);
	assert.equal(await page.getAttribute('input[name=minutes]', 'aria-invalid'), 'true');
	assert.equal(await page.inputValue('input[name=minutes]'), '600');
	assert.equal(await page.inputValue('textarea[name=agenda]'), 'Jaarplan 2027 bespreken');
	assert.equal((await sessionsOf(MARLOES)).length, before, 'nothing stored');
	// A reload keeps the draft too.
	await page.reload();
	await page.waitForSelector('textarea[name=agenda]');
	assert.equal(await page.inputValue('textarea[name=agenda]'), 'Jaarplan 2027 bespreken');
});

test('action items and the coaching plan of a relationship', async () => {
	const page = await lindaPage('nl', 1280);
	await open(page, `/coaching/${STIJN}`);
	await page.fill('input[name=text]', 'Twee referentieklanten bellen');
	await page.fill('input[name=due_on]', '2026-12-04');
	await page.click('#rel-actions ~ form button[type=submit]');
	await page.waitForSelector('li.coach-action:has-text("Twee referentieklanten bellen")');
	const items = (await linda.get(`/actions?assignment=${STIJN}&limit=1000`)).body.items;
	const added = items.find((x) => x.text === 'Twee referentieklanten bellen');
	assert.ok(added);
	assert.equal(added.due_on, '2026-12-04');
	assert.equal(added.owner, 36, 'the coachee by default');
	assert.equal(added.done_on, null);
	// A typo and a later date, corrected in place; the change is stored, nothing else.
	await page.click('button[aria-label="Wijzigen: Twee referentieklanten bellen"]');
	await page.fill('li form input[name=text]', 'Drie referentieklanten bellen');
	await page.fill('li form input[name=due_on]', '2026-12-11');
	await page.click('li form button[type=submit]');
	await page.waitForSelector('.done:has-text("Het actiepunt is gewijzigd: Drie referentieklanten bellen")');
	const changed = (await linda.get(`/actions/${added.id}`)).body;
	assert.equal(changed.text, 'Drie referentieklanten bellen');
	assert.equal(changed.due_on, '2026-12-11');
	assert.equal(changed.owner, 36);
	assert.equal((await linda.get(`/actions?assignment=${STIJN}&limit=1000`)).body.items.length, items.length, 'changed, not added');
	await page.click('button[aria-label="Markeren als gedaan: Drie referentieklanten bellen"]');
	await page.waitForSelector('.done:has-text("Gemarkeerd als gedaan")');
	assert.equal((await linda.get(`/actions/${added.id}`)).body.done_on, '2026-11-28', 'done today (the server\'s)');

	await page.click('#rel-plan ~ * button:has-text("Plan wijzigen"), #rel-plan ~ button:has-text("Plan wijzigen")');
	await page.fill('textarea[name=goals]', 'Meer afspraken uit koude acquisitie');
	await page.click('#rel-plan ~ form button[type=submit]');
	await page.waitForSelector('.done:has-text("Het begeleidingsplan is opgeslagen")');
	const plan = (await linda.get(`/plans?assignment=${STIJN}`)).body.items[0];
	assert.equal(plan.goals, 'Meer afspraken uit koude acquisitie');
	assert.match(await page.textContent('#rel-plan ~ dl'), /Meer afspraken uit koude acquisitie/);
	assert.deepEqual(await untranslated(page), []);
	assert.deepEqual(page.faults, []);
});

test('every coach page in Dutch: translated, no serious axe findings; another coach\'s relationship is not shown', async () => {
	const page = await lindaPage('nl', 1280);
	const s = (await sessionsOf(MARLOES)).find((x) => x.kind === 'ride_along' && x.status === 'held');
	for (const path of ['/coaching', `/coaching/${MARLOES}`, `/coaching/${MARLOES}/new`, `/coaching/sessions/${s.id}`,
		'/coaching/ride-along']) {
		await open(page, path);
		assert.deepEqual(await untranslated(page), [], path);
		// The planning form is made of the same pieces as the session's (checked there).
		if (!path.endsWith('/new')) assert.deepEqual(await axe(page), [], path);
	}
	// Jeroen's relationship with Lotte (assignment 1) is not Linda's: nothing of it shows.
	await open(page, '/coaching/1');
	assert.ok(await page.$('main .error-note'), 'an error, not the relationship');
	assert.doesNotMatch(await page.textContent('main'), /Lotte/);
	assert.deepEqual(page.faults, []);
});

test('a manager who coaches reaches the coach\'s pages, with the time the manager has', async () => {
	const page = await newPage(browser, { lang: 'nl', width: 1280 });
	await login(page, srv.base, LOGINS.manager);
	await open(page, '/coaching');
	const main = await page.textContent('main');
	assert.match(main, /Lotte Mulder/);
	assert.match(main, /8 van \d+ coachees/);
	assert.match(main, /Als coachende manager/);
	assert.match(main, /De coaching van deze maand \(\d+(,\d)? uur\) is meer dan de tijd die u ervoor hebt/, '42 hours held, 26 available');
	// Emma's paused and Rik's ended relationships are apart, their records still his to open.
	assert.doesNotMatch(await page.textContent('table:has(caption:has-text("Coachees"))'), /Emma Verbeek|Rik Verhoeven/);
	await page.click('summary:has-text("Gepauzeerde en beëindigde coaching (2)")');
	const earlier = await page.textContent('details table');
	assert.match(earlier, /Emma Verbeek.*gepauzeerd/i);
	assert.match(earlier, /Rik Verhoeven.*beëindigd/i);
	await page.click('details a:has-text("Rik Verhoeven")');
	await page.waitForSelector('h2#rel-sessions');
	assert.match(await page.textContent('h1'), /Rik Verhoeven/);
	await open(page, '/coaching');
	await page.setViewportSize({ width: 390, height: 860 });
	assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'the flags wrap on a phone');
	await page.setViewportSize({ width: 1280, height: 860 });

	// A session with Lotte a day after her appraisal mixes coaching and appraisal: the
	// API refuses it (409) beside the date, and the form asks why it should be stored anyway.
	const jeroen = await apiAs(srv.base, LOGINS.manager);
	const count = async () => (await jeroen.get('/sessions?assignment=1&limit=1000')).body.items.length;
	const before = await count();
	await open(page, '/coaching/1/new');
	await page.fill('input[name=at]', '2026-11-07T10:00');
	await page.fill('textarea[name=agenda]', 'Terugblik op het kwartaal');
	await page.click('form button[type=submit]');
	const err = await page.waitForSelector('.field.invalid:has(input[name=at]) .field-error');
	assert.match(await err.textContent(), /zowel coachen als beoordelen/);
	assert.equal(await count(), before, 'nothing stored');
	assert.equal(await page.inputValue('textarea[name=agenda]'), 'Terugblik op het kwartaal');
	await page.fill('textarea[name=override_reason]', 'Op verzoek van Lotte zelf, los van de beoordeling');
	await page.click('form button[type=submit]');
	await page.waitForURL(/\/coaching\/1$/);
	const stored = (await jeroen.get('/sessions?assignment=1&limit=1000')).body.items.find((s) => s.agenda === 'Terugblik op het kwartaal');
	assert.equal(stored.override_reason, 'Op verzoek van Lotte zelf, los van de beoordeling');
	assert.equal(stored.at, '2026-11-07T09:00:00Z');

	// A relationship in Jeroen's team that he does not coach is not his to work in.
	await open(page, '/coaching/21');
	assert.match(await page.textContent('main .error-note'), /niet een van uw coachingrelaties|geen toewijzing/);
	assert.deepEqual(await untranslated(page), []);
	assert.deepEqual(page.faults, []);
	await page.context().close();
});

test('a coach\'s pages read only what they show: opening another coachee leaves Lotte\'s access log as it was', async () => {
	const lotte = await apiAs(srv.base, LOGINS.rep);
	const log = async () => (await lotte.get('/me/access-log?limit=1000')).body;
	const page = await newPage(browser, { lang: 'nl', width: 1280 });
	await login(page, srv.base, LOGINS.manager);
	const before = await log();
	// The home page (hours of the month, sessions to log) and Sven de Jong's relationship
	// with its ride-alongs and their observations: nothing of Lotte's is read.
	await open(page, '/coaching');
	await open(page, '/coaching/2');
	assert.match(await page.textContent('main h1'), /Sven de Jong/);
	assert.deepEqual(await log(), before, 'Lotte\'s log unchanged');
	// Her own relationship shows her content, and that read is logged, as it must be.
	await open(page, '/coaching/1');
	assert.match(await page.textContent('main h1'), /Lotte Mulder/);
	const after = await log();
	assert.ok(after.items.some((e) => e.reader === 2 && e.entity === 'session' && after.total >= before.total),
		'the read of her sessions is in her log');
	assert.deepEqual(page.faults, []);
	await page.context().close();
});
