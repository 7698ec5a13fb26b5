// The coachee's daily work in a real browser, as Lotte Mulder (coached by Jeroen Bakker):
// her next sessions and action items on /me, ticking an action item off, a session's page,
// who read her coaching record, sharing a session summary with a named person and revoking
// it, the survey about her coach, and her appraisals on a page apart from coaching. Each
// result is checked through the API; every page has no untranslated Dutch and no serious
// axe findings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, startBrowser, newPage, login, axe, untranslated, screenshot, settled, apiAs, LOGINS } from './harness.mjs';

// Lotte is logged in once per language (a login costs an Argon2id check); the tests take turns.
let srv, browser, lotte, jeroen, admin, nl, en, actionId;
const ACTION = 'Drie referenties vragen bij bestaande klanten';
before(async () => {
	srv = await startServer();
	browser = await startBrowser();
	[lotte, jeroen, admin] = await Promise.all([LOGINS.rep, LOGINS.manager, LOGINS.admin].map((e) => apiAs(srv.base, e)));
	// The coach agrees an action item with Lotte that is three days overdue (the demo's are all done).
	const created = await jeroen.post('/actions', { assignment: 1, owner: 3, text: ACTION, due_on: '2026-11-25' });
	assert.equal(created.status, 201);
	actionId = created.body.id;
	nl = await asLotte({ lang: 'nl' });
	en = await asLotte({ lang: 'en' });
});
after(async () => {
	await browser?.close();
	await srv?.stop();
});

const PAGES = ['/me', '/my-sessions', '/my-actions', '/my-plan', '/my-survey', '/my-shares', '/who-read-my-record', '/my-appraisals'];

async function open(page, path) {
	await page.goto(srv.base + path);
	await page.waitForSelector('main h1');
	await settled(page);
}

async function asLotte(opts) {
	const page = await newPage(browser, opts);
	await login(page, srv.base, LOGINS.rep);
	return page;
}

const text = (page) => page.evaluate(() => document.querySelector('main').innerText);

async function mySessions() {
	const r = await lotte.get('/sessions?assignment=1&order=at&limit=500');
	assert.equal(r.status, 200);
	return r.body.items;
}

test('/me shows the coach, the next sessions and the recent ones as the API gives them', async () => {
	const sessions = await mySessions();
	const planned = sessions.filter((s) => s.status === 'planned');
	assert.ok(planned.length >= 2, 'the demo gives Lotte planned sessions');
	const ride = planned.find((s) => s.kind === 'ride_along');
	assert.equal(new URL(nl.url()).pathname, '/me', 'a rep starts on /me');
	for (const lang of ['nl', 'en']) {
		const page = lang === 'nl' ? nl : en;
		await open(page, '/me');
		const body = await text(page);
		assert.match(body, /Jeroen Bakker/);
		if (lang === 'nl') {
			assert.equal(await page.textContent('main h1'), 'Mijn coaching');
			assert.match(body, /Mijn volgende sessies/);
			assert.match(body, /1 dec\. 2026, 08:00 · Een-op-eengesprek/, 'the next session, in the organisation\'s time');
			assert.match(body, new RegExp(`Meeloopdag bij ${ride.customer}`), 'a ride-along names its customer');
			assert.match(body, /24 nov\. 2026, 08:00 · Gespreksbespreking/, 'the latest held session under recent ones');
			assert.match(body, new RegExp(`${ACTION}\\s+▲ 3 dagen te laat \\(uiterlijk 25 nov\\. 2026\\) · voor u`), 'the open action item, overdue in words');
			assert.deepEqual(await untranslated(page), []);
		} else {
			assert.equal(await page.textContent('main h1'), 'My coaching');
			assert.match(body, /1 Dec 2026, 08:00 · One-to-one/);
			assert.match(body, new RegExp(`Ride-along with ${ride.customer}`));
		}
		await screenshot(page, `rep-${lang}-1280`);
		// The same page on a phone: nothing wider than the screen.
		await page.setViewportSize({ width: 390, height: 860 });
		await page.waitForFunction(() => document.documentElement.scrollWidth <= 390, null, { timeout: 5000 })
			.catch(() => {});
		const wide = await page.evaluate(() => document.documentElement.scrollWidth);
		assert.ok(wide <= 390, `nothing wider than the screen at 390 px (${wide})`);
		await screenshot(page, `rep-${lang}-390`);
		await page.setViewportSize({ width: 1280, height: 860 });
		assert.deepEqual(page.faults, []);
	}
});

