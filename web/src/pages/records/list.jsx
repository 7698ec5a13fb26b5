// The list of one kind of record (/records/KIND): a page at a time with the API's
// limit and offset, filtered where the API can filter (?FIELD=, the whole value),
// references shown by name, each record a link to its page.
import { useState } from 'preact/hooks';
import { get } from '../../core/api.js';
import { t, fmtNumber } from '../../core/i18n.js';
import { navigate, query } from '../../core/router.js';
import { Page, Loaded, useApi, Empty, Table, Field, Done } from '../../core/ui.jsx';
import { KINDS, refKinds } from './kinds.js';
import { fieldLabel, show } from './fields.jsx';
import { loadNames } from './names.js';
import { Unknown } from './home.jsx';
import { Export } from '../../core/export.jsx';

export const PAGE = 25;

function listPath(kind, k, offset, filter) {
	const q = new URLSearchParams({ order: k.order, limit: String(PAGE), offset: String(offset) });
	if (k.filter && filter) q.set(k.filter, filter);
	return `/${kind}?${q}`;
}

function here(kind, k, offset, filter) {
	const q = new URLSearchParams();
	if (filter) q.set(k.filter, filter);
	if (offset) q.set('offset', String(offset));
	const s = q.toString();
	return `/records/${kind}${s ? '?' + s : ''}`;
}

function Filter({ kind, k, value }) {
	const [text, setText] = useState(value);
	function send(ev) {
		ev.preventDefault();
		navigate(here(kind, k, 0, text.trim()));
	}
	return (
		<form class="row records-filter" role="search" onSubmit={send}>
			<Field label={t('records.filter', { field: fieldLabel(k.entity, k.filter).toLowerCase() })} hint={t('records.filter_hint')}>
				{(a) => <input {...a} type="search" name="filter" value={text} onInput={(ev) => setText(ev.currentTarget.value)} />}
			</Field>
			<div class="form-end">
				<button type="submit">{t('records.find')}</button>
				{value && <a href={here(kind, k, 0, '')}>{t('records.show_all')}</a>}
			</div>
		</form>
	);
}

function Pager({ kind, k, page, filter }) {
	const { offset, total, items } = page;
	if (total <= PAGE && offset === 0) return null;
	return (
		<nav class="form-end" aria-label={t('records.pages')}>
			{offset > 0 && <a class="button" href={here(kind, k, Math.max(0, offset - PAGE), filter)}>{t('records.previous')}</a>}
			<span>{t('records.shown', { from: fmtNumber(offset + 1), to: fmtNumber(offset + items.length), total })}</span>
			{offset + items.length < total && <a class="button" href={here(kind, k, offset + PAGE, filter)}>{t('records.next')}</a>}
		</nav>
	);
}

export function List({ kind }) {
	const k = KINDS[kind];
	if (!k) return <Unknown />;
	const offset = Math.max(0, Number.parseInt(query('offset') || '0', 10) || 0);
	const filter = (k.filter && query(k.filter)) || '';
	const state = useApi(async () => {
		const [page, names] = await Promise.all([get(listPath(kind, k, offset, filter)), loadNames(refKinds(kind))]);
		return { page, names };
	}, [kind, offset, filter]);
	const add = <a class="button primary" href={`/records/${kind}/new`}>{t(`records.add.${kind}`)}</a>;
	const columns = k.list.map((name, i) => {
		const fd = k.fields.find((x) => x.name === name);
		return {
			title: fieldLabel(k.entity, name),
			num: fd.type === 'int' || fd.type === 'num',
			render: (r) => {
				const text = show(k, fd, r[name], state.data.names);
				if (i > 0) return text;
				// The first column opens the record: named by its title when the column is empty.
				const name1 = text === '–' ? k.title(r, state.data.names) || t('records.open') : text;
				return <a href={`/records/${kind}/${r.id}`}>{name1}</a>;
			},
		};
	});
	return (
		<Page title={t(`records.kind.${kind}`)} intro={t(`records.intro.${kind}`)} actions={add}>
			<p><a href="/records">{t('records.back_home')}</a></p>
			{query('removed') && <Done>{t('records.removed')}</Done>}
			{k.filter && <Filter kind={kind} k={k} value={filter} />}
			<Loaded state={state}>
				{({ page }) => (page.items.length === 0
					? <Empty action={filter ? <a href={here(kind, k, 0, '')}>{t('records.show_all')}</a> : add}>
						{filter ? t('records.no_match', { value: filter }) : t(`records.empty.${kind}`)}
					</Empty>
					: <>
						<div class="records-list"><Table caption={t(`records.kind.${kind}`)} columns={columns} rows={page.items} /></div>
						<Pager kind={kind} k={k} page={page} filter={filter} />
						<Export path={listPath(kind, k, 0, filter)} />
					</>)}
			</Loaded>
		</Page>
	);
}
