// The capacity planner: the manager's coaching hours needed and available, what to
// delegate to close a gap, and how many coachees fit. Prefilled with the manager's
// own figures (GET /api/plan/capacity); every change is recomputed after a pause
// in typing, and the result is announced politely.
import { useEffect, useRef, useState } from 'preact/hooks';
import { get } from '../../core/api.js';
import { t, fmtNumber } from '../../core/i18n.js';
import { useForm } from '../../core/form.js';
import { Page, Loaded, useApi, Empty, Field } from '../../core/ui.jsx';
import { myId, parseNumber } from './data.js';
import { capacity } from './plan.js';

const LIMITS = {
	coachees: { min: 0, max: 100, whole: true },
	target: { min: 0.5, max: 40 },
	hoursPerWeek: { min: 0, max: 40 },
};

// Hours as the planner gives them: to two decimals (21,67 uur).
const fmtHours = (h) => t('common.hours', { n: Number(h), h: fmtNumber(h, 2) });

// The figures as numbers, and an error per field that is not one.
function check(values) {
	const figures = {}, errors = {};
	for (const [name, lim] of Object.entries(LIMITS)) {
		const v = parseNumber(values[name]);
		if (Number.isNaN(v) || (lim.whole && !Number.isInteger(v))) errors[name] = t(lim.whole ? 'manager.plan.err.whole' : 'manager.plan.err.number');
		else if (v < lim.min || v > lim.max) errors[name] = t('manager.plan.err.range', { min: fmtNumber(lim.min), max: fmtNumber(lim.max) });
		else figures[name] = v;
	}
	return { figures, errors };
}

function NumberField({ form, name, label, hint, error }) {
	return (
		<Field label={label} hint={hint} error={error} required>
			{(a) => <input {...a} name={name} type="text" inputMode={LIMITS[name].whole ? 'numeric' : 'decimal'} autocomplete="off" {...form.bind(name)} />}
		</Field>
	);
}

function Result({ r, figures, span }) {
	return (
		<>
			<div class="cards manager-figures">
				<div class="card">
					<p class="muted">{t('manager.plan.needed')}</p>
					<p class="figure" data-figure="needed">{fmtHours(r.needed)}</p>
					<p class="muted">{t('manager.plan.needed_how', { n: figures.coachees, h: fmtNumber(figures.target, 2) })}</p>
				</div>
				<div class="card">
					<p class="muted">{t('manager.plan.available')}</p>
					<p class="figure" data-figure="available">{fmtHours(r.available)}</p>
					<p class="muted">{t('manager.plan.available_how', { h: fmtNumber(figures.hoursPerWeek, 2) })}</p>
				</div>
				<div class="card">
					<p class="muted">{t('manager.plan.max_span')}</p>
					<p class="figure" data-figure="max_span">{r.maxSpan === null ? '–' : fmtNumber(r.maxSpan)}</p>
					<p class="muted">{t('manager.plan.max_span_how', { n: figures.coachees, span })}</p>
				</div>
			</div>
			<h2>{t('manager.plan.proposal')}</h2>
			<div class="card" data-figure="proposal">
				{r.shortfall > 0
					? <p><span class="severity sev-warning"><span aria-hidden="true">▲ </span>{t('manager.plan.short', { h: fmtHours(r.shortfall), w: fmtHours(r.shortfallPerWeek) })}</span></p>
					: <p><span class="severity" aria-hidden="true">✓ </span>{t('manager.plan.no_short', { h: fmtHours(r.spare) })}</p>}
				{r.shortfall > 0 && r.closes && (
					<>
						<p>{t('manager.plan.delegate', { h: fmtHours(r.freed) })}</p>
						<ul>{r.tasks.filter((x) => x.delegate).map((x) => <li data-task={x.id}><strong>{x.name}</strong>: {t('manager.plan.task_hours', { w: fmtHours(x.hours_per_week), m: fmtHours(Math.round(x.hours_per_month * 100) / 100) })}</li>)}</ul>
					</>
				)}
				{r.shortfall > 0 && !r.closes && (
					<p>{r.tasks.length
						? t('manager.plan.no_cover', { h: fmtHours(r.freed) })
						: t('manager.plan.no_tasks')}</p>
				)}
				{r.shortfall > 0 && r.maxSpan !== null && figures.coachees > r.maxSpan && (
					<p>{t('manager.plan.or_fewer', { n: r.maxSpan, fewer: figures.coachees - r.maxSpan })}</p>
				)}
				{r.tasks.some((x) => !x.delegate) && (
					<>
						<p class="muted">{t(r.shortfall > 0 ? 'manager.plan.other_tasks' : 'manager.plan.still_delegable')}</p>
						<ul class="muted">{r.tasks.filter((x) => !x.delegate).map((x) => <li>{x.name}: {t('manager.plan.task_hours', { w: fmtHours(x.hours_per_week), m: fmtHours(Math.round(x.hours_per_month * 100) / 100) })}</li>)}</ul>
					</>
				)}
			</div>
		</>
	);
}