test('every rep page in Dutch: no untranslated text, no serious axe findings, no faults', async () => {
	const page = nl;
	for (const path of [...PAGES, '/my-sessions/24', '/my-sessions/28']) {
		await open(page, path);
		assert.deepEqual(await untranslated(page), [], path);
		assert.deepEqual(await axe(page), [], path);
		assert.equal(await page.locator('main h1').count(), 1, `${path}: one h1`);
	}
	assert.deepEqual(page.faults, []);
});

test('an action item is ticked off: the page shows it done at once, and the API has it done today', async () => {
	const id = actionId;
	const page = nl;
	await open(page, '/me');
	// On /me: the open item, overdue said in words.
	const item = page.locator('.rep-actions li', { hasText: 'Drie referenties vragen' });
	assert.match(await item.innerText(), /3 dagen te laat \(uiterlijk 25 nov\. 2026\)/);
	await open(page, '/my-actions');
	assert.match(await text(page), /Eén actiepunt is over de datum/);
	await page.click('button[aria-label="Afvinken: Drie referenties vragen bij bestaande klanten"]');
	await page.waitForSelector('.done[role=status]');
	assert.match(await page.textContent('.done[role=status]'), /Afgevinkt: Drie referenties vragen/);
	const done = page.locator('.rep-actions li', { hasText: 'Drie referenties vragen' });
	assert.match(await done.innerText(), /gedaan op 28 nov\. 2026/);
	const stored = await lotte.get(`/actions/${id}`);
	assert.equal(stored.status, 200);
	assert.equal(stored.body.done_on, '2026-11-28', 'done today, the server\'s day');
	// Opened again, then ticked off once more (the way back works as well).
	await page.click('button[aria-label="Weer openen: Drie referenties vragen bij bestaande klanten"]');
	await page.waitForSelector('button[aria-label="Afvinken: Drie referenties vragen bij bestaande klanten"]');
	assert.equal((await lotte.get(`/actions/${id}`)).body.done_on, null);
	await page.click('button[aria-label="Afvinken: Drie referenties vragen bij bestaande klanten"]');
	await page.waitForSelector('button[aria-label="Weer openen: Drie referenties vragen bij bestaande klanten"]');
	assert.equal((await lotte.get(`/actions/${id}`)).body.done_on, '2026-11-28');
	assert.deepEqual(page.faults, []);
});

test('a session\'s page shows its agenda, notes, follow-up and observations as the API gives them to the coachee', async () => {
	const s = (await lotte.get('/sessions/24')).body;
	assert.ok(s.notes && s.agenda && s.follow_up, 'the demo ride-along has content');
	const obs = (await lotte.get('/observations?session=24')).body.items;
	const page = nl;
	await open(page, '/my-sessions/24');
	const body = await text(page);
	assert.match(await page.textContent('main h1'), /^Meeloopdag bij Gemeentelijke Sportbedrijven · 10 nov\. 2026$/);
	for (const v of [s.agenda, s.notes, s.follow_up, ...obs.map((o) => o.improvement)]) assert.ok(body.includes(v), `shows "${v}"`);
	assert.match(body, /Vertrouwelijke coachinginhoud: alleen u en uw coach/);
});

