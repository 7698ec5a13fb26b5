// The ride-along, logged on a phone in two minutes: the coachee, the customer,
// the stage of the sale and the role agreed, then an observation per skill
// (what went well, the one improvement). One button stores the ride-along and
// its observations. If an observation is refused, what was typed stays, the
// error shows beside that skill, and sending again stores only what is left.
import { useState } from 'preact/hooks';
import { post, patch } from '../../core/api.js';
import { t, toApiTime } from '../../core/i18n.js';
import { useForm } from '../../core/form.js';
import { navigate, query } from '../../core/router.js';
import { Page, Loaded, useApi, Input, Select, Empty, ErrorNote } from '../../core/ui.jsx';
import { nowLocal, word, orNull, intOrNull, coachees, skills, flash } from './util.jsx';

const STAGES = ['prospecting', 'qualification', 'proposal', 'negotiation', 'closing', 'after_sales'];
const ROLES = ['observer', 'co_pilot'];
// A session field the API names, and the field of this form it is about.
const FIELDS = { status: 'at' };

async function load() {
	const [list, sk] = await Promise.all([coachees(), skills()]);
	return { list, skills: sk };
}

// Radio buttons as large touch targets.
function Choice({ form, name, legend, codes }) {
	return (
		<fieldset class={form.errors[name] ? 'coach-choice invalid' : 'coach-choice'}>
			<legend>{legend}</legend>
			<div class="choices">
				{codes.map((c) => (
					<label>
						<input type="radio" name={name} value={c} checked={form.values[name] === c}
							onChange={() => form.set(name, c)} />
						{word('session', name, c)}
					</label>
				))}
			</div>
			{form.errors[name] && <p class="field-error"><span aria-hidden="true">⚠ </span>{form.errors[name]}</p>}
		</fieldset>
	);
}

function SkillBlock({ form, skill, saved, error }) {
	const on = (form.values.observed || '').split(',').includes(skill.code);
	const toggle = (checked) => {
		const now = (form.values.observed || '').split(',').filter((c) => c && c !== skill.code);
		form.set('observed', (checked ? [...now, skill.code] : now).join(','));
	};
	const errId = `ride-err-${skill.code}`;
	return (
		<div class={error ? 'coach-skill invalid' : on ? 'coach-skill on' : 'coach-skill'}>
			<label class="check coach-skill-name">
				<input type="checkbox" name={`observed-${skill.code}`} checked={on} disabled={saved}
					onChange={(ev) => toggle(ev.currentTarget.checked)} aria-describedby={error ? errId : undefined} />
				<span>{skill.name}</span>
				{saved && <span class="badge"><span aria-hidden="true">✓ </span>{t('coach.ride.obs_saved')}</span>}
			</label>
			{on && (
				<div class="coach-skill-fields" role="group" aria-label={skill.name}>
					<Input form={form} name={`s_${skill.code}`} type="textarea" rows="2" readOnly={saved}
						label={t('coach.obs.strengths')} />
					<Input form={form} name={`i_${skill.code}`} type="textarea" rows="2" readOnly={saved}
						label={t('coach.obs.improvement_one')} />
				</div>
			)}
			{error && <p class="field-error" id={errId} role="alert"><span aria-hidden="true">⚠ </span>{t('coach.ride.obs_refused', { skill: skill.name, message: error })}</p>}
		</div>
	);
}

