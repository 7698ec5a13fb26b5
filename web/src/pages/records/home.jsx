// The first page of the records (/records): every kind the administrator configures,
// with how many there are, and the organisation's settings.
import { get } from '../../core/api.js';
import { t, fmtNumber } from '../../core/i18n.js';
import { Page, Loaded, useApi } from '../../core/ui.jsx';
import { KIND_NAMES } from './kinds.js';

export function Unknown() {
	return <Page title={t('shell.not_found')}><p>{t('shell.not_found_text')}</p><p><a href="/records">{t('records.back_home')}</a></p></Page>;
}

export function Home() {
	const state = useApi(async () => {
		const totals = await Promise.all(KIND_NAMES.map((k) => get(`/${k}?limit=1`).then((p) => p.total)));
		return Object.fromEntries(KIND_NAMES.map((k, i) => [k, totals[i]]));
	});
	return (
		<Page title={t('records.title')} intro={t('records.intro')}>
			<Loaded state={state}>
				{(totals) => (
					<ul class="cards records-kinds">
						{KIND_NAMES.map((k) => (
							<li class="card">
								<h2><a href={`/records/${k}`}>{t(`records.kind.${k}`)}</a></h2>
								<p class="figure">{fmtNumber(totals[k])}</p>
								<p class="muted">{t(`records.intro.${k}`)}</p>
							</li>
						))}
						<li class="card">
							<h2><a href="/records/settings">{t('records.settings.title')}</a></h2>
							<p class="muted">{t('records.settings.card')}</p>
						</li>
					</ul>
				)}
			</Loaded>
		</Page>
	);
}