test('the coachee adds to a planned session\'s agenda and rates a held session\'s coaching; the API has both', async () => {
	const page = nl;
	await open(page, '/my-sessions/27');
	const agenda = `${(await lotte.get('/sessions/27')).body.agenda}\nMijn punt: de offerte voor Botlek doorlopen.`;
	await page.fill('textarea[name=agenda]', agenda);
	await page.click('button:has-text("Agenda opslaan")');
	await page.waitForFunction(() => /De agenda is opgeslagen/.test(document.body.innerText));
	assert.equal((await lotte.get('/sessions/27')).body.agenda, agenda);
	assert.ok((await text(page)).includes('Mijn punt: de offerte voor Botlek doorlopen.'), 'the new agenda shows at once');

	await open(page, '/my-sessions/25');
	assert.equal(await page.locator('textarea[name=agenda]').count(), 0, 'a held session\'s agenda is not prepared any more');
	await page.check('input[name=feedback][value="4"]');
	await page.click('button:has-text("Feedback opslaan")');
	await page.waitForFunction(() => /Dank u: uw feedback is opgeslagen/.test(document.body.innerText));
	assert.equal((await lotte.get('/sessions/25')).body.feedback, 4);
	assert.deepEqual(page.faults, []);
});

test('who read my record lists the readers the API reports, with when and what', async () => {
	assert.equal((await jeroen.get('/sessions/20')).status, 200, 'the coach reads a session');
	const log = await lotte.get('/me/access-log');
	assert.equal(log.status, 200);
	assert.ok(log.body.total >= 1, 'the read is logged');
	const read = log.body.items.find((e) => e.entity === 'session' && e.record_id === 20);
	assert.ok(read);
	const page = nl;
	await open(page, '/who-read-my-record');
	assert.equal(await page.textContent('main h1'), 'Wie las mijn coachingdossier');
	const rows = page.locator('main tbody tr');
	assert.equal(await rows.count(), Math.min(log.body.total, 50));
	const row = rows.filter({ hasText: 'Sessie: agenda, aantekeningen, vervolgafspraak' });
	assert.equal(await row.count(), 1);
	const cells = await row.innerText();
	assert.match(cells, /Jeroen Bakker · uw coach/);
	assert.match(cells, /28 nov\. 2026, 13:00/, 'when, in the organisation\'s time');
	assert.equal(await row.locator('a[href="/my-sessions/20"]').count(), 1);
});

test('my account offers my data as one file: her own session notes, no secret, named with the day', async () => {
	const page = nl;
	await open(page, '/account');
	const link = page.locator('main a[href="/api/me/export"][download]');
	assert.equal(await link.textContent(), 'Mijn gegevens downloaden');
	// What the link downloads, fetched as the browser would with the login cookie.
	const got = await page.evaluate(async () => {
		const r = await fetch('/api/me/export');
		return { status: r.status, disposition: r.headers.get('Content-Disposition'), text: await r.text() };
	});
	assert.equal(got.status, 200);
	assert.match(got.disposition, /^attachment; filename="personal-data-3-\d{4}-\d{2}-\d{2}\.json"$/);
	const doc = JSON.parse(got.text);
	assert.equal(doc.person.id, 3);
	const own = await lotte.get('/sessions/20');
	assert.ok(own.body.notes && got.text.includes(JSON.stringify(own.body.notes)), 'her own session notes are in it');
	assert.doesNotMatch(got.text, /hash|csrf|argon2/);
});

