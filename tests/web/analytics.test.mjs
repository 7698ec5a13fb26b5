// Analyses (/analytics) in a real browser: the reports of a range of months, a tab each. Every
// cell of every tab is the API's own figure (GET /api/reports/X as the same person), a
// withheld figure shows the reason and no number, the month range changes the figures and the
// address, a range the API refuses shows its message by the filter, an administrator also sees
// acceptance per coach, the open survey round shows why it has no figures, the Coaches tab
// is there for an administrator and a coach and not for an executive, a rep gets no such
// page; in Dutch and English, at 360 px, with axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, startBrowser, newPage, login, axe, untranslated, screenshot, settled, LOGINS, apiAs, cats } from './harness.mjs';

let srv, browser, exec, admin, programmes;
before(async () => {
	srv = await startServer();
	browser = await startBrowser();
	exec = await apiAs(srv.base, LOGINS.executive);
	admin = await apiAs(srv.base, LOGINS.admin);
	programmes = new Map((await admin.get('/programmes?limit=500')).body.items.map((p) => [p.id, p]));
});
after(async () => {
	await browser?.close();
	await srv?.stop();
});

// The texts and numbers of the page in lang, from the catalogues and Intl as the page has them.
function texts(lang) {
	const c = cats[lang];
	const loc = lang === 'nl' ? 'nl-NL' : 'en-GB';
	const fill = (id, p = {}) => c[id].replace(/\{([a-z_]+)\}/g, (m, k) => String(p[k]));
	const fixed = (n, d = 1) => new Intl.NumberFormat(loc, { minimumFractionDigits: d, maximumFractionDigits: d }).format(n);
	const month = (s, partial) => {
		const [y, m] = s.split('-').map(Number);
		const text = new Intl.DateTimeFormat(loc, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 15)));
		return partial ? fill('analytics.partial', { month: text }) : text;
	};
	return {
		fill, fixed, month,
		count: (n) => new Intl.NumberFormat(loc, { maximumFractionDigits: 0 }).format(n),
		number: (n) => new Intl.NumberFormat(loc, { maximumFractionDigits: 2 }).format(n),
		pct: (n) => fill('analytics.pct', { v: fixed(n) }),
		signed: (n) => new Intl.NumberFormat(loc, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(n),
		model: (m) => c[`label.programme.model.${m}`],
	};
}

