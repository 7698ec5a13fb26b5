// Analyses: the reports of a range of months (GET /api/reports/coverage, hours, impact,
// acceptance and coaches), one tab each, for administrators, executives and managers; the
// Coaches tab only for its readers, administrators (every coach) and a coach (their own
// entry): the API refuses anyone else. A filter bar (from
// and to month, model, team) applies to every tab; the tab and the filters are kept in the
// address (?tab=&from=&to=&model=&team=) so that a view can be shared. Every figure is the
// API's own: nothing withheld is worked out here, and a withheld figure shows why. A month
// range the API refuses (422) shows its message by the filter.
import { useEffect, useState } from 'preact/hooks';
import { get, me, hasRole } from '../../core/api.js';
import { t, label } from '../../core/i18n.js';
import { location, navigate } from '../../core/router.js';
import { useSignal } from '../../core/signal.js';
import { Page, Loading, ErrorNote, errorText, useApi } from '../../core/ui.jsx';
import { TABS, MODELS, fmtMonth, CoverageTab, HoursTab, ImpactTab, AcceptanceTab } from './analytics_tabs.jsx';
import { CoachesTab } from './analytics_coaches.jsx';
import { Export } from '../../core/export.jsx';

const BODIES = { coverage: CoverageTab, hours: HoursTab, impact: ImpactTab, acceptance: AcceptanceTab, coaches: CoachesTab };
const KEYS = ['tab', 'from', 'to', 'model', 'team'];

// The tabs this reader may see: the coaches report names coaches, so only administrators and
// coaches read it.
const tabsOf = () => TABS.filter((tab) => tab !== 'coaches' || hasRole('admin', 'coach'));

// The view the address asks for.
function readView(tabs) {
	const q = new URLSearchParams(location.value.split('?')[1] || '');
	const v = {};
	for (const k of KEYS) v[k] = q.get(k) || '';
	if (!tabs.includes(v.tab)) v.tab = tabs[0];
	return v;
}

function viewUrl(v) {
	const q = new URLSearchParams();
	for (const k of KEYS) if (v[k]) q.set(k, v[k]);
	return `/analytics?${q}`;
}

// The report's filters as the API takes them (the tab left out).
function apiQuery(v) {
	const q = new URLSearchParams();
	for (const k of ['from', 'to', 'model', 'team']) if (v[k]) q.set(k, v[k]);
	const s = String(q);
	return s ? `?${s}` : '';
}

// Teams and programmes by id, asked once: a reader who may not list them gets no team filter
// (teams null) and the programmes' ids for names.
let meta = null, metaOf = null;
function loadMeta() {
	const who = me.value ? me.value.person.id : null;
	if (metaOf !== who) meta = null;
	metaOf = who;
	meta ||= Promise.all([
		get('/teams?limit=500').then((r) => r.items, () => null),
		get('/programmes?limit=500').then((r) => r.items, () => []),
	]).then(([teams, programmes]) => ({ teams, programmes: new Map(programmes.map((p) => [p.id, p])) }));
	return meta;
}

// A new address remounts the page: the control that asked for it gets the focus back.
let refocus = null;

export function Analytics() {
	useSignal(location);
	const tabs = tabsOf();
	const v = readView(tabs);
	const info = useApi(loadMeta);
	const state = useApi(`/reports/${v.tab}${apiQuery(v)}`);
	useEffect(() => {
		if (!refocus) return;
		const el = document.getElementById(refocus);
		refocus = null;
		if (el) el.focus();
	}, []);
	const go = (next, focus) => {
		refocus = focus;
		navigate(viewUrl({ ...v, ...next }));
	};
	const Body = BODIES[v.tab];
	const refused = state.error && state.error.status === 422 ? state.error : null;
	return (
		<Page title={t('analytics.title')} wide intro={t('analytics.intro')}>
			<Filters view={v} report={state.data} teams={info.data ? info.data.teams : null}
				error={refused} onApply={(f) => go(f, 'ana-apply')} />
			<nav class="ana-tabs" aria-label={t('analytics.tabs')}>
				{tabs.map((tab) => (
					<a id={`ana-tab-${tab}`} href={viewUrl({ ...v, tab })} aria-current={tab === v.tab ? 'page' : undefined}
						onClick={() => { refocus = `ana-tab-${tab}`; }}>{t(`analytics.tab.${tab}`)}</a>
				))}
			</nav>
			<section class="ana-panel" aria-labelledby="ana-heading">
				<h2 id="ana-heading">{t(`analytics.tab.${v.tab}`)}</h2>
				{state.loading || info.loading ? <Loading />
					: refused ? <p class="muted">{t('analytics.refused')}</p>
						: state.error ? <ErrorNote error={state.error} />
							: state.data ? (
								<>
									<Range report={state.data} teams={info.data.teams} />
									<Export path={`/reports/${v.tab}${apiQuery(v)}`} />
									<Body report={state.data} programmes={info.data.programmes} />
								</>
							) : null}
			</section>
		</Page>
	);
}

