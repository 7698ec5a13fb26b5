// The alerts of the pitfall monitor (GET /api/alerts): a summary per severity
// and model, filters kept in the address (a filtered view can be bookmarked),
// and each alert with who is concerned, its facts, what to do, and its
// acknowledgement. The API decides whose alerts a caller sees.
import { useEffect, useRef, useState } from 'preact/hooks';
import { getAll, hasRole, me } from '../../core/api.js';
import { t, label } from '../../core/i18n.js';
import { useForm } from '../../core/form.js';
import { query } from '../../core/router.js';
import { Page, Loaded, Empty, Select, Done, useApi } from '../../core/ui.jsx';
import { AlertCard, AlertSeverity, SEVERITIES } from './alert.jsx';
import { Export } from '../../core/export.jsx';

export const MODELS = ['manager', 'senior', 'internal', 'external'];
export const RULES = [
	'no-recent-session', 'below-cadence', 'coach-untrained', 'coach-overloaded', 'overdue-actions',
	'coaching-mixed-with-appraisal', 'no-supervision', 'manager-no-time', 'span-too-wide',
	'coach-not-assessed', 'no-incentive', 'target-not-reduced', 'low-acceptance', 'seen-as-spy',
	'not-on-floor', 'misses-team-activities', 'no-ride-alongs', 'no-sales-background',
	'acceptance-not-built', 'session-not-recorded',
];

// The filters of the address (?model=&team=&severity=&rule=&all=1), only valid values.
function fromQuery() {
	const pick = (name, ok) => { const v = query(name); return v && ok(v) ? v : ''; };
	return {
		model: pick('model', (v) => MODELS.includes(v)),
		team: pick('team', (v) => /^[1-9][0-9]{0,9}$/.test(v)),
		severity: pick('severity', (v) => SEVERITIES.includes(v)),
		rule: pick('rule', (v) => RULES.includes(v)),
		all: query('all') === '1',
	};
}

// The filters as a query: all is 'true' for the API, '1' in the address.
function toQuery(v, keys, all = 'true') {
	const q = new URLSearchParams();
	for (const k of keys) if (v[k]) q.set(k, k === 'all' ? all : v[k]);
	const s = q.toString();
	return s ? `?${s}` : '';
}

function Summary({ alerts, shown }) {
	const bySeverity = SEVERITIES.map((s) => [s, alerts.filter((a) => a.severity === s).length]);
	const byModel = MODELS.map((m) => [m, alerts.filter((a) => a.model === m).length]).filter(([, n]) => n);
	const acknowledged = alerts.filter((a) => a.acknowledged).length;
	return (
		<section aria-labelledby="alerts-summary" class="card alerts-summary">
			<h2 id="alerts-summary">{t('admin.summary.title')}</h2>
			<p class="figure alerts-shown" data-count={shown}>{t('admin.summary.shown', { n: shown })}</p>
			{shown !== alerts.length && <p class="muted">{t('admin.summary.of', { n: alerts.length })}</p>}
			<h3>{t('admin.summary.by_severity')}</h3>
			<ul class="counts">
				{bySeverity.map(([s, n]) => <li data-severity={s}><AlertSeverity level={s} /> <strong>{n}</strong></li>)}
				{acknowledged > 0 && <li class="muted">{t('admin.summary.acknowledged', { n: acknowledged })}</li>}
			</ul>
			{byModel.length > 0 && (
				<>
					<h3>{t('admin.summary.by_model')}</h3>
					<ul class="counts">
						{byModel.map(([m, n]) => <li data-model={m}><span>{label('programme', 'model', m)}</span> <strong>{n}</strong></li>)}
					</ul>
				</>
			)}
		</section>
	);
}