// The rows each tab should show for the API's answer r, cell by cell.
const expected = {
	coverage(r, T) {
		const group = T.fill('analytics.withheld_group', { k: r.k }), fewer = T.fill('analytics.withheld', { k: r.k });
		const figs = (x, why) => (x.suppressed ? [why] : [T.count(x.coached), T.count(x.with_session), T.pct(x.share_pct)]);
		const name = (g) => (g.programme && programmes.get(g.programme) ? `${g.team.name}: ${programmes.get(g.programme).name}` : g.team.name);
		return [r.months.flatMap((m) => [
			...m.groups.map((g) => [T.month(m.month, m.partial), name(g), T.model(g.model), ...figs(g, group)]),
			[T.month(m.month, m.partial), T.fill('analytics.total'), T.fill('analytics.all_models'), ...figs(m.total, fewer)],
		])];
	},
	hours(r, T) {
		const group = T.fill('analytics.withheld_group', { k: r.k }), fewer = T.fill('analytics.withheld', { k: r.k });
		const figs = (x, why) => (x.suppressed ? [why]
			: [T.count(x.coached), T.fixed(x.hours_per_coachee), T.count(x.on_target), T.pct(x.on_target_pct)]);
		return [r.months.flatMap((m) => [
			...m.programmes.map((p) => [T.month(m.month, m.partial), programmes.get(p.id).name, T.model(p.model), T.number(p.target), ...figs(p, group)]),
			[T.month(m.month, m.partial), T.fill('analytics.total'), T.fill('analytics.all_models'), T.fill('analytics.hours.own_target'), ...figs(m.total, fewer)],
		])];
	},
	impact(r, T) {
		const none = T.fill('analytics.impact.not_enough');
		const entries = [...r.models.map((m) => [T.model(m.model), m.impact]), [T.fill('analytics.total'), r.total]];
		return [
			entries.flatMap(([name, f]) => ['attainment', 'win_rate'].map((k) => {
				const d = f[k];
				return [name, T.fill(`analytics.impact.${k}`), T.count(d.treated), T.count(d.control), ...(d.enough
					? [T.signed(d.treated_change), T.signed(d.control_change), T.signed(d.effect),
						T.fill('analytics.impact.interval', { low: T.signed(d.low), high: T.signed(d.high) })]
					: [none])];
			})),
			entries.map(([name, f]) => [name, T.count(f.people), T.count(f.controls), T.count(f.waiting)]),
		];
	},
	acceptance(r, T) {
		const items = ['respect', 'trust', 'helps', 'part_of_team', 'not_reporting', 'feels_like_assessment'];
		const cell = (c, open) => {
			const few = T.fill('analytics.acceptance.few', { min: r.min_answers });
			const why = open ? T.fill('analytics.acceptance.open')
				: c.withheld ? T.fill('analytics.acceptance.withheld') : c.answers === null ? few
				: c.mean === null ? T.fill('analytics.acceptance.few_people', { k: r.k }) : null;
			if (why) return c.answers === null ? [why] : [T.count(c.answers), why];
			return [T.count(c.answers), T.fixed(c.mean), ...items.map((i) => (c[i] === null
				? T.fill('analytics.acceptance.item_few', { min: r.min_answers }) : T.fixed(c[i])))];
		};
		const table = (months) => months.flatMap((m) => ['coachee', 'management'].map((g) =>
			[T.month(m.month), T.fill(`analytics.acceptance.group.${g}`), ...cell(m[g], m.open)]));
		return [...r.models.map((m) => table(m.months)), ...(r.coaches || []).map((c) => table(c.months))];
	},
	coaches(r, T) {
		return [r.coaches.map((c) => {
			const last = c.months.at(-1), cad = c.cadence, fb = c.feedback, att = c.impact.attainment;
			return [c.coach.active ? c.coach.person.name : T.fill('analytics.coaches.inactive', { name: c.coach.person.name }),
				T.model(c.coach.kind),
				T.fill('analytics.coaches.of_capacity', { n: T.count(last.coachees), capacity: T.count(last.capacity) }),
				last.load_pct === null ? T.fill('analytics.coaches.no_capacity') : T.pct(last.load_pct),
				cad.pct === null ? T.fill('analytics.coaches.no_cadence')
					: T.fill('analytics.coaches.cadence', { kept: T.count(cad.kept), of: T.count(cad.coachee_months), pct: T.pct(cad.pct) }),
				T.count(fb.people), fb.mean === null ? T.fill('analytics.withheld', { k: r.k }) : T.fixed(fb.mean),
				T.count(att.treated), ...(att.enough
					? [T.signed(att.effect), T.fill('analytics.impact.interval', { low: T.signed(att.low), high: T.signed(att.high) })]
					: [T.fill('analytics.impact.not_enough')])];
		})];
	},
};

// The tables of the tab shown: per table its rows, per row its cells' texts.
const tablesOf = (page, tab) => page.$$eval(`[data-report=${tab}] table`, (ts) =>
	ts.map((t) => [...t.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent.trim()))));

async function checkTab(page, tab, lang, api, query = '') {
	await page.waitForSelector(`[data-report=${tab}]`);
	await settled(page);
	const r = await api.get(`/reports/${tab}${query}`);
	assert.equal(r.status, 200);
	assert.deepEqual(await tablesOf(page, tab), expected[tab](r.body, texts(lang)), `${tab} (${lang})`);
	return r.body;
}

async function open(lang, who, { width = 1280, next = '/analytics' } = {}) {
	const page = await newPage(browser, { lang, width });
	await login(page, srv.base, who, { next });
	await settled(page);
	return page;
}

