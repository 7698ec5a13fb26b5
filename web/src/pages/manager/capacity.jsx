// The capacity planner: the manager's coaching hours needed and available, what to
// delegate to close a gap, and how many coachees fit. Prefilled with the manager's
// own figures (GET /api/plan/capacity); a figure the manager changes is sent as a
// what-if to the same address after a pause in typing (nothing is saved), and the
// API's answer is shown and announced politely. The page computes nothing itself.
import { useEffect, useRef, useState } from 'preact/hooks';
import { get, ApiError } from '../../core/api.js';
import { t, fmtNumber } from '../../core/i18n.js';
import { useForm } from '../../core/form.js';
import { Page, Loaded, useApi, Empty, Field, ErrorNote } from '../../core/ui.jsx';
import { myId } from './data.js';

// The figures a manager may try out: the names of the API's what-if parameters.
const FIGURES = ['coachees', 'target_hours', 'hours_per_week'];
const WAIT_MS = 250;

// Hours as the planner gives them: to two decimals (21,67 uur).
const fmtHours = (h) => t('common.hours', { n: Number(h), h: fmtNumber(h, 2) });

// A figure as typed, in the API's spelling: a decimal comma becomes a point (2,5 → 2.5);
// everything else goes as it is, for the API to accept or refuse.
const asSent = (s) => {
	const v = String(s ?? '').trim();
	return /^\d+,\d+$/.test(v) ? v.replace(',', '.') : v;
};

// The query of a what-if: only the figures that differ from the recorded ones.
function whatIf(values, mine) {
	const q = new URLSearchParams({ manager: String(myId()) });
	for (const name of FIGURES) if (asSent(values[name]) !== asSent(mine[name])) q.set(name, asSent(values[name]));
	return q;
}

function NumberField({ form, name, label, hint, error }) {
	return (
		<Field label={label} hint={hint} error={error} required>
			{(a) => <input {...a} name={name} type="text" inputMode={name === 'coachees' ? 'numeric' : 'decimal'} autocomplete="off" {...form.bind(name)} />}
		</Field>
	);
}

const taskHours = (x) => t('manager.capacity.task_hours', { w: fmtHours(x.hours_per_week), m: fmtHours(x.hours_per_month) });

function Proposal({ r }) {
	const short = r.shortfall_hours > 0;
	const tasks = r.delegable_tasks || [];
	const chosen = tasks.filter((x) => x.delegate), others = tasks.filter((x) => !x.delegate);
	return (
		<div class="card" data-figure="proposal">
			{short
				? <p class="sev-warning"><strong><span aria-hidden="true">▲ </span>{t('manager.capacity.short', { h: fmtHours(r.shortfall_hours), w: fmtHours(r.shortfall_hours_per_week) })}</strong></p>
				: <p><span class="severity" aria-hidden="true">✓ </span>{t('manager.capacity.no_short', { h: fmtHours(r.spare_hours) })}</p>}
			{short && r.delegation_closes_gap && (
				<>
					<p>{t('manager.capacity.delegate', { h: fmtHours(r.freed_hours) })}</p>
					<ul>{chosen.map((x) => <li data-task={x.id}><strong>{x.name}</strong>: {taskHours(x)}</li>)}</ul>
				</>
			)}
			{short && !r.delegation_closes_gap && (
				<p>{tasks.length ? t('manager.capacity.no_cover', { h: fmtHours(r.freed_hours) }) : t('manager.capacity.no_tasks')}</p>
			)}
			{short && r.coachees > r.max_span && (
				<p>{t('manager.capacity.or_fewer', { n: r.max_span, fewer: r.coachees - r.max_span })}</p>
			)}
			{others.length > 0 && (
				<>
					<p class="muted">{t(short && r.delegation_closes_gap ? 'manager.capacity.other_tasks' : 'manager.capacity.still_delegable')}</p>
					<ul class="muted">{others.map((x) => <li>{x.name}: {taskHours(x)}</li>)}</ul>
				</>
			)}
		</div>
	);
}

function Result({ answer }) {
	const r = answer.managers[0];
	return (
		<>
			<div class="cards manager-figures">
				<div class="card">
					<p class="muted">{t('manager.capacity.needed')}</p>
					<p class="figure" data-figure="needed">{fmtHours(r.needed_hours)}</p>
					<p class="muted">{t('manager.capacity.needed_how', { n: r.coachees, h: fmtNumber(r.target_hours, 2) })}</p>
				</div>
				<div class="card">
					<p class="muted">{t('manager.capacity.available')}</p>
					<p class="figure" data-figure="available">{fmtHours(r.available_hours)}</p>
					<p class="muted">{t('manager.capacity.available_how', { h: fmtNumber(r.hours_per_week, 2) })}</p>
				</div>
				<div class="card">
					<p class="muted">{t('manager.capacity.max_span')}</p>
					<p class="figure" data-figure="max_span">{fmtNumber(r.max_span)}</p>
					<p class="muted">{t('manager.capacity.max_span_how', { n: r.coachees, span: r.span })}</p>
				</div>
			</div>
			<h2>{t('manager.capacity.proposal')}</h2>
			<Proposal r={r} />
		</>
	);
}

