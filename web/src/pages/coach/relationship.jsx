// One coaching relationship (an assignment) as its coach sees it: the
// sessions, the coaching plan, the open action items and the ride-along
// observations. Everything here is the private content of this relationship.
import { useState } from 'preact/hooks';
import { get, getAll, post, patch, me } from '../../core/api.js';
import { t, fmtDate, fmtDateTime, localDate } from '../../core/i18n.js';
import { useForm } from '../../core/form.js';
import { Page, Loaded, useApi, Empty, Table, Input, Select, Submit, Done, ErrorNote } from '../../core/ui.jsx';
import { today, addDays, word, orNull, skills, SkillChoice, useFlash, myAssignment } from './util.jsx';

async function load(id) {
	const a = await myAssignment(id);
	const [person, programme, sessions, plans, actions, sk] = await Promise.all([
		get(`/people/${a.coachee}`),
		get(`/programmes/${a.programme}`),
		getAll(`/sessions?assignment=${id}&order=at&desc=true`),
		get(`/plans?assignment=${id}`),
		getAll(`/actions?assignment=${id}&order=due_on`),
		skills(),
	]);
	// The observations of this relationship's ride-alongs only: a read of another
	// coachee's would go into that coachee's access log.
	const rides = sessions.filter((s) => s.kind === 'ride_along');
	const obs = (await Promise.all(rides.map((s) => getAll(`/observations?session=${s.id}`)))).flat();
	return { a, person, programme, sessions, plan: plans.items[0] || null, actions, obs, skills: sk };
}

function Sessions({ d }) {
	const [all, setAll] = useState(false);
	const planned = d.sessions.filter((s) => s.status === 'planned').reverse();
	const past = d.sessions.filter((s) => s.status !== 'planned');
	const shown = all ? past : past.slice(0, 6);
	const cols = [
		{ title: t('coach.when'), render: (s) => <a href={`/coaching/sessions/${s.id}`}>{fmtDateTime(s.at)}</a> },
		{ title: t('coach.kind'), render: (s) => word('session', 'kind', s.kind) },
		{ title: t('coach.status'), render: (s) => (
			<span>{word('session', 'status', s.status)}
				{s.status === 'planned' && localDate(s.at) <= today() && <span class="coach-flag"> <span aria-hidden="true">▲ </span>{t('coach.to_log')}</span>}
			</span>) },
		{ title: t('coach.minutes'), num: true, render: (s) => t('common.minutes', { n: s.minutes }) },
		{ title: t('coach.topic'), render: (s) => s.agenda || s.customer || '' },
	];
	return (
		<section aria-labelledby="rel-sessions">
			<h2 id="rel-sessions">{t('coach.rel.sessions')}</h2>
			<h3>{t('coach.rel.planned')}</h3>
			{planned.length ? <Table caption={t('coach.rel.planned')} rows={planned} columns={cols} />
				: <Empty action={<a href={`/coaching/${d.a.id}/new`}>{t('coach.plan_session')}</a>}>{t('coach.rel.no_planned')}</Empty>}
			<h3>{t('coach.rel.past')}</h3>
			{past.length ? <Table caption={t('coach.rel.past')} rows={shown} columns={cols} />
				: <Empty>{t('coach.rel.no_past')}</Empty>}
			{past.length > shown.length && (
				<p><button type="button" onClick={() => setAll(true)}>{t('coach.rel.all_sessions', { n: past.length })}</button></p>
			)}
		</section>
	);
}

function PlanForm({ d, plan: p, onSaved, onCancel }) {
	const f = useForm(`coach.plan.${d.a.id}`, {
		goals: p?.goals || '', skills: p?.skills || '', review_on: p?.review_on || addDays(today(), 42),
	});
	async function send(ev) {
		ev.preventDefault();
		const ok = await f.submit(async (v) => {
			const body = { goals: orNull(v.goals), skills: orNull(v.skills), review_on: orNull(v.review_on) };
			return p ? patch(`/plans/${p.id}`, body) : post('/plans', { assignment: d.a.id, ...body });
		});
		if (ok) onSaved(ok);
	}
	return (
		<form onSubmit={send} noValidate class="coach-form">
			<Input form={f} name="goals" type="textarea" label={t('coach.plan.goals')} hint={t('coach.plan.goals_hint')} />
			<SkillChoice form={f} name="skills" all={d.skills.items} legend={t('coach.plan.skills')} />
			<Input form={f} name="review_on" type="date" label={t('coach.plan.review_on')} />
			<div class="row">
				<Submit form={f}>{p ? t('coach.plan.save') : t('coach.plan.add')}</Submit>
				{onCancel && <button type="button" onClick={() => { f.reset(); onCancel(); }}>{t('common.cancel')}</button>}
			</div>
		</form>
	);
}

