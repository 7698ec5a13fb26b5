// One session of mine as the API gives it to the coachee: when, with whom, the
// agenda, notes and follow-up, the ride-along's observations, the action items
// that came from it; my feedback on the coaching, and my points for the agenda.
import { useState, useEffect } from 'preact/hooks';
import { get, getAll, patch } from '../../core/api.js';
import { t, label, fmtDate, fmtDateTime } from '../../core/i18n.js';
import { useForm } from '../../core/form.js';
import { Page, Loaded, Empty, useApi, Input, Submit, Done } from '../../core/ui.jsx';
import { myRelationships, skillNames, skillList, sortActions } from './data.js';
import { ActionList, Scale, PrivateNote, sessionTitle } from './parts.jsx';

export function Session({ id }) {
	const state = useApi(async () => {
		const s = await get(`/sessions/${id}`);
		const [rel, names, observations, actions] = await Promise.all([
			myRelationships(), skillNames(),
			s.kind === 'ride_along' ? getAll(`/observations?session=${s.id}`) : [],
			getAll(`/actions?session=${s.id}&order=due_on`),
		]);
		return { s, rel, names, observations, actions: sortActions(actions) };
	});
	const title = state.data ? `${sessionTitle(state.data.s)} · ${fmtDate(state.data.s.at)}` : t('rep.session.title');
	return (
		<Page title={title}>
			<p><a href="/my-sessions">{t('rep.session.back')}</a></p>
			<Loaded state={state}>{(d) => <Detail {...d} />}</Loaded>
		</Page>
	);
}

function Text({ value, empty }) {
	return value ? <p class="rep-text">{value}</p> : <p class="muted">{empty}</p>;
}

function Detail({ s: initial, rel, names, observations, actions: initialActions }) {
	const [s, setS] = useState(initial);
	const [actions, setActions] = useState(initialActions);
	useEffect(() => { setS(initial); setActions(initialActions); }, [initial]);
	const coach = rel.coachOf(s.assignment);
	const mine = !!coach; // a session of my own coaching (a coach who is also a rep may open others' by address)
	const planned = s.status === 'planned';
	return (
		<div>
			<dl class="facts">
				<dt>{t('rep.session.when')}</dt><dd>{fmtDateTime(s.at)}</dd>
				<dt>{t('rep.session.duration')}</dt><dd>{t('common.minutes', { n: s.minutes })}</dd>
				<dt>{t('rep.session.kind')}</dt><dd>{label('session', 'kind', s.kind)}</dd>
				<dt>{t('rep.session.status')}</dt><dd>{label('session', 'status', s.status)}</dd>
				{coach && <><dt>{t('rep.session.coach_label')}</dt><dd>{coach.name}</dd></>}
				{s.customer && <><dt>{t('rep.session.customer')}</dt><dd>{s.customer}</dd></>}
				{s.stage && <><dt>{t('rep.session.stage')}</dt><dd>{label('session', 'stage', s.stage)}</dd></>}
				{s.role && <><dt>{t('rep.session.role')}</dt><dd>{label('session', 'role', s.role)}</dd></>}
				{s.skills && <><dt>{t('rep.session.skills')}</dt><dd>{skillList(s.skills, names)}</dd></>}
			</dl>
			<div class="card private">
				<PrivateNote />
				<h2>{t('rep.session.agenda')}</h2>
				<Text value={s.agenda} empty={t('rep.session.no_agenda')} />
				<h2>{t('rep.session.notes')}</h2>
				<Text value={s.notes} empty={planned ? t('rep.session.notes_later') : t('rep.session.no_notes')} />
				{(s.kind === 'ride_along' || s.follow_up) && <>
					<h2>{t('rep.session.follow_up')}</h2>
					<Text value={s.follow_up} empty={t('rep.session.no_follow_up')} />
				</>}
				{s.kind === 'ride_along' && <>
					<h2>{t('rep.session.observations')}</h2>
					{observations.length
						? <ul class="rep-list">{observations.map((o) => (
							<li key={o.id}>
								<strong>{names[o.skill] || o.skill}</strong>
								<dl class="facts">
									<dt>{t('rep.session.strengths')}</dt><dd>{o.strengths || t('common.none')}</dd>
									<dt>{t('rep.session.improvement')}</dt><dd>{o.improvement || t('common.none')}</dd>
								</dl>
							</li>))}</ul>
						: <p class="muted">{t('rep.session.no_observations')}</p>}
				</>}
			</div>
			<h2>{t('rep.session.actions')}</h2>
			{actions.length
				? <ActionList actions={actions} rel={rel} sessionLinks={false} onChange={(a) => setActions((xs) => sortActions(xs.map((x) => (x.id === a.id ? a : x))))} />
				: <Empty>{t('rep.session.no_actions')}</Empty>}
			{mine && planned && <AgendaForm s={s} onSaved={setS} />}
			{mine && s.status === 'held' && <Feedback s={s} onSaved={setS} />}
			{mine && s.status === 'held' && <p><a class="button" href={`/my-shares?session=${s.id}`}>{t('rep.session.share')}</a></p>}
		</div>
	);
}

// My points for the agenda of a planned session (agenda is both parties' field).
function AgendaForm({ s, onSaved }) {
	const f = useForm(`rep.agenda.${s.id}`, { agenda: s.agenda || '' });
	const [saved, setSaved] = useState(false);
	async function send(ev) {
		ev.preventDefault();
		setSaved(false);
		const stored = await f.submit((v) => patch(`/sessions/${s.id}`, { agenda: v.agenda.trim() || null }));
		if (stored) { onSaved(stored); f.reset({ agenda: stored.agenda || '' }); setSaved(true); }
	}
	return (
		<form onSubmit={send} noValidate>
			<h2>{t('rep.session.prepare')}</h2>
			<Input form={f} name="agenda" type="textarea" label={t('rep.session.agenda')} hint={t('rep.session.agenda_hint')} maxLength={4000} />
			<Submit form={f}>{t('rep.session.save_agenda')}</Submit>
			<Done>{saved && t('rep.session.agenda_saved')}</Done>
		</form>
	);
}

// The coachee's rating of the coaching in this session (never a rating of the coachee).
function Feedback({ s, onSaved }) {
	const f = useForm(null, { feedback: s.feedback });
	const [saved, setSaved] = useState(false);
	async function send(ev) {
		ev.preventDefault();
		setSaved(false);
		const stored = await f.submit((v) => patch(`/sessions/${s.id}`, { feedback: v.feedback === null || v.feedback === undefined ? null : Number(v.feedback) }));
		if (stored) { onSaved(stored); setSaved(true); }
	}
	return (
		<form onSubmit={send} noValidate>
			<h2>{t('rep.session.feedback')}</h2>
			<Scale form={f} name="feedback" question={t('rep.session.feedback_question')} low={t('rep.session.feedback_low')} high={t('rep.session.feedback_high')} />
			<p class="hint">{t('rep.session.feedback_hint')}</p>
			<Submit form={f}>{t('rep.session.save_feedback')}</Submit>
			<Done>{saved && t('rep.session.feedback_saved')}</Done>
		</form>
	);
}