test('the demo has withheld and shown figures in each report, so that the test means something', async () => {
	const cov = (await exec.get('/reports/coverage')).body;
	assert.equal(cov.k, 5);
	const groups = cov.months.flatMap((m) => m.groups);
	assert.ok(groups.some((g) => g.suppressed) && groups.some((g) => !g.suppressed), 'coverage on both sides of k');
	const hours = (await exec.get('/reports/hours')).body;
	assert.ok(hours.months.some((m) => m.programmes.some((p) => p.suppressed)), 'a programme under k');
	const impact = (await exec.get('/reports/impact')).body;
	assert.ok(!impact.total.attainment.enough, 'the demo is too small for an effect');
	// The demo's survey answers are all of this month, a round still open: withheld for everyone.
	const acc = (await exec.get('/reports/acceptance')).body;
	assert.ok(acc.models.length > 0);
	for (const m of acc.models) {
		assert.deepEqual(m.months.map((x) => x.open), m.months.map((x) => x.month === cov.to), 'only this month is open');
		const now = m.months.at(-1);
		assert.ok(now.coachee.mean === null && now.management.mean === null);
	}
	const cells = acc.models.flatMap((m) => m.months.flatMap((x) => [x.coachee, x.management]));
	assert.ok(cells.some((c) => c.withheld && c.answers === null), 'a withheld cell without its answers');
	assert.deepEqual(acc.coaches ?? [], [], 'an executive reads no coach');
	assert.ok((await admin.get('/reports/acceptance')).body.coaches.length > 0, 'an administrator reads the coaches');
	// The coaches report: every coach for an administrator, feedback shown and withheld; an
	// executive is refused.
	const coaches = (await admin.get('/reports/coaches')).body.coaches;
	assert.ok(coaches.length > 1);
	assert.ok(coaches.some((c) => c.feedback.mean !== null) && coaches.some((c) => c.feedback.mean === null), 'feedback on both sides of k');
	assert.equal((await exec.get('/reports/coaches')).status, 403);
});

test('as the executive in Dutch: each tab shows the API\'s figures, a withheld group its reason', async () => {
	const page = await open('nl', LOGINS.executive, { next: '/report' });
	const link = page.locator('nav a[href="/analytics"]');
	assert.equal((await link.textContent()).trim(), 'Analyses');
	await link.click();
	await page.waitForSelector('[data-report=coverage]');
	assert.equal(await page.textContent('main h1'), 'Analyses');
	const cov = await checkTab(page, 'coverage', 'nl', exec);
	// The default range is the API's: the filter shows it.
	assert.equal(await page.inputValue('#ana-from'), cov.from);
	assert.equal(await page.inputValue('#ana-to'), cov.to);
	// A withheld group: the reason, and no figure in its row.
	const rows = (await tablesOf(page, 'coverage'))[0];
	const hidden = rows.filter((r) => r[3].startsWith('niet getoond: minder dan 5 mensen'));
	assert.ok(hidden.length > 0);
	for (const r of hidden) assert.doesNotMatch(r.slice(3).join(' ').replaceAll('minder dan 5', ''), /\d/);
	assert.ok(await page.$('[data-chart=coverage]'), 'the chart of the months');
	// The report as a spreadsheet: the links ask the API for the same report and range.
	const csv = await page.getAttribute('.ana-panel .export a[href*="format=csv"]', 'href');
	const url = new URL(csv, srv.base);
	assert.equal(url.pathname, '/api/reports/coverage');
	const got = await page.evaluate((h) => fetch(h).then(async (r) =>
		[r.status, r.headers.get('content-type'), r.headers.get('content-disposition'), await r.text()]), csv);
	assert.equal(got[0], 200);
	assert.match(got[1], /text\/csv/);
	assert.match(got[2], /coverage\.csv/);
	assert.match(got[3], new RegExp(cov.months[0].month));
	await page.waitForSelector('[data-chart=coverage] canvas');
	await screenshot(page, 'analytics-nl-1280');
	assert.deepEqual(await axe(page), []);

	for (const tab of ['hours', 'impact', 'acceptance']) {
		await page.click(`#ana-tab-${tab}`);
		await checkTab(page, tab, 'nl', exec);
		assert.equal(new URL(page.url()).searchParams.get('tab'), tab);
		assert.equal(await page.getAttribute(`#ana-tab-${tab}`, 'aria-current'), 'page');
		assert.equal(await page.evaluate(() => document.activeElement.id), `ana-tab-${tab}`, 'the focus stays on the tab');
	}
	// This month's round is open: each of its rows says so, and shows no figure.
	const round = (await tablesOf(page, 'acceptance')).flat().filter((r) => r[0] === texts('nl').month(cov.to));
	assert.ok(round.length > 0);
	for (const r of round) assert.deepEqual(r.slice(2), ['ronde loopt nog: getoond als de maand voorbij is']);
	assert.equal(await page.$('#ana-coaches'), null, 'no coach for an executive');
	assert.equal(await page.$('#ana-tab-coaches'), null, 'no Coaches tab for an executive');
	await page.click('#ana-tab-impact');
	await page.waitForSelector('[data-report=impact]');
	assert.match(await page.textContent('[data-report=impact] table'), /niet genoeg gegevens/);
	assert.deepEqual(await untranslated(page), []);
	assert.deepEqual(await axe(page), []);
	assert.deepEqual(page.faults, []);
	await page.context().close();
});