function Plan({ d, reload }) {
	const [edit, setEdit] = useState(false);
	const [saved, setSaved] = useState(null);
	// The plan as stored: shown at once, while the page is read again.
	const [stored, setStored] = useState(null);
	const p = stored || d.plan;
	const done = (record) => { setStored(record); setEdit(false); setSaved(t('coach.plan.saved')); reload(); };
	return (
		<section class="card private" aria-labelledby="rel-plan">
			<h2 id="rel-plan">{t('coach.plan.title')}</h2>
			<Done>{saved}</Done>
			{!p && !edit && <Empty action={<button type="button" onClick={() => setEdit(true)}>{t('coach.plan.add')}</button>}>{t('coach.plan.none')}</Empty>}
			{p && !edit && (
				<>
					<dl class="facts coach-facts">
						<dt>{t('coach.plan.goals')}</dt><dd class="coach-text">{p.goals || t('common.none')}</dd>
						<dt>{t('coach.plan.skills')}</dt><dd>{p.skills ? p.skills.split(',').map(d.skills.name).join(', ') : t('common.none')}</dd>
						<dt>{t('coach.plan.review_on')}</dt><dd>{fmtDate(p.review_on)}</dd>
					</dl>
					<button type="button" onClick={() => { setSaved(null); setEdit(true); }}>{t('coach.plan.edit')}</button>
				</>
			)}
			{edit && <PlanForm d={d} plan={p} onSaved={done} onCancel={() => setEdit(false)} />}
		</section>
	);
}

function ActionForm({ d, onSaved }) {
	const f = useForm(`coach.action.${d.a.id}`, { text: '', owner: String(d.a.coachee), due_on: addDays(today(), 7) });
	async function send(ev) {
		ev.preventDefault();
		const ok = await f.submit((v) => post('/actions', {
			assignment: d.a.id, owner: Number(v.owner), text: orNull(v.text), due_on: orNull(v.due_on),
		}));
		if (ok) { f.reset(); onSaved(); }
	}
	return (
		<form onSubmit={send} noValidate class="coach-form">
			<h3>{t('coach.actions.add')}</h3>
			<Input form={f} name="text" label={t('coach.actions.text')} required />
			<div class="row">
				<Select form={f} name="owner" label={t('coach.actions.owner')}
					options={[[String(d.a.coachee), d.person.name], [String(me.value.person.id), t('coach.actions.me')]]} />
				<Input form={f} name="due_on" type="date" label={t('coach.actions.due_on')} required />
			</div>
			<Submit form={f}>{t('coach.actions.add_button')}</Submit>
		</form>
	);
}

// Correct an open action item's text or date in place (a typo, a later date).
function ActionEdit({ x, onSaved, onCancel }) {
	const f = useForm(`coach.action.edit.${x.id}`, { text: x.text, due_on: x.due_on });
	async function send(ev) {
		ev.preventDefault();
		const saved = await f.submit((v) => patch(`/actions/${x.id}`, { text: orNull(v.text), due_on: orNull(v.due_on) }));
		if (saved) onSaved(saved);
	}
	return (
		<form onSubmit={send} noValidate class="coach-form">
			<Input form={f} name="text" label={t('coach.actions.text')} required />
			<Input form={f} name="due_on" type="date" label={t('coach.actions.due_on')} required />
			<div class="row">
				<Submit form={f}>{t('common.save')}</Submit>
				<button type="button" onClick={() => { f.reset(); onCancel(); }}>{t('common.cancel')}</button>
			</div>
		</form>
	);
}

function Actions({ d, reload }) {
	const [error, setError] = useState(null);
	const [note, setNote] = useState(null);
	const [editing, setEditing] = useState(null);
	const open = d.actions.filter((x) => !x.done_on);
	const closed = d.actions.filter((x) => x.done_on).reverse();
	const owner = (x) => (x.owner === d.a.coachee ? d.person.name : x.owner === me.value.person.id ? t('coach.actions.me') : '');
	async function markDone(x) {
		setError(null);
		try {
			await patch(`/actions/${x.id}`, { done_on: today() });
			setNote(t('coach.actions.marked', { text: x.text }));
			reload();
		} catch (e) { setError(e); }
	}
	return (
		<section class="card private" aria-labelledby="rel-actions">
			<h2 id="rel-actions">{t('coach.actions.title')}</h2>
			<Done>{note}</Done>
			<ErrorNote error={error} />
			{open.length ? (
				<ul class="coach-list">
					{open.map((x) => (editing === x.id ? (
						<li>
							<ActionEdit x={x} onCancel={() => setEditing(null)}
								onSaved={(saved) => { setEditing(null); setNote(t('coach.actions.changed', { text: saved.text })); reload(); }} />
						</li>
					) : (
						<li class="coach-action">
							<span>{x.text}<br /><span class="muted">{t('coach.actions.who_when', { who: owner(x), due: fmtDate(x.due_on) })}</span>
								{x.due_on < today() && <span class="coach-flag"> <span aria-hidden="true">▲ </span>{t('coach.actions.overdue')}</span>}</span>
							<span class="coach-links">
								<button type="button" onClick={() => { setNote(null); setEditing(x.id); }} aria-label={t('coach.actions.edit_label', { text: x.text })}>{t('coach.actions.edit')}</button>
								<button type="button" onClick={() => markDone(x)} aria-label={t('coach.actions.done_label', { text: x.text })}>{t('coach.actions.done')}</button>
							</span>
						</li>
					)))}
				</ul>
			) : <p class="muted">{t('coach.actions.none')}</p>}
			{closed.length > 0 && (
				<details>
					<summary>{t('coach.actions.closed', { n: closed.length })}</summary>
					<ul class="coach-list">
						{closed.map((x) => <li>{x.text} <span class="muted">{t('coach.actions.done_on', { date: fmtDate(x.done_on) })}</span></li>)}
					</ul>
				</details>
			)}
			<ActionForm d={d} onSaved={() => { setNote(t('coach.actions.added')); reload(); }} />
		</section>
	);
}