test('a session summary is shared with a named person and revoked; a refused person keeps what was typed', async () => {
	const sandra = (await admin.get(`/people?email=${LOGINS.overloaded}`)).body.items[0];
	assert.equal(sandra.name, 'Sandra Visser');
	const sandraApi = await apiAs(srv.base, LOGINS.overloaded);
	assert.equal((await sandraApi.get('/sessions/20')).body.notes, undefined, 'not shared yet: no notes for Sandra');

	const page = en;
	await open(page, '/my-sessions/20');
	await page.click('a[href="/my-shares?session=20"]');
	await page.waitForSelector('select[name=session]');
	await settled(page);
	assert.equal(await page.inputValue('select[name=session]'), '20', 'the session chosen on its page');
	// Lotte cannot list her colleagues: she names the person by e-mail address.
	assert.equal(await page.getAttribute('input[name=person]', 'type'), 'email');
	// An address nobody has: refused beside the field, and nothing is lost.
	await page.fill('input[name=person]', 'niemand@vandijk.example');
	await page.click('form button[type=submit]');
	await page.waitForSelector('.field.invalid .field-error');
	assert.match(await page.textContent('.field.invalid .field-error'), /nobody here has the e-mail address 'niemand@vandijk\.example'/);
	assert.equal(await page.inputValue('input[name=person]'), 'niemand@vandijk.example');
	assert.equal(await page.inputValue('select[name=session]'), '20');
	assert.equal((await lotte.get('/shares')).body.total, 0, 'a refused share changes nothing');
	// A number is no address: said before anything is sent.
	await page.fill('input[name=person]', String(sandra.id));
	await page.click('form button[type=submit]');
	await page.waitForSelector('.field.invalid .field-error >> text=e-mail address');
	assert.equal((await lotte.get('/shares')).body.total, 0);

	await page.fill('input[name=person]', LOGINS.overloaded.toUpperCase());
	await page.click('form button[type=submit]');
	await page.waitForSelector('.done[role=status]');
	assert.match(await page.textContent('.done[role=status]'), new RegExp(`Shared: 13 Oct 2026 · Ride-along with Gemeentelijke Sportbedrijven, with ${LOGINS.overloaded.replace(/\./g, '\\.')}`));
	const shares = (await lotte.get('/shares')).body.items;
	assert.deepEqual(shares.map((x) => [x.session, x.person]), [[20, sandra.id]]);
	assert.ok((await sandraApi.get('/sessions/20')).body.notes, 'Sandra reads the summary now');
	const row = page.locator('main tbody tr', { hasText: LOGINS.overloaded });
	await row.waitFor();

	await row.locator('button', { hasText: 'Revoke' }).click();
	await page.waitForFunction(() => /Revoked:/.test(document.querySelector('.done[role=status]')?.textContent || ''));
	await settled(page);
	assert.match(await text(page), /You have not shared any session/);
	assert.equal((await lotte.get('/shares')).body.total, 0, 'the consent is gone');
	assert.equal((await sandraApi.get('/sessions/20')).body.notes, undefined, 'Sandra no longer reads it');
	assert.deepEqual(await axe(page), []);
	assert.deepEqual(page.faults, []);
});

// Fill in the survey form for the chosen coach and send it.
async function answerSurvey(page, answers) {
	for (const [k, v] of Object.entries(answers)) await page.check(`input[name=${k}][value="${v}"]`);
	await page.click('form button[type=submit]');
}

async function refusedInRound(page, answers, coach, count) {
	await page.waitForSelector('.field-error');
	assert.match(await page.textContent('.field-error'), /2026-11/);
	for (const [k, v] of Object.entries(answers))
		assert.equal(await page.isChecked(`input[name=${k}][value="${v}"]`), true, `${k} kept`);
	assert.equal((await admin.get(`/surveys?coach=${coach}&respondent=coachee&limit=1`)).body.total, count, 'nothing added');
}

// The notice that the round's survey about a coach is answered, instead of its questions.
async function answeredNotice(page, name) {
	await page.waitForSelector('.rep-answered');
	await settled(page);
	assert.equal(await page.textContent('.rep-answered'),
		`U hebt deze enquête over ${name} voor nov. 2026 al ingevuld. U kunt weer antwoorden vanaf 1 dec. 2026.`);
	assert.equal(await page.locator('input[name=respect]').count(), 0, 'no questions');
	assert.equal(await page.locator('main button[type=submit]').count(), 0, 'nothing to send');
}