// The filter bar: from and to month, model and team; applied to every tab.
function Filters({ view, report, teams, error, onApply }) {
	const [from, setFrom] = useState(view.from);
	const [to, setTo] = useState(view.to);
	const [model, setModel] = useState(view.model);
	const [team, setTeam] = useState(view.team);
	// Without a range in the address, the API's own (12 months up to this month) is shown.
	useEffect(() => {
		if (!report) return;
		if (!view.from && !from) setFrom(report.from);
		if (!view.to && !to) setTo(report.to);
	}, [report]);
	const field = error ? error.field : null;
	const submit = (ev) => {
		ev.preventDefault();
		onApply({ from, to, model, team });
	};
	const invalid = (name) => (field === name || (!field && error && (name === 'from' || name === 'to')) ? 'true' : undefined);
	const described = (name) => (invalid(name) ? 'ana-filter-error' : undefined);
	return (
		<form class="wide ana-filters" onSubmit={submit} aria-label={t('analytics.filters')}>
			<div class="row">
				<div class="field">
					<label for="ana-from">{t('analytics.from')}</label>
					<input id="ana-from" name="from" type="month" value={from} onInput={(e) => setFrom(e.currentTarget.value)}
						aria-invalid={invalid('from')} aria-describedby={described('from')} />
				</div>
				<div class="field">
					<label for="ana-to">{t('analytics.to')}</label>
					<input id="ana-to" name="to" type="month" value={to} onInput={(e) => setTo(e.currentTarget.value)}
						aria-invalid={invalid('to')} aria-describedby={described('to')} />
				</div>
				<div class="field">
					<label for="ana-model">{t('analytics.model')}</label>
					<select id="ana-model" name="model" value={model} onChange={(e) => setModel(e.currentTarget.value)}
						aria-invalid={invalid('model')} aria-describedby={described('model')}>
						<option value="">{t('analytics.all_models')}</option>
						{MODELS.map((m) => <option value={m}>{label('programme', 'model', m)}</option>)}
					</select>
				</div>
				{teams && (
					<div class="field">
						<label for="ana-team">{t('analytics.team')}</label>
						<select id="ana-team" name="team" value={team} onChange={(e) => setTeam(e.currentTarget.value)}
							aria-invalid={invalid('team')} aria-describedby={described('team')}>
							<option value="">{t('analytics.all_teams')}</option>
							{teams.map((x) => <option value={String(x.id)}>{x.name}</option>)}
						</select>
					</div>
				)}
				<div class="field ana-apply">
					<button id="ana-apply" type="submit" class="primary">{t('analytics.apply')}</button>
				</div>
			</div>
			{error && <p class="error-note" role="alert" id="ana-filter-error"><span aria-hidden="true">⚠ </span>{errorText(error)}</p>}
		</form>
	);
}

// The months and filters the figures below are of, as the API answered them.
function Range({ report, teams }) {
	const f = report.filters || {};
	const team = f.team ? (teams || []).find((x) => x.id === f.team) : null;
	const parts = [t('analytics.range', { from: fmtMonth(report.from), to: fmtMonth(report.to) })];
	if (f.model) parts.push(t('analytics.filtered.model', { model: label('programme', 'model', f.model) }));
	if (f.team) parts.push(t('analytics.filtered.team', { team: team ? team.name : String(f.team) }));
	return <p class="muted ana-range" role="status">{parts.join(' ')}</p>;
}
