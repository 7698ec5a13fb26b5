// The coach's first page: the coachees with their last and next session, the
// sessions that wait to be logged, and the coach's load against their capacity.
import { get, getAll, hasRole, me } from '../../core/api.js';
import { t, fmtDate, fmtDateTime, fmtNumber, fmtHours } from '../../core/i18n.js';
import { Page, Loaded, useApi, Empty, Table, Done } from '../../core/ui.jsx';
import { today, monthOf, word, coachees, myProfile, useFlash, addDays } from './util.jsx';
import { CalendarBox, IcsLink } from '../../core/calendar.jsx';

async function load() {
	const list = await coachees();
	const mine = new Set(list.map((c) => c.assignment));
	const month = monthOf(today());
	const [profile, sessions, toLog, programmes, capacity] = await Promise.all([
		myProfile(),
		// Dates, kinds and minutes only: nothing of the content is read, nor logged.
		getAll(`/sessions?from=${month.from}&to=${month.to}&content=false`),
		getAll(`/sessions?status=planned&to=${today()}&order=at&content=false`),
		Promise.all([...new Set(list.map((c) => c.programme))].map((id) => get(`/programmes/${id}`))),
		hasRole('manager') ? get('/plan/capacity').catch(() => null) : null,
	]);
	const earlier = await earlierOf(profile);
	const own = (s) => mine.has(s.assignment);
	const minutes = (status) => sessions.filter((s) => own(s) && s.status === status).reduce((n, s) => n + s.minutes, 0);
	const target = Object.fromEntries(programmes.map((p) => [p.id, p.target_hours ?? 3]));
	return {
		list, profile, earlier,
		toLog: toLog.filter(own),
		held: minutes('held') / 60,
		planned: minutes('planned') / 60,
		needed: list.reduce((n, c) => n + (target[c.programme] || 0), 0),
		manager: capacity && capacity.managers.find((m) => m.person === me.value.person.id),
	};
}

// The coach's paused and ended relationships, newest first, each with the coachee's
// name: their records stay the coach's to read (and the coachee's), not anyone else's.
async function earlierOf(profile) {
	if (!profile) return [];
	const all = await getAll(`/assignments?coach=${profile.id}&order=starts_on&desc=true`);
	const rows = all.filter((a) => a.status !== 'active');
	const people = await Promise.all([...new Set(rows.map((a) => a.coachee))].map((id) => get(`/people/${id}`)));
	const name = Object.fromEntries(people.map((p) => [p.id, p.name]));
	return rows.map((a) => ({ ...a, name: name[a.coachee] }));
}

function Earlier({ rows }) {
	if (!rows.length) return null;
	return (
		<details class="card coach-gap">
			<summary>{t('coach.home.earlier', { n: rows.length })}</summary>
			<Table caption={t('coach.home.earlier_caption')} rowKey={(a) => a.id} rows={rows} columns={[
				{ title: t('coach.coachee'), render: (a) => <a href={`/coaching/${a.id}`}>{a.name}</a> },
				{ title: t('coach.status'), render: (a) => word('assignment', 'status', a.status) },
				{ title: t('coach.home.period'), render: (a) => `${fmtDate(a.starts_on)} – ${a.ends_on ? fmtDate(a.ends_on) : ''}` },
			]} />
		</details>
	);
}

function SessionCell({ s, empty }) {
	if (!s) return <span class="muted">{empty}</span>;
	return <span>{fmtDateTime(s.at)} <span class="badge">{word('session', 'kind', s.kind)}</span></span>;
}

function Coachees({ list }) {
	if (!list.length) return <Empty>{t('coach.home.none')}</Empty>;
	const stale = addDays(today(), -30);
	return (
		<Table caption={t('coach.home.coachees')} rowKey={(c) => c.assignment} rows={list} columns={[
			{ title: t('coach.coachee'), render: (c) => <a href={`/coaching/${c.assignment}`}>{c.coachee.name}</a> },
			{ title: t('coach.home.last'), render: (c) => (
				<span>
					<SessionCell s={c.last_session} empty={t('coach.home.never')} />
					{(!c.last_session || c.last_session.at.slice(0, 10) < stale) &&
						<span class="coach-flag"><span aria-hidden="true">▲ </span>{t('coach.home.stale')}</span>}
				</span>) },
			{ title: t('coach.home.next'), render: (c) => (
				<span>
					<SessionCell s={c.next_session} empty={t('coach.home.none_planned')} />
					{c.next_session && c.next_session.status === 'planned' && <> <IcsLink session={c.next_session} /></>}
				</span>) },
			{ title: t('coach.home.do'), render: (c) => (
				<span class="coach-links">
					<a href={`/coaching/${c.assignment}/new`}>{t('coach.plan_session')}</a>
					<a href={`/coaching/ride-along?assignment=${c.assignment}`}>{t('coach.ride.short')}</a>
				</span>) },
		]} />
	);
}

