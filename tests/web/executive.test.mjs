// The executive's programme report in a real browser: the charts are drawn, every figure in
// the tables is the API's own (GET /api/reports/programmes as the executive), a programme or
// a model with fewer than k coachees shows the reason and no figure, acceptance and the open
// alerts come per model from the report (the page never asks GET /api/alerts, which refuses
// an executive) and an administrator sees the same, the chart library is loaded on this page
// only, and the page fits 360 px; in Dutch and English, with axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, startBrowser, newPage, login, axe, untranslated, screenshot, settled, LOGINS, apiAs } from './harness.mjs';

let srv, browser, report;
before(async () => {
	srv = await startServer();
	browser = await startBrowser();
	const api = await apiAs(srv.base, LOGINS.executive);
	const r = await api.get('/reports/programmes');
	assert.equal(r.status, 200);
	report = r.body;
});
after(async () => {
	await browser?.close();
	await srv?.stop();
});

const nf = (lang, n, digits = 0) => new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB',
	{ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);

async function openReport(lang, width, who = LOGINS.executive) {
	const page = await newPage(browser, { lang, width });
	await login(page, srv.base, who, { next: '/report' });
	await page.waitForSelector('.exec-table table');
	await settled(page);
	await page.waitForFunction(() => document.querySelectorAll('.exec-chart canvas').length >= 4);
	return page;
}

// The rows of the visible table: the cells' texts, the first cell's lines apart.
const tableRows = (page) => page.$$eval('.exec-table tbody tr', (trs) =>
	trs.map((tr) => [...tr.cells].map((td) => td.innerText.trim())));

// The rows of the hidden table of a chart, cell by cell.
const chartTable = (page, id) => page.$$eval(`[aria-labelledby=exec-${id}] table tbody tr`, (trs) =>
	trs.map((tr) => [...tr.cells].map((c) => c.textContent)));

test('the demo has programmes and models on both sides of k, so that the test means something', () => {
	assert.equal(report.k, 5);
	assert.ok(report.programmes.some((p) => p.suppressed), 'a programme under k');
	assert.ok(report.programmes.some((p) => !p.suppressed), 'a programme shown');
	assert.deepEqual(report.models.map((m) => m.model), ['manager', 'senior', 'internal', 'external']);
	assert.ok(report.models.some((m) => m.suppressed), 'a model under k');
	const shown = report.models.filter((m) => !m.suppressed);
	assert.ok(shown.some((m) => m.acceptance.coachee.mean !== null), 'an acceptance shown');
	assert.ok(shown.some((m) => m.acceptance.management.mean === null), 'an acceptance from too few answers');
	assert.ok(shown.some((m) => m.acceptance.management.answers !== null && m.acceptance.management.respondents === null),
		'an acceptance from enough answers of too few people');
	assert.ok(shown.some((m) => m.alerts.open > 0), 'open alerts counted');
	assert.ok(shown.some((m) => m.alerts.open === null), 'alerts about fewer than k people');
});

// The acceptance and alert tables of the page against the report's models (lang nl or en).
async function checkModels(page, lng) {
	const T = lng === 'nl'
		? { fewer: 'minder dan 5 coachees: niet getoond', answers: 'minder dan 5 antwoorden: niet getoond',
			people: 'antwoorden van minder dan 5 mensen: niet getoond',
			withheld: 'over minder dan 5 mensen: niet getoond', groups: ['coachees', 'management'],
			models: { manager: 'manager', senior: 'senior', internal: 'intern', external: 'extern' } }
		: { fewer: 'fewer than 5 coachees: not shown', answers: 'fewer than 5 answers: not shown',
			people: 'answers of fewer than 5 people: not shown',
			withheld: 'about fewer than 5 people: not shown', groups: ['coachees', 'management'],
			models: { manager: 'manager', senior: 'senior', internal: 'internal', external: 'external' } };
	const acc = await chartTable(page, 'acceptance');
	assert.equal(acc.length, 8, 'two rows per model');
	report.models.forEach((m, i) => ['coachee', 'management'].forEach((g, j) => {
		const [model, group, answers, mean, respect, trust] = acc[2 * i + j];
		assert.equal(model, T.models[m.model]);
		assert.equal(group, T.groups[j]);
		if (m.suppressed) {
			assert.deepEqual([answers, mean, respect], [T.fewer, T.fewer, T.fewer], `${m.model} ${g}`);
			return;
		}
		const fig = m.acceptance[g];
		if (fig.answers === null) {
			assert.deepEqual([answers, mean, trust], [T.answers, T.answers, T.answers], `${m.model} ${g}`);
		} else if (fig.respondents === null) {
			assert.equal(answers, nf(lng, fig.answers));
			assert.deepEqual([mean, trust], [T.people, T.people], `${m.model} ${g}`);
		} else {
			assert.equal(answers, nf(lng, fig.answers));
			assert.equal(mean, nf(lng, fig.mean, 1), `${m.model} ${g} acceptance`);
			assert.equal(respect, nf(lng, fig.respect, 1));
			assert.equal(trust, nf(lng, fig.trust, 1));
		}
	}));

	const al = await chartTable(page, 'alerts');
	assert.equal(al.length, 4, 'one row per model');
	report.models.forEach((m, i) => {
		const [model, open, error, warning, info, people] = al[i];
		assert.equal(model, T.models[m.model]);
		if (m.suppressed) {
			assert.deepEqual([open, error, people], [T.fewer, T.fewer, T.fewer]);
			return;
		}
		const count = (n) => (n === null ? T.withheld : nf(lng, n));
		assert.deepEqual([open, error, warning, info, people], [count(m.alerts.open),
			count(m.alerts.by_severity.error), count(m.alerts.by_severity.warning),
			count(m.alerts.by_severity.info), count(m.alerts.people)], m.model);
	});
	// Every caption says how many people its figures describe.
	for (const id of ['acceptance', 'alerts']) {
		const caption = await page.textContent(`[aria-labelledby=exec-${id}] .exec-caption`);
		for (const m of report.models.filter((x) => !x.suppressed))
			assert.ok(caption.includes(`${T.models[m.model]} ${lng === 'nl' ? 'met ongeveer' : 'about'} ${nf(lng, m.coachees)} coachees`), `${id}: ${caption}`);
	}
}