function RideForm({ d }) {
	const pre = query('assignment');
	const chosen = pre && d.list.some((c) => String(c.assignment) === pre) ? pre
		: d.list.length === 1 ? String(d.list[0].assignment) : '';
	const initial = {
		assignment: chosen, customer: '', stage: '', role: 'observer', at: nowLocal(), minutes: '120',
		follow_up: '', observed: '', session_id: '', saved: '',
		...Object.fromEntries(d.skills.items.flatMap((s) => [[`s_${s.code}`, ''], [`i_${s.code}`, '']])),
	};
	const f = useForm(`coach.ride.${pre || 'any'}`, initial);
	const [obsErrors, setObsErrors] = useState({});
	const saved = (f.values.saved || '').split(',').filter(Boolean);

	async function store(v) {
		const observed = d.skills.items.map((s) => s.code).filter((c) => (v.observed || '').split(',').includes(c));
		const fields = {
			at: toApiTime(v.at), minutes: intOrNull(v.minutes), customer: orNull(v.customer),
			stage: orNull(v.stage), role: orNull(v.role), follow_up: orNull(v.follow_up),
			skills: observed.join(',') || null,
		};
		let id = Number(v.session_id) || null;
		try {
			if (id) await patch(`/sessions/${id}`, fields);
			else {
				const s = await post('/sessions', {
					assignment: intOrNull(v.assignment), kind: 'ride_along', status: 'held', ...fields,
				});
				id = s.id;
				f.set('session_id', String(id));
			}
		} catch (e) {
			if (FIELDS[e.field]) e.field = FIELDS[e.field];
			throw e;
		}
		const done = [...saved];
		const errors = {};
		for (const code of observed.filter((c) => !saved.includes(c))) {
			try {
				await post('/observations', {
					session: id, skill: code, strengths: orNull(v[`s_${code}`]), improvement: orNull(v[`i_${code}`]),
				});
				done.push(code);
			} catch (e) {
				errors[code] = e.message || t('error.unknown');
			}
		}
		f.set('saved', done.join(','));
		setObsErrors(errors);
		const failed = Object.keys(errors).length;
		if (failed) throw new Error(t('coach.ride.some_refused', { n: failed }));
		return { id, n: done.length };
	}

	async function send(ev) {
		ev.preventDefault();
		const r = await f.submit(store);
		if (r) {
			f.reset(initial);
			flash.value = t('coach.ride.stored', { n: r.n });
			navigate(`/coaching/sessions/${r.id}`);
		}
	}

	return (
		<form onSubmit={send} noValidate class="coach-ride">
			{f.values.session_id
				? <p class="coach-fixed"><strong>{t('coach.coachee')}:</strong> {d.list.find((c) => String(c.assignment) === f.values.assignment)?.coachee.name}</p>
				: <Select form={f} name="assignment" label={t('coach.coachee')} blank={t('coach.ride.choose_coachee')}
					options={d.list.map((c) => [String(c.assignment), c.coachee.name])} required />}
			<Input form={f} name="customer" label={t('coach.ride.customer')} hint={t('coach.ride.customer_hint')} autocomplete="off" />
			<Choice form={f} name="stage" legend={t('coach.ride.stage')} codes={STAGES} />
			<Choice form={f} name="role" legend={t('coach.ride.role')} codes={ROLES} />
			<fieldset class="coach-skills">
				<legend>{t('coach.ride.observations')}</legend>
				<p class="hint">{t('coach.ride.observations_hint')}</p>
				{d.skills.items.map((s) => (
					<SkillBlock form={f} skill={s} saved={saved.includes(s.code)} error={obsErrors[s.code]} />
				))}
			</fieldset>
			<div class="row">
				<Input form={f} name="at" type="datetime-local" label={t('coach.when')} required />
				<Input form={f} name="minutes" type="number" inputMode="numeric" min="1" max="480" label={t('coach.minutes')} required />
			</div>
			<Input form={f} name="follow_up" type="textarea" rows="2" label={t('coach.ride.follow_up')} />
			<div class="form-end coach-sticky">
				<button type="submit" class="primary coach-big" disabled={f.busy} aria-busy={f.busy ? 'true' : undefined}>
					{f.busy ? t('common.saving') : f.values.session_id ? t('coach.ride.submit_rest') : t('coach.ride.submit')}
				</button>
				<ErrorNote error={f.error} />
			</div>
		</form>
	);
}

export function RideAlong() {
	const state = useApi(load);
	return (
		<Page title={t('coach.ride.title')} intro={t('coach.ride.intro')}>
			<Loaded state={state}>{(d) => (d.list.length
				? <RideForm d={d} />
				: <Empty action={<a href="/coaching">{t('coach.back_home')}</a>}>{t('coach.ride.no_coachees')}</Empty>)}</Loaded>
		</Page>
	);
}
