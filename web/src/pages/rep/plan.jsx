// My coaching plan: its goals (which I may rewrite), its focus skills and next
// review, and my self-assessment of each skill over time, with a new one added.
import { useState } from 'preact/hooks';
import { getAll, patch, post } from '../../core/api.js';
import { t, fmtDate } from '../../core/i18n.js';
import { useForm } from '../../core/form.js';
import { Page, Loaded, Empty, useApi, Input, Select, Submit, Done, Table } from '../../core/ui.jsx';
import { myRelationships, skillNames, skillList, today } from './data.js';
import { Scale, PrivateNote } from './parts.jsx';

async function load() {
	const rel = await myRelationships();
	const [names, plans] = await Promise.all([
		skillNames(),
		Promise.all(rel.assignments.map((a) => getAll(`/plans?assignment=${a.id}`))).then((x) => x.flat()),
	]);
	const assessments = await Promise.all(plans.map((p) => getAll(`/self-assessments?plan=${p.id}&order=assessed_on`)));
	return { rel, names, plans: plans.map((p, i) => ({ ...p, assessments: assessments[i] })) };
}

export function Plan() {
	const state = useApi(load);
	return (
		<Page title={t('rep.plan.title')} intro={t('rep.plan.intro')}>
			<PrivateNote />
			<Loaded state={state}>{({ rel, names, plans }) => (plans.length
				? plans.map((p) => <OnePlan key={p.id} plan={p} rel={rel} names={names} reload={state.reload} many={plans.length > 1} />)
				: <Empty>{t('rep.plan.none')}</Empty>)}
			</Loaded>
		</Page>
	);
}

function OnePlan({ plan: initial, rel, names, reload, many }) {
	const [plan, setPlan] = useState(initial);
	const coach = rel.coachOf(plan.assignment);
	return (
		<div class="card private">
			{many && coach && <h2>{t('rep.plan.with_coach', { name: coach.name })}</h2>}
			<dl class="facts">
				<dt>{t('rep.plan.skills')}</dt><dd>{skillList(plan.skills, names) || t('common.none')}</dd>
				<dt>{t('rep.plan.review')}</dt><dd>{plan.review_on ? fmtDate(plan.review_on) : t('rep.plan.no_review')}</dd>
			</dl>
			<Goals plan={plan} onSaved={(p) => setPlan({ ...plan, ...p })} />
			<SelfAssessment plan={initial} names={names} reload={reload} />
		</div>
	);
}

function Goals({ plan, onSaved }) {
	const [editing, setEditing] = useState(false);
	const [saved, setSaved] = useState(false);
	const f = useForm(`rep.goals.${plan.id}`, { goals: plan.goals || '' });
	async function send(ev) {
		ev.preventDefault();
		const stored = await f.submit((v) => patch(`/plans/${plan.id}`, { goals: v.goals.trim() || null }));
		if (stored) { onSaved(stored); f.reset({ goals: stored.goals || '' }); setEditing(false); setSaved(true); }
	}
	return (
		<div>
			<h2>{t('rep.plan.goals')}</h2>
			{!editing && <>
				{plan.goals ? <p class="rep-text">{plan.goals}</p> : <p class="muted">{t('rep.plan.no_goals')}</p>}
				<Done>{saved && t('rep.plan.goals_saved')}</Done>
				<button type="button" onClick={() => { setSaved(false); setEditing(true); }}>{t('rep.plan.edit_goals')}</button>
			</>}
			{editing && (
				<form onSubmit={send} noValidate>
					<Input form={f} name="goals" type="textarea" label={t('rep.plan.goals')} hint={t('rep.plan.goals_hint')} maxLength={4000} />
					<div class="row">
						<Submit form={f}>{t('rep.plan.save_goals')}</Submit>
						<button type="button" onClick={() => { f.reset({ goals: plan.goals || '' }); setEditing(false); }}>{t('common.cancel')}</button>
					</div>
				</form>
			)}
		</div>
	);
}

function SelfAssessment({ plan, names, reload }) {
	const focus = (plan.skills || '').split(',').filter(Boolean);
	const codes = [...focus, ...Object.keys(names).filter((c) => !focus.includes(c))];
	const f = useForm(`rep.self.${plan.id}`, { skill: focus[0] || codes[0] || '', score: null, assessed_on: today() });
	const [saved, setSaved] = useState(null);
	// The latest score of each skill, and the ones before it.
	const bySkill = {};
	for (const a of plan.assessments) (bySkill[a.skill] ||= []).push(a);
	const rows = Object.entries(bySkill).map(([skill, list]) => ({ id: skill, skill, list }));
	async function send(ev) {
		ev.preventDefault();
		setSaved(null);
		const v = f.values;
		const stored = await f.submit(() => post('/self-assessments', {
			plan: plan.id, skill: v.skill, score: v.score === null ? undefined : Number(v.score), assessed_on: v.assessed_on || undefined,
		}));
		if (stored) {
			f.reset({ skill: v.skill, score: null, assessed_on: today() });
			setSaved(t('rep.self.saved', { skill: names[stored.skill] || stored.skill, score: stored.score }));
			reload();
		}
	}
	return (
		<div>
			<h2>{t('rep.self.title')}</h2>
			<p class="muted">{t('rep.self.intro')}</p>
			<Done>{saved}</Done>
			{rows.length
				? <Table caption={t('rep.self.title')} rows={rows} columns={[
					{ title: t('rep.self.skill'), render: (r) => names[r.skill] || r.skill },
					{ title: t('rep.self.latest'), render: (r) => { const a = r.list[r.list.length - 1]; return t('rep.self.score_on', { score: a.score, date: fmtDate(a.assessed_on) }); } },
					{ title: t('rep.self.earlier'), render: (r) => r.list.slice(0, -1).reverse().map((a) => t('rep.self.score_on', { score: a.score, date: fmtDate(a.assessed_on) })).join('; ') || t('common.none') },
				]} />
				: <Empty>{t('rep.self.none')}</Empty>}
			<form onSubmit={send} noValidate>
				<h3>{t('rep.self.add')}</h3>
				<Select form={f} name="skill" label={t('rep.self.skill')} options={codes.map((c) => [c, focus.includes(c) ? t('rep.self.focus_skill', { name: names[c] || c }) : (names[c] || c)])} required />
				<Scale form={f} name="score" question={t('rep.self.question')} low={t('rep.self.low')} high={t('rep.self.high')} />
				<Input form={f} name="assessed_on" type="date" label={t('rep.self.date')} max={today()} />
				<Submit form={f}>{t('rep.self.submit')}</Submit>
			</form>
		</div>
	);
}