test('the month range and model change the figures and the address; a bad range shows the API\'s message', async () => {
	const page = await open('en', LOGINS.executive);
	await page.waitForSelector('[data-report=coverage]');
	await page.fill('#ana-from', '2026-09');
	await page.fill('#ana-to', '2026-11');
	await page.selectOption('#ana-model', 'manager');
	await page.click('#ana-apply');
	await page.waitForURL(/from=2026-09/);
	const url = new URL(page.url());
	assert.deepEqual([url.searchParams.get('from'), url.searchParams.get('to'), url.searchParams.get('model')], ['2026-09', '2026-11', 'manager']);
	const body = await checkTab(page, 'coverage', 'en', exec, '?from=2026-09&to=2026-11&model=manager');
	assert.deepEqual(body.months.map((m) => m.month), ['2026-09', '2026-10', '2026-11']);
	assert.match(await page.textContent('.ana-range'), /September 2026 to November 2026\. Model: manager\./);
	// The filters stay as the tab changes, and the address opened anew shows the same view.
	await page.click('#ana-tab-hours');
	await page.waitForURL(/tab=hours/);
	await checkTab(page, 'hours', 'en', exec, '?from=2026-09&to=2026-11&model=manager');
	const shared = await newPage(browser, { lang: 'en' });
	await login(shared, srv.base, LOGINS.executive, { next: new URL(page.url()).pathname + new URL(page.url()).search });
	await checkTab(shared, 'hours', 'en', exec, '?from=2026-09&to=2026-11&model=manager');
	assert.equal(await shared.inputValue('#ana-from'), '2026-09');
	await shared.context().close();

	// From after to: the API's own message by the filter, no figures, the field marked.
	await page.fill('#ana-from', '2026-11');
	await page.fill('#ana-to', '2026-09');
	await page.click('#ana-apply');
	await page.waitForSelector('#ana-filter-error');
	const refusal = await exec.get('/reports/hours?from=2026-11&to=2026-09&model=manager&lang=en');
	assert.equal(refusal.status, 422);
	assert.equal((await page.textContent('#ana-filter-error')).replace('⚠', '').trim(), refusal.body.error.message);
	assert.equal(await page.getAttribute(`#ana-${refusal.body.error.field}`, 'aria-invalid'), 'true');
	assert.equal(await page.$('[data-report=hours]'), null);
	assert.deepEqual(await axe(page), []);
	assert.deepEqual(page.faults, []);
	await page.context().close();
});

// The coverage report's groups are per programme (a "programme" id beside model and team) and
// the current month is not over ("partial": true): the tab names the programme and says the
// month is not over.
test('coverage per programme, with a month not over yet', async () => {
	const page = await open('en', LOGINS.executive);
	const cov = await checkTab(page, 'coverage', 'en', exec);
	assert.ok(cov.months.some((m) => m.groups.length > 0));
	assert.ok(cov.months.every((m) => m.groups.every((g) => programmes.has(g.programme))), 'every group is a programme');
	assert.deepEqual(cov.months.map((m) => m.partial), cov.months.map((m, i) => i === cov.months.length - 1));
	const last = (await tablesOf(page, 'coverage'))[0].at(-1);
	assert.match(last[0], /\(so far\)$/);
	const amsterdam = [...programmes.values()].find((p) => p.team === 2);
	assert.match(await page.textContent('[data-report=coverage] table'), new RegExp(`Team Amsterdam: ${amsterdam.name}`));
	assert.deepEqual(page.faults, []);
	await page.context().close();
});

