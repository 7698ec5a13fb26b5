// Who read my coaching record: every read of my private coaching content, newest
// first, as GET /api/me/access-log gives it: who, when, what.
import { useState, useEffect } from 'preact/hooks';
import { get } from '../../core/api.js';
import { t, has, fmtDateTime, fmtTime, localDate } from '../../core/i18n.js';
import { Page, Loaded, Empty, useApi, ErrorNote, Table } from '../../core/ui.jsx';
import { myRelationships } from './data.js';

const PAGE = 50;

async function load() {
	const [rel, first] = await Promise.all([myRelationships(), get(`/me/access-log?limit=${PAGE}`)]);
	return { rel, first };
}

export function Access() {
	const state = useApi(load);
	return (
		<Page title={t('rep.access.title')} intro={t('rep.access.intro')}>
			<Loaded state={state}>{(d) => <Log {...d} />}</Loaded>
		</Page>
	);
}

const word = (prefix, code) => (has(`${prefix}.${code}`) ? t(`${prefix}.${code}`) : code);

function what(e) {
	// An action item is its text: the kind says it all.
	const fields = (e.fields || '').split(',').filter((f) => f && !(e.entity === 'action' && f === 'text'))
		.map((f) => word('rep.access.field', f)).join(', ');
	const kind = word('rep.access.entity', e.entity);
	const text = fields ? t('rep.access.what', { kind, fields }) : kind;
	if (e.entity === 'session' && e.record_id) return <a href={`/my-sessions/${e.record_id}`}>{text}</a>;
	if (e.entity === 'action') return <a href="/my-actions">{text}</a>;
	if (e.entity === 'plan' || e.entity === 'self-assessment') return <a href="/my-plan">{text}</a>;
	return text;
}

function when(e) {
	const first = fmtDateTime(e.at);
	if (!e.reads || e.reads <= 1 || !e.last_at || e.last_at === e.at) return first;
	const until = localDate(e.last_at) === localDate(e.at) ? fmtTime(e.last_at) : fmtDateTime(e.last_at);
	return t('rep.access.reads', { n: e.reads, first, until });
}

function Log({ rel, first }) {
	const [items, setItems] = useState(first.items);
	const [total, setTotal] = useState(first.total);
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState(null);
	useEffect(() => { setItems(first.items); setTotal(first.total); }, [first]);
	// The names of the people I may see (my coaches); others as the log names them.
	const names = {};
	for (const c of Object.values(rel.coaches)) names[c.person] = c.name;
	const who = (e) => {
		const name = names[e.reader] || e.reader_name || t('rep.access.unknown');
		const coach = Object.values(rel.coaches).some((c) => c.person === e.reader);
		return (
			<span>
				{name}{coach && <span class="muted"> · {t('rep.access.your_coach')}</span>}
				{e.after_reset && <span class="rep-warning"><br /><span aria-hidden="true">▲ </span>{t('rep.access.after_reset_short')}</span>}
			</span>
		);
	};
	async function more() {
		setBusy(true);
		setError(null);
		try {
			const page = await get(`/me/access-log?limit=${PAGE}&offset=${items.length}`);
			setItems((xs) => [...xs, ...page.items]);
			setTotal(page.total);
		} catch (e) {
			setError(e);
		} finally {
			setBusy(false);
		}
	}
	if (!items.length) return <Empty>{t('rep.access.none')}</Empty>;
	return (
		<div>
			<p>{t('rep.access.count', { n: total })}</p>
			{items.some((e) => e.after_reset) && <p class="rep-warning"><span aria-hidden="true">▲ </span>{t('rep.access.after_reset')}</p>}
			<Table caption={t('rep.access.title')} rows={items} columns={[
				{ title: t('rep.access.col_when'), render: when },
				{ title: t('rep.access.col_who'), render: who },
				{ title: t('rep.access.col_what'), render: what },
			]} />
			{items.length < total && (
				<div class="form-end">
					<button type="button" onClick={more} disabled={busy} aria-busy={busy ? 'true' : undefined}>{t('rep.access.more', { n: Math.min(PAGE, total - items.length) })}</button>
					<ErrorNote error={error} />
				</div>
			)}
		</div>
	);
}