// Which figures the answer assumed instead of the recorded ones, in words.
function assumedText(assumed) {
	const parts = [];
	if ('coachees' in assumed) parts.push(t('manager.capacity.assumed_coachees', { n: assumed.coachees }));
	if ('target_hours' in assumed) parts.push(t('manager.capacity.assumed_target', { h: fmtHours(assumed.target_hours) }));
	if ('hours_per_week' in assumed) parts.push(t('manager.capacity.assumed_hours', { h: fmtHours(assumed.hours_per_week) }));
	return parts.length ? t('manager.capacity.assumed', { figures: parts.join(', ') }) : t('manager.capacity.recorded');
}

// One sentence for the live region: what changed, in short.
function summary(r) {
	const base = t('manager.capacity.summary', { needed: fmtHours(r.needed_hours), available: fmtHours(r.available_hours), n: r.max_span });
	if (!(r.shortfall_hours > 0)) return `${base} ${t('manager.capacity.no_short', { h: fmtHours(r.spare_hours) })}`;
	const what = r.delegation_closes_gap
		? t('manager.capacity.summary_delegate', { tasks: r.delegable_tasks.filter((x) => x.delegate).map((x) => x.name).join(', ') })
		: t('manager.capacity.summary_no_cover');
	return `${base} ${t('manager.capacity.short', { h: fmtHours(r.shortfall_hours), w: fmtHours(r.shortfall_hours_per_week) })} ${what}`;
}

// The answer for the figures typed, asked WAIT_MS after the last keystroke; answers
// that arrive after a newer question are dropped. { answer, errors, error, busy }.
function useWhatIf(values, mine, recorded) {
	const [state, setState] = useState({ answer: recorded, errors: {}, error: null, busy: false });
	const asked = useRef(0);
	const query = whatIf(values, mine).toString();
	useEffect(() => {
		const n = ++asked.current;
		const q = new URLSearchParams(query);
		if ([...q.keys()].length === 1) { // nothing tried out: the recorded figures
			setState({ answer: recorded, errors: {}, error: null, busy: false });
			return undefined;
		}
		setState((s) => ({ ...s, busy: true }));
		const timer = setTimeout(() => {
			get(`/plan/capacity?${query}`).then(
				(answer) => n === asked.current && setState({ answer, errors: {}, error: null, busy: false }),
				(e) => {
					if (n !== asked.current) return;
					const field = e instanceof ApiError && e.status === 422 && FIGURES.includes(e.field) ? e.field : null;
					setState((s) => ({ ...s, busy: false, errors: field ? { [field]: e.message } : {}, error: field ? null : e }));
				});
		}, WAIT_MS);
		return () => clearTimeout(timer);
	}, [query]);
	return state;
}

function Planner({ recorded }) {
	const row = recorded.managers[0];
	const mine = { coachees: String(row.coachees), target_hours: fmtNumber(row.target_hours, 2), hours_per_week: fmtNumber(row.hours_per_week, 2) };
	const f = useForm(null, mine);
	const { answer, errors, error, busy } = useWhatIf(f.values, mine, recorded);
	const stale = Object.keys(errors).length > 0 || !!error;
	return (
		<>
			<form class="wide" onSubmit={(ev) => ev.preventDefault()} noValidate aria-labelledby="plan-figures">
				<fieldset>
					<legend id="plan-figures">{t('manager.capacity.figures')}</legend>
					<div class="row">
						<NumberField form={f} name="coachees" label={t('manager.capacity.coachees')} hint={t('manager.capacity.coachees_hint', { n: row.coachees })} error={errors.coachees} />
						<NumberField form={f} name="target_hours" label={t('manager.capacity.target')} hint={t('manager.capacity.target_hint', { h: fmtNumber(row.target_hours, 2) })} error={errors.target_hours} />
						<NumberField form={f} name="hours_per_week" label={t('manager.capacity.hours_per_week')} hint={t('manager.capacity.hours_per_week_hint', { h: fmtNumber(row.hours_per_week, 2) })} error={errors.hours_per_week} />
					</div>
					<div class="form-end">
						<button type="button" onClick={() => f.setValues({ ...mine })}>{t('manager.capacity.reset')}</button>
					</div>
				</fieldset>
			</form>
			<ErrorNote error={error} />
			<p class="muted" data-figure="assumed">
				{assumedText(answer.assumed || {})}
				{busy && <span class="muted" data-figure="recomputing"> {t('manager.capacity.recomputing')}</span>}
			</p>
			<p class="card" aria-live="polite" data-figure="summary">
				{stale ? t('manager.capacity.stale') : summary(answer.managers[0])}
			</p>
			<Result answer={answer} />
		</>
	);
}

export function Capacity() {
	// A manager without an active coach profile of kind manager is not planned (422/404).
	const state = useApi(() => get(`/plan/capacity?manager=${myId()}`)
		.catch((e) => (e.status === 422 || e.status === 404 ? { managers: [] } : Promise.reject(e))));
	return (
		<Page title={t('nav.manager.capacity')} intro={t('manager.capacity.intro')}>
			<Loaded state={state}>{(plan) => plan.managers.length
				? <Planner recorded={plan} />
				: <Empty>{t('manager.capacity.empty')}</Empty>}</Loaded>
		</Page>
	);
}