test('a survey already answered this month says so before any question; a new coach\'s is answered once', async () => {
	const page = nl;
	// In the demo Lotte answered the pulse about Jeroen (coach 1) on 23 November: this month's
	// round is done, and the API tells her so (her own ballots: whom, never what).
	const mine = (await lotte.get('/me')).body.survey;
	assert.deepEqual(mine, { round: '2026-11', answered: [1] });
	const jeroenBefore = (await admin.get('/surveys?coach=1&respondent=coachee&limit=1')).body.total;
	await open(page, '/my-survey');
	assert.equal(await page.textContent('main h1'), 'Enquête over uw coach');
	await answeredNotice(page, 'Jeroen Bakker');
	assert.equal(await page.locator('select[name=coach]').count(), 0, 'one coach: nothing to choose');
	assert.deepEqual(await axe(page), []);
	// Nobody else learns who answered: Jeroen's own /me names no ballot of Lotte's.
	assert.deepEqual((await jeroen.get('/me')).body.survey.answered, []);

	// Lotte also gets Linda Smit (internal coach 7) for a while: her first answer about Linda is taken.
	const asg = await admin.post('/assignments', { programme: 4, coach: 7, coachee: LOGINS.rep, starts_on: '2026-11-28' });
	assert.equal(asg.status, 201, JSON.stringify(asg.body));
	try {
		const before = (await admin.get('/surveys?coach=7&respondent=coachee&limit=1')).body.total;
		await open(page, '/my-survey');
		// The coach still to be answered about comes first.
		assert.equal(await page.inputValue('select[name=coach]'), '7');
		// An internal coach: now the question about reporting to management is asked.
		await page.waitForSelector('input[name=not_reporting]');
		const aboutLinda = { respect: 5, trust: 4, helps: 4, part_of_team: 4, not_reporting: 5, feels_like_assessment: 1 };
		await answerSurvey(page, aboutLinda);
		await page.waitForSelector('.done[role=status]');
		assert.match(await page.textContent('.done[role=status]'), /Dank u: uw antwoorden over Linda Smit zijn ontvangen\. U kunt weer antwoorden vanaf 1 dec\. 2026/);
		const after = (await admin.get('/surveys?coach=7&respondent=coachee&answered_on=2026-11-28')).body.items;
		assert.equal((await admin.get('/surveys?coach=7&respondent=coachee&limit=1')).body.total, before + 1);
		assert.ok(after.some((s) => s.respect === 5 && s.trust === 4 && s.not_reporting === 5 && s.feels_like_assessment === 1));

		// Opened again: both coaches are answered for this round, each says so.
		await open(page, '/my-survey');
		await page.selectOption('select[name=coach]', '7');
		await answeredNotice(page, 'Linda Smit');
		await page.selectOption('select[name=coach]', '1');
		await answeredNotice(page, 'Jeroen Bakker');
		assert.equal((await admin.get('/surveys?coach=1&respondent=coachee&limit=1')).body.total, jeroenBefore, 'nothing added');
	} finally {
		assert.equal((await admin.del(`/assignments/${asg.body.id}`)).status, 204);
	}
});

test('an answer sent from a page opened before the round\'s answer (another tab) is refused and keeps its answers', async () => {
	const page = nl;
	const asg = await admin.post('/assignments', { programme: 4, coach: 8, coachee: LOGINS.rep, starts_on: '2026-11-28' });
	assert.equal(asg.status, 201, JSON.stringify(asg.body));
	try {
		await open(page, '/my-survey');
		await page.selectOption('select[name=coach]', '8');
		await page.waitForSelector('input[name=not_reporting]');
		// Meanwhile she answers about Thomas de Graaf elsewhere.
		const elsewhere = await lotte.post('/surveys', { coach: 8, respondent: 'coachee', respect: 3, trust: 3, helps: 3, part_of_team: 3, not_reporting: 3 });
		assert.equal(elsewhere.status, 201, JSON.stringify(elsewhere.body));
		const count = (await admin.get('/surveys?coach=8&respondent=coachee&limit=1')).body.total;
		const answers = { respect: 4, trust: 5, helps: 4, part_of_team: 3, not_reporting: 4, feels_like_assessment: 2 };
		await answerSurvey(page, answers);
		await refusedInRound(page, answers, 8, count);
	} finally {
		assert.equal((await admin.del(`/assignments/${asg.body.id}`)).status, 204);
	}
});