function Observations({ d }) {
	const rides = d.sessions.filter((s) => d.obs.some((o) => o.session === s.id));
	return (
		<section aria-labelledby="rel-obs">
			<h2 id="rel-obs">{t('coach.obs.title')}</h2>
			{!rides.length && <Empty action={<a href={`/coaching/ride-along?assignment=${d.a.id}`}>{t('coach.ride.start')}</a>}>{t('coach.obs.none')}</Empty>}
			{rides.slice(0, 5).map((s) => (
				<div class="card private">
					<h3><a href={`/coaching/sessions/${s.id}`}>{fmtDate(s.at)}{s.customer ? ` · ${s.customer}` : ''}</a></h3>
					<ObservationList obs={d.obs.filter((o) => o.session === s.id)} name={d.skills.name} />
				</div>
			))}
		</section>
	);
}

// The observations of a ride-along; with onSaved, each can be corrected in place.
export function ObservationList({ obs, name, onSaved }) {
	const [editing, setEditing] = useState(null);
	// A correction is shown as stored at once, while the page reads the session again.
	const [stored, setStored] = useState({});
	return (
		<dl class="coach-obs">
			{obs.map((given) => stored[given.id] || given).map((o) => (
				<>
					<dt>{name(o.skill)}</dt>
					<dd>
						{editing === o.id ? (
							<ObservationEdit o={o} name={name} onCancel={() => setEditing(null)}
								onSaved={(saved) => { setEditing(null); setStored({ ...stored, [o.id]: saved }); onSaved(t('coach.obs.changed', { skill: name(o.skill) }), saved); }} />
						) : (
							<>
								{o.strengths && <p><strong>{t('coach.obs.strengths')}:</strong> {o.strengths}</p>}
								{o.improvement && <p><strong>{t('coach.obs.improvement')}:</strong> {o.improvement}</p>}
								{onSaved && <button type="button" onClick={() => setEditing(o.id)}
									aria-label={t('coach.obs.edit_label', { skill: name(o.skill) })}>{t('coach.actions.edit')}</button>}
							</>
						)}
					</dd>
				</>
			))}
		</dl>
	);
}

function ObservationEdit({ o, onSaved, onCancel }) {
	const f = useForm(`coach.obs.edit.${o.id}`, { strengths: o.strengths || '', improvement: o.improvement || '' });
	async function send(ev) {
		ev.preventDefault();
		const saved = await f.submit((v) => patch(`/observations/${o.id}`, { strengths: orNull(v.strengths), improvement: orNull(v.improvement) }));
		if (saved) onSaved(saved);
	}
	return (
		<form onSubmit={send} noValidate class="coach-form">
			<Input form={f} name="strengths" type="textarea" label={t('coach.obs.strengths')} />
			<Input form={f} name="improvement" type="textarea" label={t('coach.obs.improvement')} />
			<div class="row">
				<Submit form={f}>{t('common.save')}</Submit>
				<button type="button" onClick={() => { f.reset(); onCancel(); }}>{t('common.cancel')}</button>
			</div>
		</form>
	);
}

export function Relationship({ id }) {
	const state = useApi(() => load(id), [id]);
	const note = useFlash();
	const d = state.data;
	return (
		<Page title={d ? d.person.name : t('coach.rel.title')}
			intro={d ? t('coach.rel.intro', { programme: d.programme.name || '', since: fmtDate(d.a.starts_on), status: word('assignment', 'status', d.a.status) }) : null}
			actions={d && (
				<>
					<a class="button primary" href={`/coaching/${id}/new`}>{t('coach.plan_session')}</a>
					<a class="button" href={`/coaching/ride-along?assignment=${id}`}>{t('coach.ride.start')}</a>
				</>
			)}>
			<p><a href="/coaching">{t('coach.back_home')}</a></p>
			<Done>{note}</Done>
			<Loaded state={state}>{(d) => (
				<>
					<Sessions d={d} />
					<div class="grid2 coach-gap">
						<Plan d={d} reload={state.reload} />
						<Actions d={d} reload={state.reload} />
					</div>
					<Observations d={d} />
				</>
			)}</Loaded>
		</Page>
	);
}