function ToLog({ rows, list }) {
	if (!rows.length) return <p class="muted">{t('coach.home.nothing_to_log')}</p>;
	const name = (a) => list.find((c) => c.assignment === a)?.coachee.name || '';
	return (
		<ul class="coach-list">
			{rows.map((s) => (
				<li><a href={`/coaching/sessions/${s.id}`}>{t('coach.home.log_this', { name: name(s.assignment), kind: word('session', 'kind', s.kind), at: fmtDateTime(s.at) })}</a></li>
			))}
		</ul>
	);
}

function Load({ d }) {
	const p = d.profile;
	const n = d.list.length;
	const over = p && p.capacity && n > p.capacity;
	const available = p && p.hours_per_week !== null ? (p.hours_per_week * 52) / 12 : null;
	return (
		<section class="card" aria-labelledby="coach-load">
			<h2 id="coach-load">{t('coach.load.title')}</h2>
			{!p && <p class="muted">{t('coach.load.no_profile')}</p>}
			{p && p.capacity && (
				<div class="coach-meter">
					<p>{t('coach.load.coachees', { n, capacity: p.capacity })}
						{over && <strong class="coach-flag"><span aria-hidden="true">▲ </span>{t('coach.load.over')}</strong>}</p>
					<meter min="0" max={Math.max(p.capacity, n)} value={n}
						aria-label={t('coach.load.coachees_label')}>{n}</meter>
				</div>
			)}
			<dl class="facts coach-facts">
				<dt>{t('coach.load.held')}</dt><dd>{fmtHours(d.held)}</dd>
				<dt>{t('coach.load.planned')}</dt><dd>{fmtHours(d.planned)}</dd>
				<dt>{t('coach.load.needed')}</dt><dd>{fmtHours(d.needed)}</dd>
				{available !== null && <><dt>{t('coach.load.available')}</dt><dd>{t('coach.load.available_value', { hours: fmtHours(available), week: fmtNumber(p.hours_per_week) })}</dd></>}
			</dl>
			{d.held + d.planned < d.needed && (
				<p class="coach-flag"><span aria-hidden="true">▲ </span>{t('coach.load.below_target', { hours: fmtHours(d.needed - d.held - d.planned) })}</p>
			)}
			{available !== null && d.held + d.planned > available && (
				<p class="coach-flag"><span aria-hidden="true">▲ </span>{t('coach.load.over_time', { hours: fmtHours(d.held + d.planned) })}</p>
			)}
			{d.manager && (
				<p class={d.manager.shortfall_hours > 0 ? 'coach-flag' : 'muted'}>
					{d.manager.shortfall_hours > 0
						? t('coach.load.manager_short', { short: fmtHours(d.manager.shortfall_hours), n: d.manager.coachees, max: d.manager.max_span })
						: t('coach.load.manager_ok', { n: d.manager.coachees, max: d.manager.max_span })}
				</p>
			)}
			<p class="muted">{t('coach.load.month', { from: fmtDate(monthOf(today()).from), to: fmtDate(monthOf(today()).to) })}</p>
		</section>
	);
}

export function Home() {
	const state = useApi(load);
	const note = useFlash();
	return (
		<Page title={t('nav.coach.home')} intro={t('coach.home.intro')}
			actions={<a class="button primary" href="/coaching/ride-along">{t('coach.ride.start')}</a>}>
			<Done>{note}</Done>
			<Loaded state={state}>{(d) => (
				<>
					<h2>{t('coach.home.coachees')}</h2>
					<Coachees list={d.list} />
					<Earlier rows={d.earlier} />
					<div class="grid2 coach-gap">
						<section class="card" aria-labelledby="coach-tolog">
							<h2 id="coach-tolog">{t('coach.home.to_log')}</h2>
							<ToLog rows={d.toLog} list={d.list} />
						</section>
						<Load d={d} />
					</div>
					<CalendarBox />
				</>
			)}</Loaded>
		</Page>
	);
}
