// My sessions: the planned ones to come and the earlier ones, each a link to its page.
import { t } from '../../core/i18n.js';
import { Page, Loaded, Empty, useApi } from '../../core/ui.jsx';
import { myRelationships, mySessions, splitSessions } from './data.js';
import { SessionList } from './parts.jsx';

async function load() {
	const rel = await myRelationships();
	return { rel, ...splitSessions(await mySessions(rel)) };
}

export function Sessions() {
	const state = useApi(load);
	return (
		<Page title={t('rep.sessions.title')} intro={t('rep.sessions.intro')}>
			<Loaded state={state}>{({ rel, upcoming, past }) => (
				<div>
					<h2>{t('rep.sessions.upcoming')}</h2>
					{upcoming.length ? <SessionList sessions={upcoming} rel={rel} ics /> : <Empty>{t('rep.home.no_next')}</Empty>}
					<h2>{t('rep.sessions.past')}</h2>
					{past.length ? <SessionList sessions={past} rel={rel} showStatus /> : <Empty>{t('rep.home.no_recent')}</Empty>}
				</div>
			)}</Loaded>
		</Page>
	);
}
