// The model advisor (POST /api/advise, docs/advisor.md) as a questionnaire in
// five steps with back and next, its answers kept in this tab (useForm) over an
// ended session, ending in the advice: the recommended model, the ranking and
// scores as the API gives them, and each model's reasons, risks and checklist.
import { useEffect, useRef, useState } from 'preact/hooks';
import { post } from '../../core/api.js';
import { t, label, fmtNumber, lang } from '../../core/i18n.js';
import { useSignal } from '../../core/signal.js';
import { useForm } from '../../core/form.js';
import { Page, Field, ErrorNote, Table } from '../../core/ui.jsx';

// The questions of docs/advisor.md: type, range and default.
export const QUESTIONS = {
	team_size: { type: 'int', min: 1, max: 1000, def: 10 },
	managers: { type: 'int', min: 1, max: 100, def: 1, atMostTeam: true },
	manager_hours_per_week: { type: 'real', min: 0, max: 40, def: 2 },
	managers_trained_pct: { type: 'int', min: 0, max: 100, def: 0 },
	managers_sales_record: { type: 'bool', def: false },
	superiors_can_supervise: { type: 'bool', def: false },
	seniors: { type: 'int', min: 0, max: 1000, def: 0, atMostTeam: true },
	develop_managers: { type: 'bool', def: false },
	coach_fte: { type: 'real', min: 0, max: 20, def: 0 },
	coach_budget: { type: 'int', min: 0, max: 10000000, def: 0 },
	internal_candidate: { type: 'choice', choices: ['none', 'no_sales_background', 'sales_background'], def: 'none' },
	objective_view: { type: 'bool', def: false },
	trust: { type: 'choice', choices: ['low', 'medium', 'high'], def: 'medium' },
	target_hours: { type: 'real', min: 1, max: 10, def: 3 },
};

export const STEPS = [
	['team', ['team_size', 'managers', 'target_hours']],
	['managers', ['manager_hours_per_week', 'managers_trained_pct', 'managers_sales_record', 'superiors_can_supervise']],
	['seniors', ['seniors', 'develop_managers']],
	['coach', ['coach_fte', 'coach_budget', 'internal_candidate']],
	['culture', ['trust', 'objective_view']],
];

const initial = () => {
	const v = { step: 0 };
	for (const [k, q] of Object.entries(QUESTIONS)) v[k] = String(q.def);
	return v;
};

// The text typed as the API's value, or null when it is not one (decimals with a point or a comma).
function parse(q, text) {
	const s = String(text ?? '').trim().replace(',', '.');
	if (q.type === 'int' ? !/^\d+$/.test(s) : !/^\d+(\.\d+)?$/.test(s)) return null;
	const n = Number(s);
	return n >= q.min && n <= q.max ? n : null;
}

// The answers as the API takes them.
export function answersOf(values) {
	const body = {};
	for (const [k, q] of Object.entries(QUESTIONS)) {
		const v = values[k];
		if (q.type === 'bool') body[k] = v === 'true';
		else if (q.type === 'choice') body[k] = v;
		else body[k] = parse(q, v) ?? v; // a wrong value goes as typed: the API names it
	}
	return body;
}

function NumberQ({ f, name, error }) {
	const q = QUESTIONS[name];
	return (
		<Field label={t(`admin.q.${name}`)} hint={t('admin.advisor.range_hint', { min: fmtNumber(q.min), max: fmtNumber(q.max) })}
			error={error}>
			{(a) => <input {...a} name={name} type="text" inputMode={q.type === 'int' ? 'numeric' : 'decimal'} autocomplete="off" {...f.bind(name)} />}
		</Field>
	);
}

function ChoiceQ({ f, name }) {
	const q = QUESTIONS[name];
	const opts = q.type === 'bool'
		? [['true', t('admin.advisor.yes')], ['false', t('admin.advisor.no')]]
		: q.choices.map((c) => [c, t(`admin.choice.${name}.${c}`)]);
	return (
		<fieldset>
			<legend>{t(`admin.q.${name}`)}</legend>
			<div class="choices">
				{opts.map(([v, text]) => (
					<label>
						<input type="radio" name={name} value={v} checked={f.values[name] === v} onChange={() => f.set(name, v)} />
						{text}
					</label>
				))}
			</div>
		</fieldset>
	);
}

