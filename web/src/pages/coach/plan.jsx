// Plan a session with a coachee: kind, date and time, length, agenda, focus skills.
import { get, post } from '../../core/api.js';
import { t, toApiTime } from '../../core/i18n.js';
import { useForm } from '../../core/form.js';
import { navigate } from '../../core/router.js';
import { Page, Loaded, useApi, Input, Select, Submit } from '../../core/ui.jsx';
import { today, addDays, word, orNull, intOrNull, skills, SkillChoice, OverrideReason, useOverride, flash, myAssignment } from './util.jsx';

const KINDS = ['one_to_one', 'call_review', 'deal_review', 'ride_along', 'team'];

async function load(id) {
	const a = await myAssignment(id);
	const [person, sk] = await Promise.all([get(`/people/${a.coachee}`), skills()]);
	return { a, person, skills: sk };
}

function PlanForm({ d }) {
	const f = useForm(`coach.new.${d.a.id}`, {
		kind: 'one_to_one', at: `${addDays(today(), 1)}T09:00`, minutes: '60', agenda: '', skills: '',
		customer: '', override_reason: '',
	});
	const override = useOverride();
	async function send(ev) {
		ev.preventDefault();
		const s = await f.submit((v) => override.guard(() => post('/sessions', {
			assignment: d.a.id, kind: v.kind, at: toApiTime(v.at), minutes: intOrNull(v.minutes), status: 'planned',
			agenda: orNull(v.agenda), skills: orNull(v.skills),
			...(v.kind === 'ride_along' ? { customer: orNull(v.customer) } : {}),
			...(orNull(v.override_reason) ? { override_reason: orNull(v.override_reason) } : {}),
		}))());
		if (s) {
			f.reset();
			flash.value = t('coach.new.saved', { name: d.person.name });
			navigate(`/coaching/${d.a.id}`);
		}
	}
	return (
		<form onSubmit={send} noValidate class="coach-form">
			<Select form={f} name="kind" label={t('coach.kind')} options={KINDS.map((k) => [k, word('session', 'kind', k)])} />
			<div class="row">
				<Input form={f} name="at" type="datetime-local" label={t('coach.when')} required />
				<Input form={f} name="minutes" type="number" inputMode="numeric" min="1" max="480" label={t('coach.minutes')} hint={t('coach.minutes_hint')} required />
			</div>
			{f.values.kind === 'ride_along' && <Input form={f} name="customer" label={t('coach.ride.customer')} />}
			<Input form={f} name="agenda" type="textarea" label={t('coach.session.agenda')} />
			<SkillChoice form={f} name="skills" all={d.skills.items} legend={t('coach.session.skills')} />
			<OverrideReason form={f} override={override} />
			<Submit form={f}>{t('coach.new.submit')}</Submit>
		</form>
	);
}

export function PlanSession({ assignment }) {
	const state = useApi(() => load(assignment), [assignment]);
	const d = state.data;
	return (
		<Page title={d ? t('coach.new.title', { name: d.person.name }) : t('coach.plan_session')}>
			<p><a href={`/coaching/${assignment}`}>{d ? t('coach.back_rel', { name: d.person.name }) : t('coach.back_home')}</a></p>
			<Loaded state={state}>{(d) => <PlanForm d={d} />}</Loaded>
		</Page>
	);
}
