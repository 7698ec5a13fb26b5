// One session as its coach sees it: log it as held (notes, focus skills, the
// agreed follow-up), change it while planned, cancel it or note a no-show; the
// coachee's feedback on the coaching (theirs to give); a ride-along's observations.
import { useState } from 'preact/hooks';
import { get, getAll, post, patch } from '../../core/api.js';
import { t, fmtDateTime, toLocalInput, toApiTime } from '../../core/i18n.js';
import { useForm } from '../../core/form.js';
import { Page, Loaded, useApi, Input, Select, Submit, Done, ErrorNote } from '../../core/ui.jsx';
import { word, orNull, intOrNull, skills, SkillChoice, OverrideReason, useOverride, useFlash, myAssignment } from './util.jsx';
import { ObservationList } from './relationship.jsx';

async function load(id) {
	const s = await get(`/sessions/${id}`);
	const a = await myAssignment(s.assignment);
	const [person, sk, obs] = await Promise.all([
		get(`/people/${a.coachee}`),
		skills(),
		s.kind === 'ride_along' ? getAll(`/observations?session=${id}`) : [],
	]);
	return { s, a, person, skills: sk, obs };
}

// A refusal of status (a session in the future cannot be held) is about the time.
async function about(fn) {
	try { return await fn(); } catch (e) {
		if (e.field === 'status') e.field = 'at';
		throw e;
	}
}

function LogForm({ d, onSaved }) {
	const s = d.s;
	const ride = s.kind === 'ride_along';
	const f = useForm(`coach.session.${s.id}`, {
		at: toLocalInput(s.at), minutes: String(s.minutes), agenda: s.agenda || '', notes: s.notes || '',
		skills: s.skills || '', follow_up: s.follow_up || '', override_reason: '',
	});
	const [status, setStatus] = useState(null);
	const override = useOverride();
	async function send(ev) {
		ev.preventDefault();
		const next = (ev.submitter && ev.submitter.value) || (s.status === 'planned' ? 'held' : s.status);
		setStatus(next);
		const ok = await f.submit((v) => about(override.guard(() => patch(`/sessions/${s.id}`, {
			at: toApiTime(v.at), minutes: intOrNull(v.minutes), agenda: orNull(v.agenda), notes: orNull(v.notes),
			skills: orNull(v.skills), status: next,
			...(ride ? { follow_up: orNull(v.follow_up) } : {}),
			...(orNull(v.override_reason) ? { override_reason: orNull(v.override_reason) } : {}),
		}))));
		if (ok) { f.reset({ ...f.values, override_reason: '' }); onSaved(next === s.status ? t('coach.session.saved') : t(`coach.session.now_${next}`), ok); }
	}
	return (
		<form onSubmit={send} noValidate class="coach-form">
			<div class="row">
				<Input form={f} name="at" type="datetime-local" label={t('coach.when')} required />
				<Input form={f} name="minutes" type="number" inputMode="numeric" min="1" max="480" label={t('coach.minutes')} required />
			</div>
			<Input form={f} name="agenda" type="textarea" label={t('coach.session.agenda')} />
			<Input form={f} name="notes" type="textarea" label={t('coach.session.notes')} hint={t('coach.session.notes_hint')} />
			<SkillChoice form={f} name="skills" all={d.skills.items} legend={t('coach.session.skills')} />
			{ride && <Input form={f} name="follow_up" type="textarea" label={t('coach.ride.follow_up')} />}
			<OverrideReason form={f} override={override} />
			<div class="form-end">
				{s.status === 'planned' ? (
					<>
						<button type="submit" class="primary" value="held" disabled={f.busy}>{f.busy && status === 'held' ? t('common.saving') : t('coach.session.log_held')}</button>
						<button type="submit" value="planned" disabled={f.busy}>{t('coach.session.save_planned')}</button>
					</>
				) : <button type="submit" class="primary" disabled={f.busy}>{f.busy ? t('common.saving') : t('common.save')}</button>}
				<ErrorNote error={f.error} />
			</div>
		</form>
	);
}

