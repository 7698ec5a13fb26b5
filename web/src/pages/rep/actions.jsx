// My action items: the open ones first, by due date, with overdue ones said in
// words; each ticked off (or opened again) with one button.
import { useState, useEffect } from 'preact/hooks';
import { t } from '../../core/i18n.js';
import { Page, Loaded, Empty, useApi, Done } from '../../core/ui.jsx';
import { myRelationships, mySessions, myActions, sortActions, today, daysBetween } from './data.js';
import { ActionList, PrivateNote } from './parts.jsx';

async function load() {
	const rel = await myRelationships();
	const [actions, sessions] = await Promise.all([myActions(rel), mySessions(rel)]);
	return { rel, actions, sessions: Object.fromEntries(sessions.map((s) => [s.id, s])) };
}

export function Actions() {
	const state = useApi(load);
	return (
		<Page title={t('rep.actions.title')} intro={t('rep.actions.intro')}>
			<Loaded state={state}>{(d) => <List {...d} />}</Loaded>
		</Page>
	);
}

function List({ rel, sessions, actions: initial }) {
	const [actions, setActions] = useState(initial);
	const [note, setNote] = useState(null);
	useEffect(() => setActions(initial), [initial]);
	const onChange = (a) => setActions((xs) => sortActions(xs.map((x) => (x.id === a.id ? a : x))));
	const open = actions.filter((a) => !a.done_on);
	const done = actions.filter((a) => a.done_on);
	const overdue = open.filter((a) => daysBetween(a.due_on, today()) > 0).length;
	return (
		<div>
			<PrivateNote />
			<Done>{note}</Done>
			<h2>{t('rep.actions.open', { n: open.length })}</h2>
			{overdue > 0 && <p class="rep-overdue"><span aria-hidden="true">▲ </span>{t('rep.actions.overdue_count', { n: overdue })}</p>}
			{open.length ? <ActionList actions={open} rel={rel} onChange={onChange} notify={setNote} sessions={sessions} /> : <Empty>{t('rep.actions.none_open')}</Empty>}
			<h2>{t('rep.actions.done', { n: done.length })}</h2>
			{done.length ? <ActionList actions={done} rel={rel} onChange={onChange} notify={setNote} sessions={sessions} /> : <Empty>{t('rep.actions.none_done')}</Empty>}
		</div>
	);
}
