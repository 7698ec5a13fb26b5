// The rep's first page: my coach, my next sessions, my open action items, my
// recent sessions, and where to go for the rest of my coaching record.
import { useState, useEffect } from 'preact/hooks';
import { t, label } from '../../core/i18n.js';
import { Page, Loaded, Empty, useApi } from '../../core/ui.jsx';
import { myRelationships, mySessions, myActions, splitSessions, sortActions } from './data.js';
import { SessionList, ActionList } from './parts.jsx';
import { CalendarBox } from '../../core/calendar.jsx';

async function load() {
	const rel = await myRelationships();
	const [sessions, actions] = await Promise.all([mySessions(rel), myActions(rel)]);
	return { rel, ...splitSessions(sessions), actions, byId: Object.fromEntries(sessions.map((s) => [s.id, s])) };
}

export function Home() {
	const state = useApi(load);
	return (
		<Page title={t('rep.home.title')} intro={t('rep.home.intro')}>
			<Loaded state={state}>{(d) => <Overview data={d} />}</Loaded>
		</Page>
	);
}

function Overview({ data }) {
	const [actions, setActions] = useState(data.actions);
	useEffect(() => setActions(data.actions), [data]);
	const { rel, upcoming, past } = data;
	const open = actions.filter((a) => !a.done_on);
	const active = rel.assignments.filter((a) => a.status !== 'ended');
	if (!rel.assignments.length)
		return <Empty>{t('rep.home.no_coach')}</Empty>;
	// An item ticked off here stays in view, marked done, until the page is left.
	const shown = actions.filter((a) => !a.done_on || data.actions.some((x) => x.id === a.id && !x.done_on));
	return (
		<div>
			<div class="cards">
				{active.map((a) => {
					const c = rel.coaches[a.coach];
					return (
						<div class="card" key={a.id}>
							<p class="muted rep-card-label">{t('rep.home.your_coach')}</p>
							<p class="figure rep-name">{c.name}</p>
							<p class="muted">{t('rep.home.coach_kind', { kind: label('coach', 'kind', c.kind) })}{c.company ? ` · ${c.company}` : ''}</p>
						</div>
					);
				})}
				<div class="card">
					<p class="muted rep-card-label">{t('rep.home.open_actions')}</p>
					<p class="figure">{open.length}</p>
					<p><a href="/my-actions">{t('rep.home.all_actions')}</a></p>
				</div>
			</div>

			<h2>{t('rep.home.next')}</h2>
			{upcoming.length
				? <SessionList sessions={upcoming.slice(0, 3)} rel={rel} ics />
				: <Empty>{t('rep.home.no_next')}</Empty>}

			<h2>{t('rep.home.actions')}</h2>
			{shown.length
				? <ActionList actions={shown} rel={rel} sessions={data.byId} onChange={(a) => setActions((xs) => sortActions(xs.map((x) => (x.id === a.id ? a : x))))} />
				: <Empty>{t('rep.home.no_actions')}</Empty>}

			<h2>{t('rep.home.recent')}</h2>
			{past.length
				? <SessionList sessions={past.slice(0, 3)} rel={rel} showStatus />
				: <Empty>{t('rep.home.no_recent')}</Empty>}
			<p><a href="/my-sessions">{t('rep.home.all_sessions')}</a></p>
			<CalendarBox />
		</div>
	);
}
