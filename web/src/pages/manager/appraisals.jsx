// Appraisals: the manager's performance evaluations of their own reps. A module of
// its own, framed apart from coaching: it reads appraisals and people only, and
// nothing of the coaching (sessions, plans, notes) is shown or linked here.
import { useEffect, useState } from 'preact/hooks';
import { getAll, post, ApiError } from '../../core/api.js';
import { t, fmtDate, fmtNumber } from '../../core/i18n.js';
import { useForm } from '../../core/form.js';
import { Page, Loaded, useApi, Empty, Table, Input, Select, Submit, Done } from '../../core/ui.jsx';
import { today, myId, byId } from './data.js';

async function load() {
	const [people, appraisals] = await Promise.all([getAll('/people'), getAll(`/appraisals?manager=${myId()}&order=recorded_on&desc=true`)]);
	const reps = people.filter((p) => p.superior === myId() && p.active);
	return { reps, people: byId(people), appraisals };
}

function Write({ reps, onDone }) {
	const t0 = today();
	const f = useForm('manager.appraisal', {
		rep: String(reps[0]?.id ?? ''), period_from: '', period_to: '', recorded_on: t0, rating: '', text: '', override_reason: '',
	});
	const [conflict, setConflict] = useState(false);
	const [done, setDone] = useState(null);
	// Another person or date: the pitfall that was said may be gone, and no reason is asked.
	useEffect(() => setConflict(false), [f.values.rep, f.values.recorded_on]);
	async function send(ev) {
		ev.preventDefault();
		setDone(null);
		const r = await f.submit(async (v) => {
			try {
				return await post('/appraisals', {
					rep: Number(v.rep), manager: myId(), period_from: v.period_from || null, period_to: v.period_to || null,
					recorded_on: v.recorded_on || null, rating: v.rating ? Number(v.rating) : null, text: v.text.trim() || null,
					...(conflict && v.override_reason.trim() ? { override_reason: v.override_reason.trim() } : {}),
				});
			} catch (e) {
				if (e instanceof ApiError && e.details.override) setConflict(true);
				throw e;
			}
		});
		if (r) {
			setConflict(false);
			f.reset({ ...f.values, period_from: '', period_to: '', rating: '', text: '', override_reason: '', recorded_on: t0 });
			setDone(t('manager.appr.added', { name: reps.find((p) => p.id === r.rep)?.name || '' }));
			onDone();
		}
	}
	return (
		<form onSubmit={send} noValidate>
			<Select form={f} name="rep" label={t('manager.appr.rep')} options={reps.map((p) => [String(p.id), p.name])} required />
			<div class="row">
				<Input form={f} name="period_from" type="date" label={t('manager.appr.period_from')} required />
				<Input form={f} name="period_to" type="date" label={t('manager.appr.period_to')} required />
			</div>
			<div class="row">
				<Input form={f} name="recorded_on" type="date" label={t('manager.appr.recorded_on')} hint={t('manager.appr.recorded_on_hint')} />
				<Select form={f} name="rating" label={t('manager.appr.rating')} required blank={t('manager.appr.rating_blank')}
					options={[1, 2, 3, 4, 5].map((n) => [String(n), t(`manager.appr.rating.${n}`)])} />
			</div>
			<Input form={f} name="text" type="textarea" label={t('manager.appr.text')} hint={t('manager.appr.text_hint')} maxLength={4000} />
			{conflict && (
				<Input form={f} name="override_reason" type="textarea" label={t('manager.appr.override')} hint={t('manager.appr.override_hint')} maxLength={1000} />
			)}
			<Submit form={f}>{t(conflict ? 'manager.appr.save_anyway' : 'manager.appr.save')}</Submit>
			<Done>{done}</Done>
		</form>
	);
}

export function Appraisals() {
	const state = useApi(load);
	return (
		<div class="manager-appraisal">
		<Page title={t('manager.appr.title')} intro={t('manager.appr.intro')}>
			<p class="module-label">{t('manager.appr.module')}</p>
			<div class="card separate">
				<p><strong>{t('manager.appr.apart')}</strong> {t('manager.appr.apart_text')}</p>
			</div>
			<Loaded state={state}>{({ reps, people, appraisals }) => (
				<>
					<h2>{t('manager.appr.list')}</h2>
					{appraisals.length
						? <Table caption={t('manager.appr.list')} rows={appraisals} columns={[
							{ title: t('manager.appr.col.rep'), render: (a) => people.get(a.rep)?.name || '–' },
							{ title: t('manager.appr.col.period'), render: (a) => t('manager.appr.period', { from: fmtDate(a.period_from), to: fmtDate(a.period_to) }) },
							{ title: t('manager.appr.col.recorded'), render: (a) => fmtDate(a.recorded_on) },
							{ title: t('manager.appr.col.rating'), render: (a) => t('manager.appr.rating_of', { n: fmtNumber(a.rating) }) },
							{ title: t('manager.appr.col.text'), render: (a) => a.text || '–' },
						]} />
						: <Empty>{t('manager.appr.empty')}</Empty>}
					<h2>{t('manager.appr.write')}</h2>
					{reps.length
						? <Write reps={reps} onDone={state.reload} />
						: <Empty>{t('manager.appr.no_reps')}</Empty>}
				</>
			)}</Loaded>
		</Page>
		</div>
	);
}
