// My appraisals: my manager's evaluations of my performance. A module of its
// own, apart from coaching: this page reads only /api/appraisals (and the
// appraiser's name), never a session, plan, action item or self-assessment.
import { getAll } from '../../core/api.js';
import { t, fmtDate } from '../../core/i18n.js';
import { Page, Loaded, Empty, useApi } from '../../core/ui.jsx';
import { myId, personName } from './data.js';

async function load() {
	const items = await getAll(`/appraisals?rep=${myId()}&order=recorded_on&desc=true`);
	const names = {};
	for (const id of new Set(items.map((a) => a.manager))) names[id] = await personName(id);
	return { items, names };
}

export function Appraisals() {
	const state = useApi(load);
	return (
		<Page title={t('rep.appraisals.title')}>
			<div class="separate rep-appraisal">
				<p class="rep-appraisal-mark"><span class="badge">{t('rep.appraisals.badge')}</span></p>
				<p>{t('rep.appraisals.intro')}</p>
				<Loaded state={state}>{({ items, names }) => (items.length
					? items.map((a) => (
						<article class="card" key={a.id}>
							<h2>{t('rep.appraisals.period', { from: fmtDate(a.period_from), to: fmtDate(a.period_to) })}</h2>
							<dl class="facts">
								<dt>{t('rep.appraisals.rating')}</dt><dd><strong>{t('rep.appraisals.rating_value', { n: a.rating })}</strong></dd>
								<dt>{t('rep.appraisals.by')}</dt><dd>{names[a.manager] || t('rep.appraisals.unknown')}</dd>
								<dt>{t('rep.appraisals.recorded')}</dt><dd>{fmtDate(a.recorded_on)}</dd>
							</dl>
							{a.text ? <p class="rep-text">{a.text}</p> : <p class="muted">{t('rep.appraisals.no_text')}</p>}
						</article>
					))
					: <Empty>{t('rep.appraisals.none')}</Empty>)}
				</Loaded>
			</div>
		</Page>
	);
}
