// The pulse survey about my coach: a short, anonymous form, once a month. A coach the
// caller already answered about in this round (GET /api/me: their own ballots, whom and
// never what) gets a notice instead of the questions.
import { useState } from 'preact/hooks';
import { get, post } from '../../core/api.js';
import { t, label, fmtDate } from '../../core/i18n.js';
import { useForm } from '../../core/form.js';
import { Page, Loaded, Empty, useApi, Select, Submit, Done } from '../../core/ui.jsx';
import { myRelationships, today } from './data.js';
import { Scale } from './parts.jsx';

const ITEMS = ['respect', 'trust', 'helps', 'part_of_team', 'not_reporting', 'feels_like_assessment'];

export function Survey() {
	// Asked again on each visit (not the shell's /me of the login): an answer sent since counts.
	const state = useApi(async () => {
		const [rel, mine] = await Promise.all([myRelationships(), get('/me')]);
		return { rel, survey: mine.survey };
	});
	return (
		<Page title={t('rep.survey.title')} intro={t('rep.survey.intro')}>
			<Loaded state={state}>{({ rel, survey }) => {
				const coaches = [...new Set(rel.assignments.filter((a) => a.status !== 'ended').map((a) => a.coach))].map((id) => rel.coaches[id]);
				return coaches.length ? <Form coaches={coaches} survey={survey} /> : <Empty>{t('rep.home.no_coach')}</Empty>;
			}}</Loaded>
		</Page>
	);
}

// The first day of the month after today (YYYY-MM-DD): when the next round begins.
function nextRound() {
	const [y, m] = today().split('-').map(Number);
	return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

// A round (YYYY-MM) as people read it: nov. 2026 / Nov 2026.
const fmtRound = (round) => `${t(`date.month.${Number(round.slice(5))}`)} ${round.slice(0, 4)}`;

function Form({ coaches, survey }) {
	const blank = Object.fromEntries(ITEMS.map((i) => [i, null]));
	const answered = new Set(survey.answered);
	// The first coach still to be answered about comes first.
	const first = coaches.find((c) => !answered.has(c.id)) || coaches[0];
	const f = useForm('rep.survey', { coach: String(first.id), ...blank });
	const [sent, setSent] = useState(null);
	const coach = coaches.find((c) => String(c.id) === String(f.values.coach)) || coaches[0];
	const asksReporting = coach.kind === 'internal' || coach.kind === 'external';
	async function send(ev) {
		ev.preventDefault();
		setSent(null);
		const v = f.values;
		const body = { coach: Number(v.coach), respondent: 'coachee' };
		for (const i of ITEMS) {
			if (i === 'not_reporting' && !asksReporting) continue;
			if (v[i] !== null && v[i] !== undefined) body[i] = Number(v[i]);
		}
		const r = await f.submit(() => post('/surveys', body));
		if (r) {
			f.reset({ coach: v.coach, ...blank });
			setSent(t('rep.survey.sent', { name: coach.name, date: fmtDate(nextRound()) }));
		}
	}
	if (sent) return <Done>{sent}</Done>;
	const choice = <Select form={f} name="coach" label={t('rep.survey.coach')} options={coaches.map((c) => [String(c.id), `${c.name} (${label('coach', 'kind', c.kind)})`])} required />;
	if (answered.has(coach.id))
		return (
			<div>
				{coaches.length > 1 && choice}
				<p class="rep-answered" role="status">{t('rep.survey.answered', { name: coach.name, round: fmtRound(survey.round), date: fmtDate(nextRound()) })}</p>
			</div>
		);
	return (
		<form onSubmit={send} noValidate>
			{choice}
			{ITEMS.filter((i) => i !== 'not_reporting' || asksReporting).map((i) => (
				<Scale key={i} form={f} name={i} question={t(`rep.survey.q.${i}`)} />
			))}
			<p class="hint">{t('rep.survey.anonymous')}</p>
			<Submit form={f}>{t('rep.survey.submit')}</Submit>
		</form>
	);
}
