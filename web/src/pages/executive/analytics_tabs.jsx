// The tabs of Analyses (analytics.jsx), one per report of a range of months: its figures as
// the API gives them, in tables that scroll in their box, and a chart of the months' totals
// where there is one figure a month. A withheld figure shows why, never a blank or a 0.
import { t, label, lang, fmtNumber } from '../../core/i18n.js';
import { Empty } from '../../core/ui.jsx';
import { BarChart, fmtFixed } from './chart.jsx';

export const TABS = ['coverage', 'hours', 'impact', 'acceptance', 'coaches'];
export const MODELS = ['manager', 'senior', 'internal', 'external'];
const GROUPS = ['coachee', 'management'];
const ITEMS = ['respect', 'trust', 'helps', 'part_of_team', 'not_reporting', 'feels_like_assessment'];

const locale = () => (lang.value === 'nl' ? 'nl-NL' : 'en-GB');
export const count = (n) => new Intl.NumberFormat(locale(), { maximumFractionDigits: 0 }).format(n);
export const pct = (n) => t('analytics.pct', { v: fmtFixed(n, 1) });
export const signed = (n) => new Intl.NumberFormat(locale(),
	{ minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(n);
export const modelName = (m) => label('programme', 'model', m);

// "2026-06" as "June 2026"; the current month, not over yet, says so.
export function fmtMonth(month, partial) {
	const [y, m] = month.split('-').map(Number);
	const text = new Intl.DateTimeFormat(locale(), { month: 'long', year: 'numeric', timeZone: 'UTC' })
		.format(new Date(Date.UTC(y, m - 1, 15)));
	return partial ? t('analytics.partial', { month: text }) : text;
}

// A table in a box that scrolls sideways on a narrow screen: a caption, column heads, and
// rows of cells; the first cell of a row heads it. A cell { span, text } spans columns (the
// reason one figure is withheld, said once for all of a row's withheld figures). A total row
// is set in bold.
export function Grid({ caption, columns, rows, num = 1 }) {
	return (
		<div class="table-wrap ana-scroll" role="region" aria-label={caption} tabIndex={0}>
			<table>
				<caption>{caption}</caption>
				<thead><tr>{columns.map((c, i) => <th scope="col" class={i >= num ? 'num' : undefined}>{c}</th>)}</tr></thead>
				<tbody>
					{rows.map((r) => (
						<tr class={r.total ? 'ana-total' : undefined}>
							{r.cells.map((c, i) => (i === 0 ? <th scope="row">{c}</th>
								: c && c.span ? <td class="ana-why" colSpan={c.span}>{c.text}</td>
									: <td class={i >= num ? 'num' : undefined}>{c}</td>))}
						</tr>
					))}
				</tbody>
			</table>
		</div>
	);
}

function Chart({ name, title, rows, max, digits }) {
	return (
		<figure class="card exec-figure ana-chart">
			<figcaption class="muted exec-caption">{title}</figcaption>
			<BarChart name={name} rows={rows} max={max} digits={digits} />
		</figure>
	);
}

const groupName = (g, programmes) => {
	const p = g.programme ? programmes.get(g.programme) : null;
	return p ? `${g.team.name}: ${p.name}` : g.team.name;
};

// Coverage: per month and group (model and team, or programme), the people coached, those
// with a session held, and the share; the month's total over every group.
export function CoverageTab({ report, programmes }) {
	const { k } = report;
	const withheld = t('analytics.withheld_group', { k });
	const fewer = t('analytics.withheld', { k });
	const figures = (x, shield) => (x.suppressed ? [{ span: 3, text: shield ? withheld : fewer }]
		: [count(x.coached), count(x.with_session), pct(x.share_pct)]);
	const rows = report.months.flatMap((m) => [
		...m.groups.map((g) => ({ cells: [fmtMonth(m.month, m.partial), groupName(g, programmes), modelName(g.model), ...figures(g, true)] })),
		{ total: true, cells: [fmtMonth(m.month, m.partial), t('analytics.total'), t('analytics.all_models'), ...figures(m.total, false)] },
	]);
	return (
		<div data-report="coverage">
			<p>{t('analytics.coverage.about', { k })}</p>
			<Chart name="coverage" title={t('analytics.coverage.chart')} max={100} digits={1}
				rows={report.months.map((m) => ({
					label: fmtMonth(m.month, m.partial),
					value: m.total.suppressed ? null : m.total.share_pct,
					note: t('analytics.withheld_short', { k }),
				}))} />
			<Grid caption={t('analytics.coverage.table')} num={3}
				columns={[t('analytics.col.month'), t('analytics.col.group'), t('analytics.col.model'),
					t('analytics.col.coached'), t('analytics.col.with_session'), t('analytics.col.share')]}
				rows={rows} />
		</div>
	);
}

// Hours: per month and programme, the hours per coachee against the programme's target and
// how many reached it; the month's total.
export function HoursTab({ report, programmes }) {
	const { k } = report;
	const withheld = t('analytics.withheld_group', { k });
	const fewer = t('analytics.withheld', { k });
	const figures = (x, why) => (x.suppressed ? [{ span: 4, text: why }]
		: [count(x.coached), fmtFixed(x.hours_per_coachee, 1), count(x.on_target), pct(x.on_target_pct)]);
	const name = (p) => (programmes.get(p.id) ? programmes.get(p.id).name : p.team.name);
	const rows = report.months.flatMap((m) => [
		...m.programmes.map((p) => ({ cells: [fmtMonth(m.month, m.partial), name(p), modelName(p.model), fmtNumber(p.target, 2), ...figures(p, withheld)] })),
		{ total: true, cells: [fmtMonth(m.month, m.partial), t('analytics.total'), t('analytics.all_models'), t('analytics.hours.own_target'), ...figures(m.total, fewer)] },
	]);
	return (
		<div data-report="hours">
			<p>{t('analytics.hours.about', { k })}</p>
			<Chart name="hours" title={t('analytics.hours.chart')} digits={1}
				rows={report.months.map((m) => ({
					label: fmtMonth(m.month, m.partial),
					value: m.total.suppressed ? null : m.total.hours_per_coachee,
					note: t('analytics.withheld_short', { k }),
				}))} />
			<Grid caption={t('analytics.hours.table')} num={3}
				columns={[t('analytics.col.month'), t('analytics.col.programme'), t('analytics.col.model'), t('analytics.col.target'),
					t('analytics.col.coached'), t('analytics.col.hours_per_coachee'), t('analytics.col.on_target'), t('analytics.col.on_target_pct')]}
				rows={rows} />
		</div>
	);
}

// Impact: per model and in total, for attainment and win rate, the people on each side, their
// changes, and the effect with its 95 % interval, or "not enough data".
export function ImpactTab({ report }) {
	const { k } = report;
	const entries = [...report.models.map((m) => ({ name: modelName(m.model), fig: m.impact })),
		{ name: t('analytics.total'), fig: report.total, total: true }];
	const none = t('analytics.impact.not_enough');
	const rows = entries.flatMap((e) => ['attainment', 'win_rate'].map((f) => {
		const d = e.fig[f];
		const shown = d.enough
			? [signed(d.treated_change), signed(d.control_change), signed(d.effect),
				t('analytics.impact.interval', { low: signed(d.low), high: signed(d.high) })]
			: [{ span: 4, text: none }];
		return { total: e.total, cells: [e.name, t(`analytics.impact.${f}`), count(d.treated), count(d.control), ...shown] };
	}));
	return (
		<div data-report="impact">
			<p>{t('analytics.impact.about', { k, n: report.months_before_after })}</p>
			<Grid caption={t('analytics.impact.table')} num={2}
				columns={[t('analytics.col.model'), t('analytics.col.figure'), t('analytics.col.people'), t('analytics.col.controls'),
					t('analytics.col.change_people'), t('analytics.col.change_controls'), t('analytics.col.effect'), t('analytics.col.interval')]}
				rows={rows} />
			<Grid caption={t('analytics.impact.people_table')} num={1}
				columns={[t('analytics.col.model'), t('analytics.col.people'), t('analytics.col.controls'), t('analytics.col.waiting')]}
				rows={entries.map((e) => ({ total: e.total, cells: [e.name, count(e.fig.people), count(e.fig.controls), count(e.fig.waiting)] }))} />
		</div>
	);
}

// One cell of the pulse survey: its figures, or why they are not shown. A month still open
// (this month) shows no figure to anyone; a withheld cell has no answers but for an
// administrator.
function surveyCells(c, { k, min }, open) {
	const why = open ? t('analytics.acceptance.open')
		: c.withheld ? t('analytics.acceptance.withheld')
		: c.answers === null ? t('analytics.acceptance.few', { min })
			: c.mean === null ? t('analytics.acceptance.few_people', { k }) : null;
	if (why && c.answers === null) return [{ span: 2 + ITEMS.length, text: why }];
	if (why) return [count(c.answers), { span: 1 + ITEMS.length, text: why }];
	return [count(c.answers), fmtFixed(c.mean, 1),
		...ITEMS.map((i) => (c[i] === null ? t('analytics.acceptance.item_few', { min }) : fmtFixed(c[i], 1)))];
}

function Trend({ trend }) {
	const lines = GROUPS.filter((g) => trend && trend[g]).map((g) => t('analytics.acceptance.trend', {
		group: t(`analytics.acceptance.group.${g}`), from: fmtMonth(trend[g].from), to: fmtMonth(trend[g].to),
		change: signed(trend[g].change),
	}));
	return <p class="muted">{lines.length ? lines.join(' ') : t('analytics.acceptance.no_trend')}</p>;
}

function SurveyTable({ caption, months, limits }) {
	return (
		<Grid caption={caption} num={2}
			columns={[t('analytics.col.month'), t('analytics.col.group'), t('analytics.col.answers'), t('analytics.col.acceptance'),
				...ITEMS.map((i) => t(`analytics.acceptance.item.${i}`))]}
			rows={months.flatMap((m) => GROUPS.map((g) => ({
				cells: [fmtMonth(m.month), t(`analytics.acceptance.group.${g}`), ...surveyCells(m[g], limits, m.open)],
			})))} />
	);
}

// Acceptance: the pulse survey per model, month and group; per coach for the readers the API
// gives them to (an administrator every coach).
export function AcceptanceTab({ report }) {
	const limits = { k: report.k, min: report.min_answers };
	const coaches = report.coaches || [];
	return (
		<div data-report="acceptance">
			<p>{t('analytics.acceptance.about', { k: report.k, min: report.min_answers, k_survey: report.k_survey })}</p>
			{!report.models.length && !coaches.length && <Empty>{t('analytics.acceptance.empty')}</Empty>}
			{report.models.map((m) => (
				<section class="ana-block" data-model={m.model} aria-labelledby={`ana-model-${m.model}`}>
					<h3 id={`ana-model-${m.model}`}>{t('analytics.acceptance.model', { model: modelName(m.model) })}</h3>
					<Trend trend={m.trend} />
					<SurveyTable caption={t('analytics.acceptance.table', { model: modelName(m.model) })} months={m.months} limits={limits} />
				</section>
			))}
			{coaches.length > 0 && (
				<section class="ana-block" aria-labelledby="ana-coaches">
					<h3 id="ana-coaches">{t('analytics.acceptance.coaches')}</h3>
					<p class="muted">{t('analytics.acceptance.coaches_about')}</p>
					{coaches.map((c) => (
						<details class="ana-coach" data-coach={c.coach} data-kind={c.kind}>
							<summary>{t('analytics.acceptance.coach', { name: c.name, model: modelName(c.kind) })}</summary>
							<Trend trend={c.trend} />
							<SurveyTable caption={t('analytics.acceptance.coach_table', { name: c.name })} months={c.months} limits={limits} />
						</details>
					))}
				</section>
			)}
		</div>
	);
}
