// The programme report: coaching per programme over the API's window (90 days), as the API
// gives it to an executive: rounded, and without any figure of a programme with fewer than
// k coachees (those show the reason instead). Nothing withheld is worked out here: the only
// figure computed is the target, from figures shown and the programme's target hours.
// Acceptance (the pulse survey) and the open alerts come per coaching model from the same
// answer (its "models"): counted by the API without naming anyone, withheld where they would
// describe fewer than k people, so executives and administrators see the same figures.
import { get } from '../../core/api.js';
import { t, label, fmtNumber, fmtDate, lang } from '../../core/i18n.js';
import { Page, Loaded, useApi, Table, Empty, SEVERITIES } from '../../core/ui.jsx';
import { BarChart, FigureTable, fmtFixed } from './chart.jsx';
import { Export } from '../../core/export.jsx';

const GROUPS = ['coachee', 'management'];
const ITEMS = ['mean', 'respect', 'trust', 'helps', 'part_of_team', 'not_reporting'];

// Months in a window of days (a month being a twelfth of a year).
const monthsIn = (days) => (days * 12) / 365;

async function loadReport() {
	const [report, programmes] = await Promise.all([
		get('/reports/programmes'),
		get('/programmes?limit=500').then((p) => p.items, () => []),
	]);
	const target = new Map(programmes.map((p) => [p.id, p]));
	const months = monthsIn(report.window_days);
	const rows = report.programmes.map((p) => {
		const prog = target.get(p.id);
		const hours = prog ? prog.target_hours : null;
		return {
			...p,
			name: prog ? prog.name : p.team.name,
			target_hours: hours,
			target: !p.suppressed && hours !== null ? Math.round(p.coachees * hours * months) : null,
		};
	});
	return { report, rows };
}

export function Report() {
	const state = useApi(loadReport);
	return (
		<Page title={t('executive.title')} wide>
			<Loaded state={state}>{(d) => <Body {...d} />}</Loaded>
		</Page>
	);
}

function Body({ report, rows }) {
	const { k, rounding, total } = report;
	const shown = rows.filter((r) => !r.suppressed);
	const hidden = rows.length - shown.length;
	const fewer = t('executive.suppressed', { k });
	const fewerShort = t('executive.suppressed_short', { k });
	const axis = (r) => `${r.team.name}\n${label('programme', 'model', r.model)}`;
	const rowName = (r) => `${r.team.name} (${label('programme', 'model', r.model)})`;
	const people = t('executive.people', { n: total.coachees, programmes: shown.length, all: rows.length });
	const hiddenNote = hidden ? t('executive.hidden', { n: hidden, k }) : '';
	const noFeedback = t('executive.no_feedback', { k });
	const noFeedbackShort = t('executive.no_feedback_short', { k });

	if (!rows.length)
		return <Empty>{t('executive.empty')}</Empty>;

	return (
		<>
			<p class="intro">
				{t('executive.about', {
					days: report.window_days, from: fmtDate(report.from), to: fmtDate(report.to),
					k, coachees: rounding.coachees, sessions: rounding.sessions_held, hours: rounding.hours_held,
				})}
			</p>
			<div class="cards exec-totals">
				<Total name={t('executive.col.coachees')} value={fmtNumber(total.coachees)} />
				<Total name={t('executive.col.sessions')} value={fmtNumber(total.sessions_held)} />
				<Total name={t('executive.col.hours')} value={fmtNumber(total.hours_held)} />
				<Total name={t('executive.col.feedback')} value={total.mean_feedback === null ? noFeedback : fmtFixed(total.mean_feedback)} />
			</div>
			<p class="muted">{people} {hiddenNote}</p>
			<Export path="/reports/programmes" />

			<div class="exec-charts">
				<Chart id="coverage" title={t('executive.chart.coverage')}
					caption={`${t('executive.chart.coverage_caption', { step: rounding.coachees })} ${people}`}
					rows={rows.map((r) => ({ label: axis(r), value: r.suppressed ? null : r.coachees, note: fewerShort }))}
					columns={[t('executive.col.programme'), t('executive.col.coachees')]}
					cells={rows.map((r) => [rowName(r), r.suppressed ? fewer : fmtNumber(r.coachees)])} />

				<Chart id="hours" title={t('executive.chart.hours')}
					caption={`${t('executive.chart.hours_caption', { days: report.window_days })} ${people}`}
					legend={<Legend />}
					rows={rows.map((r) => ({ label: axis(r), value: r.suppressed ? null : r.hours_held, mark: r.target, note: fewerShort }))}
					columns={[t('executive.col.programme'), t('executive.col.hours'), t('executive.col.target'), t('executive.col.coachees')]}
					cells={rows.map((r) => r.suppressed
						? [rowName(r), fewer, fewer, fewer]
						: [rowName(r), fmtNumber(r.hours_held), fmtNumber(r.target), fmtNumber(r.coachees)])} />

				<Acceptance report={report} />

				<Alerts report={report} />
			</div>

			<h2>{t('executive.table.title')}</h2>
			<FiguresTable rows={rows} total={total} fewer={fewer} noFeedback={noFeedback} />
		</>
	);
}