function Questions({ f, onAdvice }) {
	const step = Math.min(Math.max(Number(f.values.step) || 0, 0), STEPS.length - 1);
	const [key, names] = STEPS[step];
	const [errs, setErrs] = useState({});
	const h = useRef(null);
	const moved = useRef(false);
	useEffect(() => { if (moved.current && h.current) h.current.focus(); moved.current = true; }, [step]);

	function check() {
		const e = {};
		for (const n of names) {
			const q = QUESTIONS[n];
			if (q.type !== 'int' && q.type !== 'real') continue;
			const v = parse(q, f.values[n]), team = parse(QUESTIONS.team_size, f.values.team_size);
			if (v === null)
				e[n] = t(q.type === 'int' ? 'admin.advisor.whole' : 'admin.advisor.range', { min: fmtNumber(q.min), max: fmtNumber(q.max) });
			else if (q.atMostTeam && team !== null && v > team)
				e[n] = t('admin.advisor.at_most', { max: team });
		}
		setErrs(e);
		return Object.keys(e).length === 0;
	}
	async function next(ev) {
		ev.preventDefault();
		if (!check()) return;
		if (step < STEPS.length - 1) { f.set('step', step + 1); return; }
		const advice = await f.submit((v) => post('/advise', answersOf(v)));
		if (advice) {
			f.set('step', step); // the answers stay kept after the advice too (submit dropped the draft)
			onAdvice(advice);
		}
	}
	// An answer the API refused (e.g. more managers than reps): back to its step, the error beside it.
	useEffect(() => {
		const field = Object.keys(f.errors).find((k) => f.errors[k]);
		if (!field) return;
		const at = STEPS.findIndex(([, ns]) => ns.includes(field));
		if (at >= 0 && at !== step) f.set('step', at);
	}, [f.errors]);

	return (
		<form onSubmit={next} noValidate class="advisor">
			<p id="advisor-progress">{t('admin.advisor.progress', { step: step + 1, total: STEPS.length })}</p>
			<progress max={STEPS.length} value={step + 1} aria-labelledby="advisor-progress" />
			<h2 tabIndex={-1} ref={h}>{t(`admin.advisor.step.${key}`)}</h2>
			{names.map((n) => (QUESTIONS[n].type === 'int' || QUESTIONS[n].type === 'real'
				? <NumberQ f={f} name={n} error={errs[n] || f.errors[n]} />
				: <ChoiceQ f={f} name={n} />))}
			<div class="steps-nav">
				{step > 0 && <button type="button" onClick={() => { setErrs({}); f.set('step', step - 1); }}>{t('admin.advisor.back')}</button>}
				<button type="submit" class="primary" disabled={f.busy} aria-busy={f.busy ? 'true' : undefined}>
					{f.busy ? t('admin.advisor.busy') : step < STEPS.length - 1 ? t('admin.advisor.next') : t('admin.advisor.finish')}
				</button>
			</div>
			<ErrorNote error={f.error} />
		</form>
	);
}

const modelName = (m) => label('programme', 'model', m);
const points = (n) => t('admin.advice.points', { points: (n > 0 ? '+' : n < 0 ? '−' : '') + fmtNumber(Math.abs(n)) });