// A closed month with enough answers (the demo's are all in the open round): the server's own
// answer, changed on its way to the page, shows the cell's answers, mean and items exactly, an
// item with too few answers its reason, and the open month and a withheld cell theirs.
test('acceptance of a closed month: the figures of a shown cell, exactly', async () => {
	const page = await newPage(browser, { lang: 'nl' });
	let changed = null;
	await page.route('**/api/reports/acceptance*', async (route) => {
		const res = await route.fetch();
		const body = await res.json();
		const months = body.models[0].months;
		months[0].coachee = { answers: 7, withheld: false, mean: 4.2, respect: 4.5, trust: 4, helps: 3.8,
			part_of_team: 4.5, not_reporting: null, feels_like_assessment: 2.1 };
		months[0].management = { answers: null, withheld: true, mean: null, respect: null, trust: null, helps: null,
			part_of_team: null, not_reporting: null, feels_like_assessment: null };
		changed = body;
		await route.fulfill({ response: res, json: body });
	});
	await login(page, srv.base, LOGINS.executive, { next: '/analytics?tab=acceptance' });
	await page.waitForSelector('[data-report=acceptance]');
	await settled(page);
	const tables = await tablesOf(page, 'acceptance');
	assert.deepEqual(tables, expected.acceptance(changed, texts('nl')));
	const T = texts('nl'), m = changed.models[0].months;
	assert.deepEqual(tables[0][0], [T.month(m[0].month), 'coachees', '7', '4,2', '4,5', '4,0', '3,8', '4,5',
		'niet getoond: minder dan 5 antwoorden op deze vraag, of achtergehouden om zo\'n groep te beschermen', '2,1']);
	assert.deepEqual(tables[0][1], [T.month(m[0].month), 'management', 'achtergehouden zodat een kleinere groep niet is terug te rekenen']);
	assert.deepEqual(tables[0].at(-1).slice(2), ['ronde loopt nog: getoond als de maand voorbij is']);
	assert.deepEqual(page.faults, []);
	await page.context().close();
});

// An effect with enough people on both sides (the demo has too few): the changes, the effect
// and its interval as the API gives them, signed, beside "not enough data" of the other rows.
test('impact with enough data: the effect and its 95 % interval', async () => {
	const page = await newPage(browser, { lang: 'nl' });
	let changed = null;
	await page.route('**/api/reports/impact*', async (route) => {
		const res = await route.fetch();
		const body = await res.json();
		body.total.attainment = { treated: 12, control: 30, enough: true, treated_change: 4.2,
			control_change: -1, effect: 5.2, low: -0.3, high: 10.7 };
		changed = body;
		await route.fulfill({ response: res, json: body });
	});
	await login(page, srv.base, LOGINS.executive, { next: '/analytics?tab=impact' });
	await page.waitForSelector('[data-report=impact]');
	await settled(page);
	const tables = await tablesOf(page, 'impact');
	assert.deepEqual(tables, expected.impact(changed, texts('nl')));
	assert.deepEqual(tables[0].find((r) => r[0] === 'Totaal' && r[1] === 'Doelrealisatie'),
		['Totaal', 'Doelrealisatie', '12', '30', '+4,2', '-1,0', '+5,2', '-0,3 tot +10,7']);
	assert.deepEqual(tables[0].find((r) => r[0] === 'Totaal' && r[1] === 'Winstpercentage').slice(4), ['niet genoeg gegevens']);
	assert.deepEqual(page.faults, []);
	await page.context().close();
});