function Total({ name, value }) {
	return <div class="card"><p class="muted exec-total-name">{name}</p><p class="figure">{value}</p></div>;
}

function Legend() {
	return (
		<p class="exec-legend muted">
			<span class="exec-key exec-key-bar" aria-hidden="true" /> {t('executive.legend.held')}
			<span class="exec-key exec-key-mark" aria-hidden="true" /> {t('executive.legend.target')}
		</p>
	);
}

// One chart: its heading, caption (what each figure describes and how many people), the
// chart, and its figures as a table for screen readers.
function Chart({ id, title, caption, rows, columns, cells, max, digits, legend, after }) {
	return (
		<section class="card exec-figure" aria-labelledby={`exec-${id}`}>
			<h2 id={`exec-${id}`}>{title}</h2>
			<p class="muted exec-caption">{caption}</p>
			{legend}
			<BarChart name={id} rows={rows} max={max ?? null} digits={digits ?? 0} />
			{after}
			<FigureTable caption={title} columns={columns} rows={cells} />
		</section>
	);
}

// The models a chart shows, with their number of people, for its caption.
function modelPeople(report) {
	const shown = report.models.filter((m) => !m.suppressed);
	const list = new Intl.ListFormat(lang.value === 'nl' ? 'nl-NL' : 'en-GB', { type: 'conjunction' })
		.format(shown.map((m) => t('executive.models.one', { model: label('programme', 'model', m.model), n: fmtNumber(m.coachees) })));
	const hidden = report.models.length - shown.length;
	return [
		shown.length ? t('executive.models.people', { list }) : t('executive.models.none', { k: report.k }),
		hidden ? t('executive.models.hidden', { n: hidden, k: report.k }) : '',
	].filter(Boolean).join(' ');
}

const modelName = (m) => label('programme', 'model', m.model);

// Acceptance by model: the pulse survey's mean of respect, trust, helps and part of the team,
// of the coachees and of management apart, each from at least min_answers answers of k people.
function Acceptance({ report }) {
	const { k, min_answers: min } = report;
	const title = t('executive.chart.acceptance');
	const fewerModel = t('executive.suppressed_short', { k });
	const fewerAnswers = t('executive.acceptance.few_short', { min });
	const fewerPeople = t('executive.acceptance.few_people_short', { k });
	const groupName = (g) => t(`executive.acceptance.group.${g}`);
	const rows = report.models.flatMap((m) => GROUPS.map((g) => ({ m, g, fig: m.suppressed ? null : m.acceptance[g] })));
	const cell = (r, item) => {
		if (!r.fig) return t('executive.suppressed', { k });
		if (r.fig.answers === null) return t('executive.acceptance.few', { min });
		if (r.fig.respondents === null) return t('executive.acceptance.few_people', { k });
		const v = r.fig[item];
		return v === null ? (item === 'not_reporting' ? t('executive.acceptance.item_few', { min }) : '–') : fmtFixed(v);
	};
	return (
		<Chart id="acceptance" title={title}
			caption={`${t('executive.chart.acceptance_caption', { days: report.window_days, min, k, k_survey: report.k_survey })} ${modelPeople(report)}`}
			max={5} digits={1}
			rows={rows.map((r) => ({
				label: `${modelName(r.m)}\n${groupName(r.g)}`,
				value: r.fig ? r.fig.mean : null,
				note: !r.fig ? fewerModel : r.fig.answers === null ? fewerAnswers : fewerPeople,
			}))}
			columns={[t('executive.col.model'), t('executive.col.respondents'), t('executive.col.answers'),
				...ITEMS.map((i) => t(`executive.acceptance.item.${i}`)), t('executive.col.coachees')]}
			cells={rows.map((r) => [modelName(r.m), groupName(r.g),
				!r.fig ? t('executive.suppressed', { k }) : r.fig.answers === null ? t('executive.acceptance.few', { min }) : fmtNumber(r.fig.answers),
				...ITEMS.map((i) => cell(r, i)),
				r.m.suppressed ? t('executive.suppressed', { k }) : fmtNumber(r.m.coachees)])} />
	);
}