function ModelAdvice({ advice, model }) {
	const reasons = advice.reasons.filter((r) => r.model === model);
	const pitfalls = advice.pitfalls.filter((p) => p.model === model);
	const best = advice.best === model;
	return (
		<section class={best ? 'card private' : 'card'} data-model={model} aria-labelledby={`advice-${model}`}>
			<h3 id={`advice-${model}`}>
				{t('admin.advice.model_title', { model: modelName(model), score: advice.scores[model] })}
				{best && <> <span class="badge">{t('admin.advice.best_badge')}</span></>}
			</h3>
			<h4>{t('admin.advice.reasons')}</h4>
			{reasons.length
				? <ul>{reasons.map((r) => <li><span class="points">{points(r.points)}</span> — {r.text}</li>)}</ul>
				: <p class="muted">{t('admin.advice.no_reasons')}</p>}
			<h4>{t('admin.advice.risks')}</h4>
			{pitfalls.length
				? (
					<ul class="risks">
						{pitfalls.map((p) => (
							<li data-rule={p.rule}>
								<strong>{t(`admin.rule.${p.rule}`)}</strong>: {p.text}{' '}
								<span class="muted">({t('admin.advice.from', { answers: p.answers.map((a) => label('advise', 'answer', a)).join(', ') })})</span>
							</li>
						))}
					</ul>
				)
				: <p class="muted">{t('admin.advice.no_risks')}</p>}
			{best && advice.checklist.length > 0 && (
				<>
					<h4>{t('admin.advice.checklist', { model: modelName(model) })}</h4>
					<ul class="checklist">{advice.checklist.map((c) => <li>{c.text}</li>)}</ul>
				</>
			)}
		</section>
	);
}

function Advice({ advice }) {
	const best = advice.best;
	const score = advice.scores[best];
	const rows = advice.ranking.map((m, i) => ({ id: m, rank: i + 1, model: m }));
	return (
		<section class="advice" aria-labelledby="advice-title">
			<h2 id="advice-title" tabIndex={-1}>{t('admin.advice.title')}</h2>
			<div class="card advice-best">
				<p class="figure" data-best={best}>{t('admin.advice.best', { model: modelName(best) })}</p>
				<p>{t('admin.advice.best_score', { score })}</p>
				{score < 50 && <p class="muted">{t('admin.advice.weak', { score, model: modelName(best) })}</p>}
			</div>
			<h3>{t('admin.advice.ranking')}</h3>
			<Table caption={t('admin.advice.ranking')} rows={rows} columns={[
				{ key: 'rank', title: t('admin.advice.rank'), num: true },
				{ title: t('admin.advice.model'), render: (r) => modelName(r.model) },
				{
					title: t('admin.advice.score'), render: (r) => {
						const s = advice.scores[r.model], raw = advice.raw_scores?.[r.model];
						return (
							<span class="score-cell" data-model={r.model} data-score={s}>
								<span class="meter" aria-hidden="true"><span style={{ width: `${s}%` }} /></span>
								<span>{raw !== undefined && raw !== s ? t('admin.advice.clamped', { raw, score: s }) : fmtNumber(s)}</span>
							</span>
						);
					},
				},
			]} />
			<p class="muted">{t('admin.advice.ties')}</p>
			<h3>{t('admin.advice.models')}</h3>
			{advice.ranking.map((m) => <ModelAdvice advice={advice} model={m} />)}
		</section>
	);
}

export function Advisor() {
	const f = useForm('advisor', initial());
	const [advice, setAdvice] = useState(null);
	const l = useSignal(lang);
	const shown = useRef(null); // the advice still on the page (not left for the questions meanwhile)
	shown.current = advice;
	useEffect(() => { if (advice) document.getElementById('advice-title')?.focus(); }, [advice && advice.best]);
	// The advice's texts come from the API: in the other language, ask again.
	useEffect(() => {
		if (advice && advice.lang !== l)
			post('/advise', answersOf(f.values)).then((a) => { if (shown.current) setAdvice(a); }, () => { /* the old texts stay */ });
	}, [l]);
	const restart = () => { setAdvice(null); f.reset(initial()); };
	return (
		<Page title={t('nav.admin.advisor')} intro={t('admin.advisor.intro')}
			actions={<button type="button" onClick={restart}>{t('admin.advisor.restart')}</button>}>
			<div>
				{advice
					? (
						<>
							<Advice advice={advice} />
							<p><button type="button" onClick={() => { setAdvice(null); f.set('step', STEPS.length - 1); }}>{t('admin.advisor.change')}</button></p>
						</>
					)
					: <Questions f={f} onAdvice={setAdvice} />}
			</div>
		</Page>
	);
}