test('the plan\'s goals are rewritten and a self-assessment added, both read back through the API', async () => {
	const page = nl;
	await open(page, '/my-plan');
	const plan = (await lotte.get('/plans?assignment=1')).body.items[0];
	assert.ok((await text(page)).includes(plan.goals));
	await page.click('button:has-text("Doelen bewerken")');
	await page.fill('textarea[name=goals]', 'Elk eerste gesprek afsluiten met een concrete vervolgafspraak.');
	await page.click('button:has-text("Doelen opslaan")');
	await page.waitForFunction(() => /De doelen zijn opgeslagen/.test(document.body.innerText));
	assert.equal((await lotte.get(`/plans/${plan.id}`)).body.goals, 'Elk eerste gesprek afsluiten met een concrete vervolgafspraak.');

	// Without a score: refused beside the scale, the chosen skill kept.
	await page.selectOption('select[name=skill]', 'closing');
	await page.click('button:has-text("Zelfbeoordeling opslaan")');
	await page.waitForSelector('.rep-scale.invalid .field-error');
	assert.equal(await page.inputValue('select[name=skill]'), 'closing');
	await page.check('input[name=score][value="3"]');
	await page.click('button:has-text("Zelfbeoordeling opslaan")');
	await page.waitForFunction(() => /Opgeslagen: Afsluiten, score 3/.test(document.body.innerText));
	await settled(page);
	const mine = (await lotte.get(`/self-assessments?plan=${plan.id}&limit=500`)).body;
	assert.ok(mine.items.some((a) => a.skill === 'closing' && a.score === 3 && a.assessed_on === '2026-11-28'));
	assert.match(await page.locator('main tbody tr', { hasText: 'Afsluiten' }).innerText(), /3 op 28 nov\. 2026/);
});

test('appraisals stand on a page of their own, marked as appraisal, with no coaching content', async () => {
	const appraisals = (await lotte.get('/appraisals?rep=3')).body.items;
	assert.ok(appraisals.length >= 1);
	// Every piece of Lotte's coaching content the API gives her.
	const sessions = await mySessions();
	const coaching = new Set();
	for (const s of sessions) for (const f of ['agenda', 'notes', 'follow_up']) if (s[f]) coaching.add(s[f]);
	for (const a of (await lotte.get('/actions?assignment=1&limit=500')).body.items) coaching.add(a.text);
	for (const p of (await lotte.get('/plans?assignment=1')).body.items) if (p.goals) coaching.add(p.goals);
	for (const o of (await lotte.get('/observations?limit=500')).body.items) for (const f of ['strengths', 'improvement']) if (o[f]) coaching.add(o[f]);
	assert.ok(coaching.size > 20, 'there is coaching content to look for');

	for (const lang of ['nl', 'en']) {
		const page = lang === 'nl' ? nl : en;
		const calls = [];
		const seen = (r) => { if (r.url().includes('/api/')) calls.push(new URL(r.url()).pathname); };
		page.on('request', seen);
		await open(page, '/my-appraisals');
		page.off('request', seen);
		const body = await text(page);
		assert.equal(await page.textContent('main h1'), lang === 'nl' ? 'Mijn beoordelingen' : 'My appraisals');
		assert.match(body, lang === 'nl' ? /Beoordeling · geen coaching/ : /Appraisal · not coaching/);
		for (const a of appraisals) assert.ok(body.includes(a.text), `shows the appraisal "${a.text}"`);
		for (const c of coaching) assert.ok(!body.includes(c), `no coaching content: "${c}"`);
		assert.deepEqual(calls.filter((p) => !/^\/api\/(appraisals|people\/\d+|me)$/.test(p)), [], 'the page reads appraisals only');
		if (lang === 'nl') assert.deepEqual(await axe(page), []);
		}
});
