// The programme report: coaching per programme over the API's window (90 days), as the API
// gives it to an executive: rounded, and without any figure of a programme with fewer than
// k coachees (those show the reason instead). Nothing withheld is worked out here: the only
// figure computed is the target, from figures shown and the programme's target hours.
// Alerts name people, so an executive gets none (the API's refusal is shown); an
// administrator sees the open alerts counted by model.
import { get, ApiError } from '../../core/api.js';
import { t, label, fmtNumber, fmtDate } from '../../core/i18n.js';
import { Page, Loaded, useApi, Table, Empty, errorText, SEVERITIES } from '../../core/ui.jsx';
import { BarChart, FigureTable, fmtFixed } from './chart.jsx';

const MODELS = ['manager', 'senior', 'internal', 'external'];

// Months in a window of days (a month being a twelfth of a year).
const monthsIn = (days) => (days * 12) / 365;

async function loadReport() {
	const [report, programmes, alerts] = await Promise.all([
		get('/reports/programmes'),
		get('/programmes?limit=500').then((p) => p.items, () => []),
		get('/alerts').then((a) => ({ items: a.alerts }), (e) => {
			if (e instanceof ApiError && e.status !== 0) return { refused: e };
			throw e;
		}),
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
	return { report, rows, alerts };
}

export function Report() {
	const state = useApi(loadReport);
	return (
		<Page title={t('executive.title')} wide>
			<Loaded state={state}>{(d) => <Body {...d} />}</Loaded>
		</Page>
	);
}

function Body({ report, rows, alerts }) {
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

				<Chart id="acceptance" title={t('executive.chart.acceptance')}
					caption={`${t('executive.chart.acceptance_caption', { k })} ${people}`}
					max={5} digits={1}
					rows={rows.map((r) => ({
						label: axis(r), value: r.suppressed ? null : r.mean_feedback,
						note: r.suppressed ? fewerShort : noFeedbackShort,
					}))}
					columns={[t('executive.col.programme'), t('executive.col.feedback'), t('executive.col.coachees')]}
					cells={rows.map((r) => [rowName(r),
						r.suppressed ? fewer : r.mean_feedback === null ? noFeedback : fmtFixed(r.mean_feedback),
						r.suppressed ? fewer : fmtNumber(r.coachees)])} />

				<Alerts alerts={alerts} />
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
function Chart({ id, title, caption, rows, columns, cells, max, digits, legend }) {
	return (
		<section class="card exec-figure" aria-labelledby={`exec-${id}`}>
			<h2 id={`exec-${id}`}>{title}</h2>
			<p class="muted exec-caption">{caption}</p>
			{legend}
			<BarChart name={id} rows={rows} max={max ?? null} digits={digits ?? 0} />
			<FigureTable caption={title} columns={columns} rows={cells} />
		</section>
	);
}

function Alerts({ alerts }) {
	const title = t('executive.chart.alerts');
	if (alerts.refused) {
		return (
			<section class="card exec-figure" aria-labelledby="exec-alerts">
				<h2 id="exec-alerts">{title}</h2>
				<p class="exec-refused">{t('executive.alerts.refused')}</p>
				<p class="muted">{t('executive.alerts.api_says', { text: alerts.refused.message || errorText(alerts.refused) })}</p>
			</section>
		);
	}
	const byModel = MODELS.map((m) => {
		const items = alerts.items.filter((a) => a.model === m);
		const people = new Set(items.flatMap((a) => a.people.map((p) => (p.id === null ? `${p.role}:${p.name}` : p.id))));
		const sev = Object.fromEntries(SEVERITIES.map((s) => [s, items.filter((a) => a.severity === s).length]));
		return { model: m, count: items.length, people: people.size, ...sev };
	});
	const everyone = new Set(alerts.items.flatMap((a) => a.people.map((p) => (p.id === null ? `${p.role}:${p.name}` : p.id))));
	const caption = t('executive.alerts.caption', { n: alerts.items.length, people: everyone.size });
	return (
		<section class="card exec-figure" aria-labelledby="exec-alerts">
			<h2 id="exec-alerts">{title}</h2>
			<p class="muted exec-caption">{caption}</p>
			{alerts.items.length === 0
				? <p>{t('executive.alerts.none')}</p>
				: <BarChart name="alerts" rows={byModel.map((r) => ({ label: label('programme', 'model', r.model), value: r.count }))} />}
			<FigureTable caption={title}
				columns={[t('executive.col.model'), t('executive.col.alerts'), ...SEVERITIES.map((s) => t(`severity.${s}`)), t('executive.col.people')]}
				rows={byModel.map((r) => [label('programme', 'model', r.model), fmtNumber(r.count), ...SEVERITIES.map((s) => fmtNumber(r[s])), fmtNumber(r.people)])} />
		</section>
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