function Filters({ f, teams }) {
	const any = t('admin.filter.any');
	const filtered = f.values.model || f.values.team || f.values.severity || f.values.rule;
	return (
		<form class="filters card" role="search" aria-label={t('admin.filter.title')} onSubmit={(ev) => ev.preventDefault()}>
			<Select form={f} name="severity" label={t('admin.filter.severity')} blank={any}
				options={SEVERITIES.map((s) => [s, t(`severity.${s}`)])} />
			<Select form={f} name="model" label={t('admin.filter.model')} blank={any}
				options={MODELS.map((m) => [m, label('programme', 'model', m)])} />
			<Select form={f} name="team" label={t('admin.filter.team')} blank={any}
				options={teams.map((tm) => [String(tm.id), tm.name])} />
			<Select form={f} name="rule" label={t('admin.filter.rule')} blank={any}
				options={RULES.map((r) => [r, t(`admin.rule.${r}`)])} />
			<label class="check">
				<input type="checkbox" name="all" checked={!!f.values.all}
					onChange={(ev) => f.set('all', ev.currentTarget.checked)} />
				{t('admin.filter.all_acknowledged')}
			</label>
			{filtered && (
				<button type="button" onClick={() => f.setValues({ ...f.values, model: '', team: '', severity: '', rule: '' })}>
					{t('admin.filter.clear')}
				</button>
			)}
		</form>
	);
}

export function Alerts() {
	const f = useForm(null, fromQuery());
	const v = f.values;
	const teams = useApi(() => getAll('/teams'));
	const list = useApi(`/alerts${toQuery(v, ['model', 'team', 'rule', 'all'])}`);
	const [done, setDone] = useState(null);
	const doneRef = useRef(null);
	// Who may acknowledge (docs/alerts.md): an administrator any alert, a manager one that names
	// someone below them; one about the manager alone is their superior's. The API still decides.
	const self = me.value?.person?.id;
	const canAck = (a) => hasRole('admin') || (hasRole('manager') &&
		a.people.some((p) => p.id !== null && p.id !== self && p.role !== 'superior' && p.role !== 'sponsor'));

	// The filters go into the address without leaving the page (its focus stays where it is).
	useEffect(() => {
		const to = `/alerts${toQuery(v, ['severity', 'model', 'team', 'rule', 'all'], '1')}`;
		if (window.location.pathname + window.location.search !== to) history.replaceState(null, '', to);
		setDone(null);
	}, [v.model, v.team, v.severity, v.rule, v.all]);
	useEffect(() => { if (done && doneRef.current) doneRef.current.focus(); }, [done]);

	const teamList = teams.data || [];
	const teamName = (id) => teamList.find((tm) => tm.id === id)?.name;
	function acknowledged(alert) {
		setDone(t('admin.ack.done', { rule: t(`admin.rule.${alert.rule}`) }));
		list.reload();
	}
	return (
		<Page title={t('nav.admin.home')} intro={hasRole('admin') ? t('admin.alerts.intro') : t('admin.alerts.intro_own')} wide>
			<Filters f={f} teams={teamList} />
			<div aria-busy={list.loading ? 'true' : undefined}>
				<Loaded state={list}>
					{(data) => {
						const shown = data.alerts.filter((a) => !v.severity || a.severity === v.severity);
						return (
							<>
								<Summary alerts={data.alerts} shown={shown.length} />
								{data.alerts.length > 0 && <Export path={`/alerts${toQuery(v, ['model', 'team', 'rule', 'all'])}`} />}
								<section aria-labelledby="alerts-list">
									<h2 id="alerts-list">{t('admin.list.title')}</h2>
									<div tabIndex={-1} ref={doneRef}><Done>{done}</Done></div>
									{shown.length === 0
										? <Empty>{data.alerts.length || v.model || v.team || v.rule ? t('admin.list.none_filtered') : t('admin.list.none')}</Empty>
										: (
											<ul class="alert-list">
												{shown.map((a) => (
													<li key={a.id}>
														<AlertCard alert={a} teamName={teamName(a.team)} canAck={canAck(a)} onAcknowledged={acknowledged} />
													</li>
												))}
											</ul>
										)}
								</section>
							</>
						);
					}}
				</Loaded>
			</div>
		</Page>
	);
}