// The open alerts by model, as the API counts them: by severity and by rule, a count left out
// where its alerts would describe fewer than k people.
function Alerts({ report }) {
	const { k } = report;
	const title = t('executive.chart.alerts');
	const withheld = t('executive.alerts.withheld', { k });
	const fewerModel = t('executive.suppressed', { k });
	const count = (n) => (n === null ? withheld : fmtNumber(n));
	// Every rule withheld: "other rules" would only repeat the open alerts.
	const rules = (a) => (a.open === 0 ? t('executive.alerts.none') : !a.by_rule.length ? withheld : [
		...a.by_rule.map((r) => t('executive.alerts.rule', { rule: t(`executive.rule.${r.rule}`), n: fmtNumber(r.alerts) })),
		...(a.other_rules ? [t('executive.alerts.other_rules', { n: fmtNumber(a.other_rules) })] : []),
	].join('; '));
	const shown = report.models.filter((m) => !m.suppressed);
	const none = shown.length > 0 && shown.every((m) => m.alerts.open === 0);
	return (
		<Chart id="alerts" title={title}
			caption={`${t('executive.alerts.caption', { k })} ${modelPeople(report)}`}
			rows={report.models.map((m) => ({
				label: modelName(m),
				value: m.suppressed ? null : m.alerts.open,
				note: m.suppressed ? t('executive.suppressed_short', { k }) : t('executive.alerts.withheld_short', { k }),
			}))}
			columns={[t('executive.col.model'), t('executive.col.alerts'), ...SEVERITIES.map((s) => t(`severity.${s}`)),
				t('executive.col.people'), t('executive.col.rules')]}
			cells={report.models.map((m) => (m.suppressed
				? [modelName(m), fewerModel, ...SEVERITIES.map(() => fewerModel), fewerModel, fewerModel]
				: [modelName(m), count(m.alerts.open), ...SEVERITIES.map((s) => count(m.alerts.by_severity[s])),
					m.alerts.people === null ? withheld : fmtNumber(m.alerts.people), rules(m.alerts)]))}
			after={none ? <p>{t('executive.alerts.none')}</p> : null} />
	);
}

function FiguresTable({ rows, total, fewer, noFeedback }) {
	const fig = (r, f, d = 0) => (r.suppressed ? fewer : r[f] === null ? noFeedback : d ? fmtFixed(r[f], d) : fmtNumber(r[f]));
	const columns = [
		{ key: 'name', title: t('executive.col.programme'), render: (r) => (r.total ? <strong>{r.name}</strong> : <span>{r.name}<br /><span class="muted">{r.team.name}</span></span>) },
		{ key: 'model', title: t('executive.col.model'), render: (r) => (r.total ? '' : label('programme', 'model', r.model)) },
		{ key: 'coachees', title: t('executive.col.coachees'), num: true, render: (r) => fig(r, 'coachees') },
		{ key: 'sessions', title: t('executive.col.sessions'), num: true, render: (r) => fig(r, 'sessions_held') },
		{ key: 'hours', title: t('executive.col.hours'), num: true, render: (r) => fig(r, 'hours_held') },
		{ key: 'target', title: t('executive.col.target'), num: true, render: (r) => (r.total ? '' : r.suppressed ? fewer : fmtNumber(r.target)) },
		{ key: 'feedback', title: t('executive.col.feedback'), num: true, render: (r) => fig(r, 'mean_feedback', 1) },
	];
	const all = [...rows, { id: 'total', total: true, suppressed: false, name: t('executive.total'), ...total }];
	return <div class="exec-table"><Table caption={t('executive.table.title')} columns={columns} rows={all} /></div>;
}
