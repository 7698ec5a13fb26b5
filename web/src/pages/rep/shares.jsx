// Sharing one session's summary with a named person (my explicit, revocable
// consent): choose a session and a person, share; my shares; revoke one.
import { useState, useEffect } from 'preact/hooks';
import { getAll, post, del, ApiError } from '../../core/api.js';
import { t, fmtDate } from '../../core/i18n.js';
import { useForm } from '../../core/form.js';
import { query } from '../../core/router.js';
import { Page, Loaded, Empty, useApi, Input, Select, Submit, Done, ErrorNote, Table } from '../../core/ui.jsx';
import { myRelationships, mySessions, personName, myId } from './data.js';
import { sessionTitle } from './parts.jsx';

const OTHER = 'other';

async function load() {
	const rel = await myRelationships();
	const sessions = (await mySessions(rel)).filter((s) => s.status === 'held').reverse();
	const mine = new Set(sessions.map((s) => s.id));
	const shares = (await getAll('/shares?order=shared_on&desc=true')).filter((x) => mine.has(x.session));
	// The people I may see, apart from me and my coaches, whom I may share with by name.
	const parties = new Set([myId(), ...Object.values(rel.coaches).map((c) => c.person)]);
	const people = (await getAll('/people?active=true&order=name')).filter((p) => !parties.has(p.id));
	const names = Object.fromEntries(people.map((p) => [p.id, p.name]));
	for (const c of Object.values(rel.coaches)) names[c.person] = c.name;
	for (const id of new Set(shares.map((x) => x.person))) if (!(id in names)) names[id] = await personName(id);
	return { rel, sessions, shares, people, names };
}

export function Shares() {
	const state = useApi(load);
	return (
		<Page title={t('rep.shares.title')} intro={t('rep.shares.intro')}>
			<Loaded state={state}>{(d) => <Sharing {...d} />}</Loaded>
		</Page>
	);
}

// The form and the list; a share made or revoked shows at once.
function Sharing({ shares: initial, names: known, ...d }) {
	const [shares, setShares] = useState(initial);
	const [names, setNames] = useState(known);
	const [done, setDone] = useState(null);
	useEffect(() => { setShares(initial); setNames(known); }, [initial]);
	return (
		<div>
			<Done>{done}</Done>
			<ShareForm {...d} names={names} onShared={(x, name, msg) => {
				setNames((n) => ({ ...n, [x.person]: name }));
				setShares((xs) => [x, ...xs]);
				setDone(msg);
			}} />
			<h2>{t('rep.shares.list')}</h2>
			<List {...d} shares={shares} names={names} onRevoked={(x, msg) => {
				setShares((xs) => xs.filter((y) => y.id !== x.id));
				setDone(msg);
			}} />
		</div>
	);
}

const sessionLabel = (s) => `${fmtDate(s.at)} · ${sessionTitle(s)}`;
const personLabel = (id, names) => names[id] || t('rep.shares.person_number', { id });

function ShareForm({ sessions, people, names, onShared }) {
	const wanted = query('session');
	const first = sessions.find((s) => String(s.id) === wanted) || sessions[0];
	const f = useForm('rep.share', { session: first ? String(first.id) : '', who: people.length ? '' : OTHER, person: '' });
	if (!sessions.length) return <Empty>{t('rep.shares.no_sessions')}</Empty>;
	async function send(ev) {
		ev.preventDefault();
		const v = f.values;
		const person = v.who === OTHER ? v.person.trim() : v.who;
		// Nobody is chosen for the user: sharing is an explicit choice of one person.
		const refuse = (field, id) => f.submit(() => Promise.reject(new ApiError(422, { error: { code: 'invalid', field, message: t(id) } })));
		if (v.who === '') { refuse('who', 'rep.shares.choose_person'); return; }
		// Someone not in the list is named by their e-mail address; the API finds them.
		if (v.who === OTHER && !/^[^@\s]+@[^@\s]+$/.test(person)) { refuse('person', 'rep.shares.person_invalid'); return; }
		const s = sessions.find((x) => String(x.id) === v.session);
		const stored = await f.submit(() => post('/shares', { session: Number(v.session), person: v.who === OTHER ? person : Number(person) }));
		if (stored) {
			f.reset({ session: v.session, who: v.who, person: '' });
			const name = names[stored.person] ?? await personName(stored.person).catch(() => null) ?? (v.who === OTHER ? person.toLowerCase() : null);
			const all = { ...names, [stored.person]: name };
			onShared(stored, name, t('rep.shares.shared', { session: s ? sessionLabel(s) : v.session, person: personLabel(stored.person, all) }));
		}
	}
	return (
		<form onSubmit={send} noValidate>
			<h2>{t('rep.shares.new')}</h2>
			<Select form={f} name="session" label={t('rep.shares.session')} options={sessions.map((s) => [String(s.id), sessionLabel(s)])} required />
			{people.length > 0 && (
				<Select form={f} name="who" label={t('rep.shares.with')} blank={t('rep.shares.choose')} options={[...people.map((p) => [String(p.id), p.name]), [OTHER, t('rep.shares.other')]]} required />
			)}
			{f.values.who === OTHER && (
				<Input form={f} name="person" type="email" autocomplete="off" label={t('rep.shares.person')} hint={t('rep.shares.person_hint')} required />
			)}
			<p class="hint">{t('rep.shares.consent')}</p>
			<Submit form={f}>{t('rep.shares.submit')}</Submit>
		</form>
	);
}

function List({ shares, sessions, names, onRevoked }) {
	const [busy, setBusy] = useState(null);
	const [error, setError] = useState(null);
	const byId = Object.fromEntries(sessions.map((s) => [s.id, s]));
	async function revoke(x) {
		setBusy(x.id);
		setError(null);
		try {
			await del(`/shares/${x.id}`);
			onRevoked(x, t('rep.shares.revoked', { person: personLabel(x.person, names) }));
		} catch (e) {
			setError({ id: x.id, e });
		} finally {
			setBusy(null);
		}
	}
	if (!shares.length) return <Empty>{t('rep.shares.none')}</Empty>;
	return (
		<Table caption={t('rep.shares.list')} rows={shares} columns={[
			{ title: t('rep.shares.col_session'), render: (x) => (byId[x.session] ? <a href={`/my-sessions/${x.session}`}>{sessionLabel(byId[x.session])}</a> : x.session) },
			{ title: t('rep.shares.col_person'), render: (x) => personLabel(x.person, names) },
			{ title: t('rep.shares.col_on'), render: (x) => fmtDate(x.shared_on) },
			{ title: t('rep.shares.col_revoke'), render: (x) => (
				<span>
					<button type="button" onClick={() => revoke(x)} disabled={busy === x.id} aria-label={t('rep.shares.revoke_named', { person: personLabel(x.person, names) })}>{t('rep.shares.revoke')}</button>
					{error && error.id === x.id && <ErrorNote error={error.e} />}
				</span>
			) },
		]} />
	);
}
