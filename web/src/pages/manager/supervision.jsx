// Coach-the-coach: the manager reviews the coaching practice of the coaches below
// them in the reporting line — cadence and the coachees' feedback in aggregate,
// never the content of a session — and sees the reviews of their own practice.
import { useState } from 'preact/hooks';
import { getAll, post } from '../../core/api.js';
import { t, label, fmtDate, fmtHours, fmtNumber } from '../../core/i18n.js';
import { useForm } from '../../core/form.js';
import { Page, Loaded, useApi, Empty, Table, Input, Select, Submit, Done } from '../../core/ui.jsx';
import { loadTeam, today, myId, addDays, byId, current, activity, below } from './data.js';

// Feedback means shown only from this many ratings, as the pulse surveys (k_survey).
const MIN_RATINGS = 3;

async function load() {
	const t0 = today();
	const since = addDays(t0, -90);
	// Only the sessions of the coaches below the manager, to which the manager is no party:
	// the API gives them without their private fields.
	const coachesBelow = (people, coaches) => {
		const under = below(people, myId());
		return new Set(coaches.filter((c) => c.active && under.has(c.person)).map((c) => c.id));
	};
	const [data, reviews] = await Promise.all([
		loadTeam({ which: (a, { people, coaches }) => coachesBelow(people, coaches).has(a.coach), from: since, to: t0 }),
		getAll('/supervisions?order=reviewed_on&desc=true'),
	]);
	const people = byId(data.people);
	const under = below(data.people, myId());
	const coaches = data.coaches.filter((c) => c.active && under.has(c.person)).map((c) => {
		const mine = data.assignments.filter((a) => a.coach === c.id);
		const now = new Set(mine.filter((a) => current(a, t0)).map((a) => a.coachee));
		const act = activity(data.sessions, new Set(mine.map((a) => a.id)), since);
		const last = reviews.find((r) => r.manager === c.person);
		return { id: c.id, person: c.person, name: people.get(c.person)?.name || '', kind: c.kind, coachees: now.size, ...act, last };
	});
	return { coaches, reviews, people, t0 };
}

function AddReview({ coaches, t0, onDone }) {
	const f = useForm('manager.supervision', {
		manager: String(coaches[0]?.person ?? ''), reviewed_on: t0, next_review_on: addDays(t0, 90), keeps_appraisal_apart: '', notes: '',
	});
	const [done, setDone] = useState(null);
	async function send(ev) {
		ev.preventDefault();
		setDone(null);
		const r = await f.submit((v) => post('/supervisions', {
			manager: Number(v.manager), reviewer: myId(), reviewed_on: v.reviewed_on || null,
			next_review_on: v.next_review_on || null, keeps_appraisal_apart: v.keeps_appraisal_apart || null,
			notes: v.notes.trim() || null,
		}));
		if (r) {
			f.reset({ ...f.values, notes: '', keeps_appraisal_apart: '' });
			setDone(t('manager.sup.added', { name: coaches.find((c) => c.person === r.manager)?.name || '' }));
			onDone();
		}
	}
	return (
		<form onSubmit={send} noValidate>
			<Select form={f} name="manager" label={t('manager.sup.coach')} options={coaches.map((c) => [String(c.person), c.name])} required />
			<div class="row">
				<Input form={f} name="reviewed_on" type="date" label={t('manager.sup.reviewed_on')} required />
				<Input form={f} name="next_review_on" type="date" label={t('manager.sup.next_review_on')} />
			</div>
			<Select form={f} name="keeps_appraisal_apart" label={t('manager.sup.apart')} hint={t('manager.sup.apart_hint')}
				entity="supervision" codes={['yes', 'partly', 'no']} blank={t('manager.sup.apart_blank')} />
			<Input form={f} name="notes" type="textarea" label={t('manager.sup.notes')} hint={t('manager.sup.notes_hint')} maxLength={4000} />
			<Submit form={f}>{t('manager.sup.add')}</Submit>
			<Done>{done}</Done>
		</form>
	);
}