// One sentence for the live region: what changed, in short.
function summary(r) {
	const base = t('manager.plan.summary', { needed: fmtHours(r.needed), available: fmtHours(r.available), n: r.maxSpan ?? 0 });
	if (!(r.shortfall > 0)) return `${base} ${t('manager.plan.no_short', { h: fmtHours(r.spare) })}`;
	const what = r.closes
		? t('manager.plan.summary_delegate', { tasks: r.tasks.filter((x) => x.delegate).map((x) => x.name).join(', ') })
		: t('manager.plan.summary_no_cover');
	return `${base} ${t('manager.plan.short', { h: fmtHours(r.shortfall), w: fmtHours(r.shortfallPerWeek) })} ${what}`;
}

function Planner({ row }) {
	const mine = { coachees: String(row.coachees), target: fmtNumber(row.target_hours, 2), hoursPerWeek: fmtNumber(row.hours_per_week, 2) };
	const f = useForm(null, mine);
	const tasks = row.delegable_tasks || [];
	const [shown, setShown] = useState(() => ({ ...check(mine), result: capacity(check(mine).figures, tasks) }));
	const timer = useRef(null);
	useEffect(() => {
		clearTimeout(timer.current);
		timer.current = setTimeout(() => {
			const c = check(f.values);
			setShown((s) => (Object.keys(c.errors).length ? { ...s, errors: c.errors } : { ...c, result: capacity(c.figures, tasks) }));
		}, 250);
		return () => clearTimeout(timer.current);
	}, [f.values.coachees, f.values.target, f.values.hoursPerWeek]);
	const errors = shown.errors || {};
	const stale = Object.keys(errors).length > 0;
	return (
		<>
			<form class="wide" onSubmit={(ev) => ev.preventDefault()} noValidate aria-labelledby="plan-figures">
				<fieldset>
					<legend id="plan-figures">{t('manager.plan.figures')}</legend>
					<div class="row">
						<NumberField form={f} name="coachees" label={t('manager.plan.coachees')} hint={t('manager.plan.coachees_hint', { n: row.coachees })} error={errors.coachees} />
						<NumberField form={f} name="target" label={t('manager.plan.target')} hint={t('manager.plan.target_hint', { h: fmtNumber(row.target_hours, 2) })} error={errors.target} />
						<NumberField form={f} name="hoursPerWeek" label={t('manager.plan.hours_per_week')} hint={t('manager.plan.hours_per_week_hint', { h: fmtNumber(row.hours_per_week, 2) })} error={errors.hoursPerWeek} />
					</div>
					<div class="form-end">
						<button type="button" onClick={() => f.setValues({ ...mine })}>{t('manager.plan.reset')}</button>
					</div>
				</fieldset>
			</form>
			<p class="card" aria-live="polite" data-figure="summary">
				{stale ? t('manager.plan.stale') : summary(shown.result)}
			</p>
			<Result r={shown.result} figures={shown.figures} span={row.span} />
		</>
	);
}

export function Capacity() {
	// A manager without an active coach profile of kind manager is not planned (422/404).
	const state = useApi(() => get(`/plan/capacity?manager=${myId()}`)
		.catch((e) => (e.status === 422 || e.status === 404 ? { managers: [] } : Promise.reject(e))));
	return (
		<Page title={t('nav.manager.capacity')} intro={t('manager.plan.intro')}>
			<Loaded state={state}>{(plan) => plan.managers.length
				? <Planner row={plan.managers[0]} />
				: <Empty>{t('manager.plan.empty')}</Empty>}</Loaded>
		</Page>
	);
}
