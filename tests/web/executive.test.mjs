// The executive's programme report in a real browser: the charts are drawn, every figure in
// the tables is the API's own (GET /api/reports/programmes as the executive), a programme
// with fewer than k coachees shows the reason and no figure, the alerts are refused to the
// executive in the API's words and counted by model for an administrator, the chart library
// is loaded on this page only, and the page fits 360 px; in Dutch and English, with axe-core.
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
	await page.waitForFunction(() => document.querySelectorAll('.exec-chart canvas').length >= 3);
	return page;
}

// The rows of the visible table: the cells' texts, the first cell's lines apart.
const tableRows = (page) => page.$$eval('.exec-table tbody tr', (trs) =>
	trs.map((tr) => [...tr.cells].map((td) => td.innerText.trim())));

test('the demo has programmes on both sides of k, so that the test means something', () => {
	assert.equal(report.k, 5);
	assert.ok(report.programmes.some((p) => p.suppressed), 'a programme under k');
	assert.ok(report.programmes.some((p) => !p.suppressed), 'a programme shown');
});

test('as the executive in Dutch: charts, the API\'s figures in the table, nothing under k', async () => {
	const page = await openReport('nl', 1280);
	assert.equal(new URL(page.url()).pathname, '/report');
	assert.equal(await page.textContent('main h1'), 'Programmarapport');
	const headings = await page.$$eval('main h2', (hs) => hs.map((h) => h.textContent));
	assert.deepEqual(headings, ['Coachees per programma', 'Coachinguren tegenover het doel',
		'Acceptatie: feedback op de coaching per model', 'Signaleringen per model', 'Cijfers per programma']);
	assert.equal(await page.$$eval('.exec-chart canvas', (c) => c.filter((x) => x.width > 0 && x.height > 0).length), 3);

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
		assert.ok(lines.length >= 4, `${p.team.name} in every table`);
		for (const l of lines) assert.doesNotMatch(l.replaceAll('minder dan 5', ''), /\d/, `a figure of ${p.team.name}: ${l}`);
	}

	// The alerts name people: the executive gets the API's refusal, not a chart.
	const alerts = await page.textContent('[aria-labelledby=exec-alerts]');
	assert.match(alerts, /Signaleringen worden u niet getoond: ze noemen mensen\./);
	assert.match(alerts, /salescoach meldt: signaleringen noemen mensen/);
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

test('an administrator gets the report too, with the open alerts counted by model', async () => {
	const api = await apiAs(srv.base, LOGINS.admin);
	const { body } = await api.get('/alerts');
	assert.ok(body.alerts.length > 0);
	const page = await openReport('en', 1280, LOGINS.admin);
	await page.waitForSelector('[data-chart=alerts] canvas');
	const cells = await page.$$eval('[aria-labelledby=exec-alerts] table tbody tr', (trs) =>
		trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
	const models = ['manager', 'senior', 'internal', 'external'];
	assert.equal(cells.length, 4);
	models.forEach((m, i) => {
		const of = body.alerts.filter((a) => a.model === m);
		assert.equal(cells[i][1], String(of.length), m);
		assert.equal(cells[i][2], String(of.filter((a) => a.severity === 'error').length), `${m} errors`);
	});
	assert.match(await page.textContent('[aria-labelledby=exec-alerts]'), new RegExp(`${body.alerts.length} open alerts about \\d+ people`));
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
