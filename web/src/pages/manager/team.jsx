// My team: the people of the teams the manager leads, with the activity of their
// coaching as GET /api/me/team gives it (dates, kinds, counts, minutes), never its content.
// That answer reads no private field, so opening this page writes nothing into a
// coachee's access log, not even for the manager's own coachees.
import { get } from '../../core/api.js';
import { t, label, fmtDate, fmtHours, fmtNumber } from '../../core/i18n.js';
import { Page, Loaded, useApi, Empty, Table } from '../../core/ui.jsx';
import { myId } from './data.js';
import { Export } from '../../core/export.jsx';

async function load() {
	const [team, plan] = await Promise.all([
		get('/me/team'),
		get(`/plan/capacity?manager=${myId()}`).catch(() => null),
	]);
	const rows = team.people.map((p) => ({
		id: p.id, name: p.name, title: p.title, coached: p.coached,
		coaches: [...new Set(p.coaches.map((c) => c.name || t('manager.team.coach_unseen')))],
		last: p.last_session, next: p.next_session, held: p.sessions_held, hours: p.minutes_held / 60,
	}));
	return { teams: team.teams, rows, plan: plan?.managers?.[0] || null };
}

function Figures({ rows, plan }) {
	const coached = rows.filter((r) => r.coached);
	const covered = coached.filter((r) => r.held > 0).length;
	const hours = rows.reduce((n, r) => n + r.hours, 0);
	return (
		<div class="cards manager-figures">
			<div class="card"><p class="muted">{t('manager.team.people')}</p><p class="figure">{fmtNumber(rows.length)}</p></div>
			<div class="card"><p class="muted">{t('manager.team.coached')}</p><p class="figure">{fmtNumber(coached.length)}</p></div>
			<div class="card">
				<p class="muted">{t('manager.team.coverage')}</p>
				<p class="figure">{coached.length ? `${fmtNumber(Math.round((100 * covered) / coached.length), 0)} %` : '–'}</p>
				<p class="muted">{t('manager.team.coverage_hint', { n: covered, total: coached.length })}</p>
			</div>
			<div class="card"><p class="muted">{t('manager.team.hours_30')}</p><p class="figure">{fmtHours(Math.round(hours * 10) / 10)}</p></div>
			{plan && (
				<div class="card manager-wide">
					<p class="muted">{t('manager.team.capacity')}</p>
					<p class="figure">{t('manager.team.capacity_figure', { needed: fmtHours(plan.needed_hours), available: fmtHours(plan.available_hours) })}</p>
					<p>{plan.shortfall_hours > 0
						? t('manager.team.short', { h: fmtHours(plan.shortfall_hours) })
						: t('manager.team.no_short')} <a href="/capacity">{t('manager.team.to_planner')}</a></p>
				</div>
			)}
		</div>
	);
}

export function Team() {
	const state = useApi(load);
	return (
		<Page title={t('nav.manager.home')} intro={t('manager.team.intro')}>
			<Loaded state={state}>{({ teams, rows, plan }) => (
				<>
					{teams.length > 0 && <p>{t('manager.team.teams', { names: teams.map((tm) => tm.name).join(', ') })}</p>}
					<Figures rows={rows} plan={plan} />
					<h2>{t('manager.team.people_heading')}</h2>
					{rows.length === 0
						? <Empty>{t('manager.team.empty')}</Empty>
						: <Table caption={t('manager.team.people_heading')} rows={rows} columns={[
							{ title: t('manager.team.col.name'), render: (r) => <><strong>{r.name}</strong>{r.title && <><br /><span class="muted">{r.title}</span></>}</> },
							{ title: t('manager.team.col.coach'), render: (r) => r.coached ? r.coaches.join(', ') : <span class="badge">{t('manager.team.not_coached')}</span> },
							{ title: t('manager.team.col.last'), render: (r) => r.last ? <>{fmtDate(r.last.at)} <span class="muted">({label('session', 'kind', r.last.kind)})</span></> : t('manager.team.never') },
							{ title: t('manager.team.col.next'), render: (r) => r.next ? <>{fmtDate(r.next.at)} <span class="muted">({label('session', 'kind', r.next.kind)})</span></> : (r.coached ? <span class="badge">{t('manager.team.none_planned')}</span> : '–') },
							{ title: t('manager.team.col.held'), num: true, render: (r) => fmtNumber(r.held) },
							{ title: t('manager.team.col.hours'), num: true, render: (r) => fmtHours(Math.round(r.hours * 10) / 10) },
						]} />}
					<p class="muted">{t('manager.team.privacy')}</p>
					{rows.length > 0 && <Export path="/me/team" />}
				</>
			)}</Loaded>
		</Page>
	);
}