test('as an administrator in English: each tab, and acceptance per coach', async () => {
	const page = await open('en', LOGINS.admin, { next: '/analytics?tab=acceptance' });
	const acc = await checkTab(page, 'acceptance', 'en', admin);
	assert.equal(await page.$$eval('details.ana-coach', (d) => d.length), acc.coaches.length);
	const first = page.locator('details.ana-coach summary').first();
	await first.focus();
	await page.keyboard.press('Enter');
	assert.equal(await page.$eval('details.ana-coach', (d) => d.open), true, 'a coach opens by keyboard');
	for (const tab of ['coverage', 'hours', 'impact']) {
		await page.click(`#ana-tab-${tab}`);
		await checkTab(page, tab, 'en', admin);
	}
	assert.match(await page.textContent('[data-report=impact] table'), /not enough data/);
	assert.deepEqual(await axe(page), []);
	// Coaches: a row per coach, every cell the API's; the feedback of too few people withheld.
	await page.click('#ana-tab-coaches');
	const coaches = await checkTab(page, 'coaches', 'en', admin);
	assert.equal((await tablesOf(page, 'coaches'))[0].length, coaches.coaches.length);
	assert.ok(coaches.coaches.length > 1);
	assert.match(await page.textContent('[data-report=coaches] table'), /fewer than 5 people: not shown/);
	assert.equal(await page.evaluate(() => document.activeElement.id), 'ana-tab-coaches');
	assert.deepEqual(await axe(page), []);
	assert.deepEqual(page.faults, []);
	await page.context().close();
});

test('at 360 px the page does not scroll sideways: the tables scroll in their box', async () => {
	const page = await open('nl', LOGINS.executive, { width: 360 });
	for (const tab of ['coverage', 'hours', 'impact', 'acceptance']) {
		await page.goto(`${srv.base}/analytics?tab=${tab}`);
		await page.waitForSelector(`[data-report=${tab}]`);
		await settled(page);
		const fit = await page.evaluate(() => ({
			page: document.documentElement.scrollWidth,
			boxes: [...document.querySelectorAll('.ana-scroll')].map((b) => b.getBoundingClientRect().right),
		}));
		assert.ok(fit.page <= 360, `${tab}: the page is ${fit.page} px wide`);
		for (const right of fit.boxes) assert.ok(right <= 360, `${tab}: a table box ends at ${right}`);
		if (tab === 'hours') await screenshot(page, 'analytics-nl-360');
	}
	assert.deepEqual(await axe(page), []);
	assert.deepEqual(page.faults, []);
	await page.context().close();

	// An administrator's Coaches tab, the widest table, at 360 px too.
	const wide = await open('nl', LOGINS.admin, { width: 360, next: '/analytics?tab=coaches' });
	await checkTab(wide, 'coaches', 'nl', admin);
	const fit = await wide.evaluate(() => ({
		page: document.documentElement.scrollWidth,
		boxes: [...document.querySelectorAll('.ana-scroll')].map((b) => b.getBoundingClientRect().right),
	}));
	assert.ok(fit.page <= 360, `coaches: the page is ${fit.page} px wide`);
	for (const right of fit.boxes) assert.ok(right <= 360, `coaches: a table box ends at ${right}`);
	assert.deepEqual(await axe(wide), []);
	assert.deepEqual(wide.faults, []);
	await wide.context().close();
});

test('a manager has the page; a rep has no entry and gets no page', async () => {
	const manager = await open('en', LOGINS.manager);
	assert.ok(await manager.$('nav a[href="/analytics"]'));
	const jeroen = await apiAs(srv.base, LOGINS.manager);
	await checkTab(manager, 'coverage', 'en', jeroen);
	await manager.context().close();

	// The manager coaches (the manager model): in Dutch, a Coaches tab with their own entry only.
	const coach = await open('nl', LOGINS.manager);
	await coach.click('#ana-tab-coaches');
	const own = await checkTab(coach, 'coaches', 'nl', jeroen);
	assert.deepEqual(own.coaches.map((c) => c.coach.person.name), ['Jeroen Bakker']);
	assert.deepEqual(await untranslated(coach), []);
	assert.deepEqual(await axe(coach), []);
	assert.deepEqual(coach.faults, []);
	await coach.context().close();

	// An executive who coaches no one has no Coaches tab, also when the address asks for it.
	const executive = await open('en', LOGINS.executive, { next: '/analytics?tab=coaches' });
	await executive.waitForSelector('[data-report=coverage]');
	assert.equal(await executive.$('#ana-tab-coaches'), null);
	await executive.context().close();

	const page = await open('en', LOGINS.rep);
	assert.equal(await page.$('nav a[href="/analytics"]'), null);
	await page.goto(`${srv.base}/analytics`);
	await page.waitForSelector('main h1');
	assert.equal(await page.textContent('main h1'), 'Page not found');
	assert.equal(await page.$('[data-report]'), null);
	await page.context().close();
});