function Coaches({ coaches, t0 }) {
	return (
		<Table caption={t('manager.sup.coaches')} rows={coaches} columns={[
			{ title: t('manager.sup.col.coach'), render: (c) => <><strong>{c.name}</strong><br /><span class="muted">{label('coach', 'kind', c.kind)}</span></> },
			{ title: t('manager.sup.col.coachees'), num: true, render: (c) => fmtNumber(c.coachees) },
			{ title: t('manager.sup.col.cadence'), render: (c) => t('manager.sup.cadence', { n: c.held, h: fmtHours(Math.round(c.hours * 10) / 10) }) },
			{ title: t('manager.sup.col.feedback'), render: (c) => (c.ratings >= MIN_RATINGS
				? t('manager.sup.feedback', { mean: fmtNumber(c.mean, 1), n: c.ratings })
				: <span class="muted">{t('manager.sup.feedback_few', { n: MIN_RATINGS })}</span>) },
			{ title: t('manager.sup.col.last'), render: (c) => (c.last
				? <>{fmtDate(c.last.reviewed_on)}{c.last.next_review_on && <><br /><span class={c.last.next_review_on < t0 ? 'severity sev-warning' : 'muted'}>
					{c.last.next_review_on < t0 && <span aria-hidden="true">▲ </span>}{t(c.last.next_review_on < t0 ? 'manager.sup.overdue' : 'manager.sup.next', { date: fmtDate(c.last.next_review_on) })}</span></>}</>
				: <span class="severity sev-warning"><span aria-hidden="true">▲ </span>{t('manager.sup.never')}</span>) },
		]} />
	);
}

function Reviews({ rows, people, caption, withCoach }) {
	const name = (id) => people.get(id)?.name || t('manager.sup.someone');
	return (
		<Table caption={caption} rows={rows} columns={[
			{ title: t('manager.sup.col.date'), render: (r) => fmtDate(r.reviewed_on) },
			...(withCoach ? [{ title: t('manager.sup.col.coach'), render: (r) => name(r.manager) }] : []),
			{ title: t('manager.sup.col.reviewer'), render: (r) => name(r.reviewer) },
			{ title: t('manager.sup.col.apart'), render: (r) => (r.keeps_appraisal_apart ? label('supervision', 'keeps_appraisal_apart', r.keeps_appraisal_apart) : '–') },
			{ title: t('manager.sup.col.next'), render: (r) => fmtDate(r.next_review_on) },
			{ title: t('manager.sup.col.notes'), render: (r) => r.notes || '–' },
		]} />
	);
}

export function Supervision() {
	const state = useApi(load);
	return (
		<Page title={t('nav.manager.supervision')} intro={t('manager.sup.intro')}>
			<Loaded state={state}>{({ coaches, reviews, people, t0 }) => {
				// Reviews of the coaches in the line (by the manager or by whoever else may), and of the manager.
				const mine = reviews.filter((r) => r.manager !== myId());
				const own = reviews.filter((r) => r.manager === myId());
				return (
					<>
						<h2>{t('manager.sup.coaches')}</h2>
						{coaches.length
							? <Coaches coaches={coaches} t0={t0} />
							: <Empty>{t('manager.sup.no_coaches')}</Empty>}
						<p class="muted">{t('manager.sup.privacy')}</p>
						{coaches.length > 0 && (
							<>
								<h2>{t('manager.sup.add_heading')}</h2>
								<AddReview coaches={coaches} t0={t0} onDone={state.reload} />
							</>
						)}
						<h2>{t('manager.sup.written')}</h2>
						{mine.length
							? <Reviews rows={mine} people={people} caption={t('manager.sup.written')} withCoach />
							: <Empty>{t(coaches.length ? 'manager.sup.none_written' : 'manager.sup.none_written_nobody')}</Empty>}
						<h2>{t('manager.sup.own')}</h2>
						{own.length
							? <Reviews rows={own} people={people} caption={t('manager.sup.own')} />
							: <Empty>{t('manager.sup.none_own')}</Empty>}
					</>
				);
			}}</Loaded>
		</Page>
	);
}