test('as the executive in Dutch: charts, the API\'s figures in the table, nothing under k', async () => {
	const asked = [];
	const page = await newPage(browser, { lang: 'nl', width: 1280 });
	page.on('request', (r) => asked.push(new URL(r.url()).pathname));
	await login(page, srv.base, LOGINS.executive, { next: '/report' });
	await page.waitForSelector('.exec-table table');
	await settled(page);
	await page.waitForFunction(() => document.querySelectorAll('.exec-chart canvas').length >= 4);
	assert.equal(new URL(page.url()).pathname, '/report');
	assert.ok(asked.includes('/api/reports/programmes'));
	assert.ok(!asked.some((p) => p.startsWith('/api/alerts')), `asked ${asked.join(' ')}`);
	assert.equal(await page.textContent('main h1'), 'Programmarapport');
	const headings = await page.$$eval('main h2', (hs) => hs.map((h) => h.textContent));
	assert.deepEqual(headings, ['Coachees per programma', 'Coachinguren tegenover het doel',
		'Acceptatie per model', 'Signaleringen per model', 'Cijfers per programma']);
	assert.equal(await page.$$eval('.exec-chart canvas', (c) => c.filter((x) => x.width > 0 && x.height > 0).length), 4);

	const rows = await tableRows(page);
	assert.equal(rows.length, report.programmes.length + 1, 'one row per programme and the total');
	const fewer = 'minder dan 5 coachees: niet getoond';
	report.programmes.forEach((p, i) => {
		const [name, model, coachees, sessions, hours, target, feedback] = rows[i];
		assert.match(name, new RegExp(p.team.name), `row ${i}`);
		assert.equal(model, { manager: 'manager', senior: 'senior', internal: 'intern', external: 'extern' }[p.model]);
		if (p.suppressed) {
			assert.deepEqual([coachees, sessions, hours, target, feedback], [fewer, fewer, fewer, fewer, fewer]);
		} else {
			assert.equal(coachees, nf('nl', p.coachees));
			assert.equal(sessions, nf('nl', p.sessions_held));
			assert.equal(hours, nf('nl', p.hours_held));
			assert.match(target, /^\d+$/);
			assert.equal(feedback, p.mean_feedback === null
				? 'feedback van minder dan 5 mensen: niet getoond' : nf('nl', p.mean_feedback, 1));
		}
	});
	const total = rows.at(-1);
	assert.equal(total[0], 'Totaal van de getoonde programma\'s');
	assert.deepEqual([total[2], total[3], total[4], total[6]], [nf('nl', report.total.coachees),
		nf('nl', report.total.sessions_held), nf('nl', report.total.hours_held), nf('nl', report.total.mean_feedback, 1)]);

	// The chart's own tables (for screen readers) hold the same figures, and the suppressed
	// programmes show no figure anywhere on the page: only the reason, with k.
	const coverage = await page.$$eval('[aria-labelledby=exec-coverage] table tbody tr', (trs) =>
		trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
	report.programmes.forEach((p, i) =>
		assert.equal(coverage[i][1], p.suppressed ? fewer : nf('nl', p.coachees)));
	const hidden = await page.$$eval('main tr', (trs) => trs.map((tr) => tr.textContent));
	for (const p of report.programmes.filter((x) => x.suppressed)) {
		const lines = hidden.filter((l) => l.includes(p.team.name));
		assert.ok(lines.length >= 3, `${p.team.name} in every table of programmes`);
		for (const l of lines) assert.doesNotMatch(l.replaceAll('minder dan 5', ''), /\d/, `a figure of ${p.team.name}: ${l}`);
	}

	// Acceptance and the alerts per model: the report's figures, the reasons where there are none;
	// a model under k shows no figure at all, in either table.
	await checkModels(page, 'nl');
	for (const id of ['acceptance', 'alerts']) {
		const rows = await page.$$eval(`[aria-labelledby=exec-${id}] tbody tr`, (trs) => trs.map((tr) => tr.textContent));
		const models = { senior: 'senior', internal: 'intern' };
		for (const m of report.models.filter((x) => x.suppressed)) {
			const lines = rows.filter((l) => l.startsWith(models[m.model]));
			assert.ok(lines.length >= 1, `${m.model} in ${id}`);
			for (const l of lines) assert.doesNotMatch(l.replaceAll('minder dan 5', ''), /\d/, `a figure of ${m.model}: ${l}`);
		}
	}
	const alerts = await page.textContent('[aria-labelledby=exec-alerts]');
	assert.match(alerts, /Open signaleringen per model, geteld zonder iemand te noemen/);
	assert.match(await page.textContent('[aria-labelledby=exec-acceptance] .exec-caption'),
		/elk gemiddelde uit ten minste 5 antwoorden \(de strengste van k, 5, en het eigen minimum van de enquête, 3\)/);
	// No person is named by the charts: not one name of the demo's people is on the page.
	const main = await page.textContent('main');
	for (const name of ['Kees Mulder', 'Jeroen Bakker', 'Lotte Mulder', 'Wouter Postma', 'Erik van Leeuwen'])
		assert.ok(!main.includes(name), name);
	assert.match(await page.textContent('main'), /ongeveer 25 coachees in 3 van de 5 programma's/);

	assert.deepEqual(await untranslated(page), []);
	assert.deepEqual(await axe(page), []);
	assert.deepEqual(page.faults, []);
	await screenshot(page, 'executive-nl-1280');
	await page.context().close();
});

test('in English at 1280 and at 390 and 360 px wide: the charts follow the width', async () => {
	const page = await openReport('en', 1280);
	assert.equal(await page.textContent('main h1'), 'Programme report');
	const rows = await tableRows(page);
	const amsterdam = report.programmes.find((p) => !p.suppressed && p.mean_feedback !== null);
	const row = rows.find((r) => r[0].includes(amsterdam.team.name));
	assert.equal(row[6], nf('en', amsterdam.mean_feedback, 1));
	await screenshot(page, 'executive-en-1280');
	await page.context().close();

	for (const [lang, width] of [['nl', 390], ['en', 390], ['en', 360]]) {
		const p = await openReport(lang, width);
		const fit = await p.evaluate(() => ({
			page: document.documentElement.scrollWidth,
			charts: [...document.querySelectorAll('.exec-chart')].map((c) => [c.clientWidth, c.querySelector('canvas').getBoundingClientRect().width]),
		}));
		assert.ok(fit.page <= width, `the page is ${fit.page} px wide at ${width}`);
		for (const [box, canvas] of fit.charts) assert.ok(canvas <= box + 1 && box <= width, `a chart of ${canvas} px in ${box}`);
		assert.deepEqual(await axe(p), [], `${lang} ${width}`);
		if (lang === 'nl') assert.deepEqual(await untranslated(p), []);
		assert.deepEqual(p.faults, []);
		if (width === 390) await screenshot(p, `executive-${lang}-390`);
		// Narrower still: the chart is drawn again at the new width.
		if (width === 360) {
			await p.setViewportSize({ width: 320, height: 800 });
			await p.waitForFunction(() => [...document.querySelectorAll('.exec-chart canvas')].every((c) => c.getBoundingClientRect().width <= 320));
		}
		await p.context().close();
	}
});

test('an administrator gets the report too, with the same figures per model', async () => {
	const api = await apiAs(srv.base, LOGINS.admin);
	const { body } = await api.get('/reports/programmes');
	assert.deepEqual(body.models, report.models);
	const page = await openReport('en', 1280, LOGINS.admin);
	await page.waitForSelector('[data-chart=alerts] canvas');
	await checkModels(page, 'en');
	const manager = report.models.find((m) => m.model === 'manager');
	const row = (await chartTable(page, 'alerts'))[0];
	assert.equal(row[1], String(manager.alerts.open));
	assert.match(await page.textContent('[aria-labelledby=exec-alerts]'), /counted without naming anyone/);
	assert.deepEqual(await axe(page), []);
	assert.deepEqual(page.faults, []);
	await page.context().close();
});

test('the chart library is fetched on the report only, not by the login page or another role', async () => {
	const page = await newPage(browser, { lang: 'en' });
	const fetched = [];
	page.on('response', (r) => fetched.push(new URL(r.url()).pathname));
	await login(page, srv.base, LOGINS.rep);
	await settled(page);
	assert.ok(!fetched.some((f) => /uPlot/i.test(f)), `fetched ${fetched.join(' ')}`);
	assert.equal(await page.$('a[href="/report"]'), null, 'no report in a rep\'s navigation');
	await page.goto(srv.base + '/report');
	await page.waitForSelector('main h1');
	assert.equal(await page.textContent('main h1'), 'Page not found');
	await page.context().close();

	const exec = await openReport('en', 1280);
	assert.ok(await exec.evaluate(() => performance.getEntriesByType('resource').some((e) => /uPlot/.test(e.name))));
	await exec.context().close();
});
