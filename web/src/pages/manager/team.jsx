// My team: the people of the teams the manager leads, with the activity of their
// coaching as the API shows it to a manager (dates, kinds, hours), never its content.
import { get } from '../../core/api.js';
import { t, label, fmtDate, fmtHours, fmtNumber, localDate } from '../../core/i18n.js';
import { Page, Loaded, useApi, Empty, Table } from '../../core/ui.jsx';
import { loadTeam, today, myId, addDays, byId, current, activity, ownCoaching } from './data.js';

// The last held session of an assignment, whenever it was: for the manager's own
// coachees from /api/me/coachees (dates only), for others from the sessions list.
async function lastHeld(assignments, coaches) {
	const own = await get('/me/coachees').then((r) => r.items, () => []);
	const last = new Map(own.filter((c) => c.last_session).map((c) => [c.assignment, c.last_session]));
	await Promise.all(assignments.filter((a) => !ownCoaching(a, coaches)).map(async (a) => {
		const r = await get(`/sessions?assignment=${a.id}&status=held&order=at&desc=true&limit=1`);
		if (r.items[0]) last.set(a.id, r.items[0]);
	}));
	return last;
}

async function load() {
	const t0 = today();
	const mine = (people) => new Set(people.filter((p) => p.superior === myId() && p.active).map((p) => p.id));
	const [data, plan] = await Promise.all([
		loadTeam({ which: (a, { people }) => mine(people).has(a.coachee) && current(a, t0), from: addDays(t0, -30), to: addDays(t0, 60) }),
		get(`/plan/capacity?manager=${myId()}`).catch(() => null),
	]);
	const people = byId(data.people);
	const members = data.people.filter((p) => mine(data.people).has(p.id));
	const coachName = new Map(data.coaches.map((c) => [c.id, people.get(c.person)?.name]));
	const teams = data.teams.filter((tm) => tm.manager === myId());
	const live = data.assignments.filter((a) => current(a, t0) && members.some((p) => p.id === a.coachee));
	const last = await lastHeld(live, data.coaches);
	const since30 = addDays(t0, -30);
	const rows = members.map((p) => {
		const theirs = live.filter((a) => a.coachee === p.id);
		const ids = new Set(theirs.map((a) => a.id));
		const own = data.sessions.filter((s) => ids.has(s.assignment));
		const held = theirs.map((a) => last.get(a.id)).filter(Boolean).sort((a, b) => (a.at < b.at ? -1 : 1)).pop();
		const next = own.find((s) => s.status === 'planned' && localDate(s.at) >= t0);
		const act = activity(own, ids, since30);
		return {
			id: p.id, name: p.name, title: p.title, coached: theirs.length > 0,
			coaches: [...new Set(theirs.map((a) => coachName.get(a.coach) || t('manager.team.coach_unseen')))],
			last: held, next, held: act.held, hours: act.hours,
		};
	});
	return { teams, rows, plan: plan?.managers?.[0] || null };
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
				</>
			)}</Loaded>
		</Page>
	);
}