function StatusButtons({ d, onSaved }) {
	const [error, setError] = useState(null);
	const [busy, setBusy] = useState(false);
	async function set(status) {
		setError(null);
		setBusy(true);
		try {
			onSaved(t(`coach.session.now_${status}`), await patch(`/sessions/${d.s.id}`, { status }));
		} catch (e) { setError(e); } finally { setBusy(false); }
	}
	return (
		<section aria-labelledby="ses-other">
			<h2 id="ses-other">{t('coach.session.not_held')}</h2>
			<div class="row">
				<button type="button" disabled={busy} onClick={() => set('cancelled')}>{t('coach.session.cancel')}</button>
				<button type="button" disabled={busy} onClick={() => set('no_show')}>{t('coach.session.no_show')}</button>
			</div>
			<ErrorNote error={error} />
		</section>
	);
}

function AddObservation({ d, onSaved }) {
	const f = useForm(`coach.obs.${d.s.id}`, { skill: '', strengths: '', improvement: '' });
	async function send(ev) {
		ev.preventDefault();
		const ok = await f.submit((v) => post('/observations', {
			session: d.s.id, skill: orNull(v.skill), strengths: orNull(v.strengths), improvement: orNull(v.improvement),
		}));
		if (ok) { f.reset(); onSaved(t('coach.obs.added')); }
	}
	return (
		<form onSubmit={send} noValidate class="coach-form">
			<h3>{t('coach.obs.add')}</h3>
			<Select form={f} name="skill" label={t('coach.obs.skill')} blank={t('coach.obs.choose')}
				options={d.skills.items.map((x) => [x.code, x.name])} required />
			<Input form={f} name="strengths" type="textarea" label={t('coach.obs.strengths')} />
			<Input form={f} name="improvement" type="textarea" label={t('coach.obs.improvement')} />
			<Submit form={f}>{t('coach.obs.add_button')}</Submit>
		</form>
	);
}

function Feedback({ s }) {
	return (
		<p class="muted">
			{s.feedback ? t('coach.session.feedback', { n: s.feedback }) : t('coach.session.no_feedback')}
		</p>
	);
}

export function Session({ id }) {
	const state = useApi(() => load(id), [id]);
	const flashed = useFlash();
	const [note, setNote] = useState(null);
	// The session as stored: shown at once, while the page is read again.
	const [stored, setStored] = useState(null);
	const saved = (text, record) => { setNote(text); setStored(record); state.reload(); };
	const d = state.data && stored && state.loading ? { ...state.data, s: stored } : state.data;
	return (
		<Page title={d ? t('coach.session.title', { kind: word('session', 'kind', d.s.kind), name: d.person.name }) : t('coach.session.title_plain')}
			intro={d ? t('coach.session.intro', { at: fmtDateTime(d.s.at), minutes: d.s.minutes, status: word('session', 'status', d.s.status) }) : null}>
			<p><a href={d ? `/coaching/${d.a.id}` : '/coaching'}>{d ? t('coach.back_rel', { name: d.person.name }) : t('coach.back_home')}</a></p>
			<Done>{note || flashed}</Done>
			<Loaded state={state}>{() => (
				<>
					{d.s.kind === 'ride_along' && (
						<dl class="facts coach-facts">
							<dt>{t('coach.ride.customer')}</dt><dd>{d.s.customer || t('common.none')}</dd>
							<dt>{t('coach.ride.stage')}</dt><dd>{d.s.stage ? word('session', 'stage', d.s.stage) : t('common.none')}</dd>
							<dt>{t('coach.ride.role')}</dt><dd>{d.s.role ? word('session', 'role', d.s.role) : t('common.none')}</dd>
						</dl>
					)}
					<section class="card private" aria-labelledby="ses-log">
						<h2 id="ses-log">{d.s.status === 'planned' ? t('coach.session.log') : t('coach.session.edit')}</h2>
						<LogForm d={d} onSaved={saved} key={`${d.s.status}`} />
					</section>
					{d.s.status === 'planned' && <StatusButtons d={d} onSaved={saved} />}
					{d.s.status === 'held' && (
						<section aria-labelledby="ses-feedback">
							<h2 id="ses-feedback">{t('coach.session.feedback_title')}</h2>
							<Feedback s={d.s} />
						</section>
					)}
					{d.s.kind === 'ride_along' && (
						<section class="card private" aria-labelledby="ses-obs">
							<h2 id="ses-obs">{t('coach.obs.title')}</h2>
							{d.obs.length ? <ObservationList obs={d.obs} name={d.skills.name} onSaved={(text) => { setNote(text); state.reload(); }} /> : <p class="muted">{t('coach.obs.none_here')}</p>}
							{d.s.status === 'held' && <AddObservation d={d} onSaved={saved} />}
						</section>
					)}
				</>
			)}</Loaded>
		</Page>
	);
}
