// The pieces every page is made of: its frame, loading and empty states,
// errors, form fields with their errors beside them, tables and badges.
import { useEffect, useState, useRef } from 'preact/hooks';
import { get, ApiError } from './api.js';
import { t, label, lang } from './i18n.js';
import { useSignal } from './signal.js';

let fieldSeq = 0;
const useId = (prefix) => {
	const r = useRef(null);
	if (r.current === null) r.current = `${prefix}-${++fieldSeq}`;
	return r.current;
};

// The frame of a page: its heading (also the window's title) and what it holds.
export function Page({ title, intro, actions, children, wide }) {
	useSignal(lang);
	useEffect(() => { document.title = `${title} · salescoach`; }, [title]);
	const h = useRef(null);
	useEffect(() => { if (h.current && document.activeElement === document.body) h.current.focus({ preventScroll: true }); }, []);
	return (
		<section class={wide ? 'page wide' : 'page'}>
			<header class="page-head">
				<h1 tabIndex={-1} ref={h}>{title}</h1>
				{actions && <div class="page-actions">{actions}</div>}
			</header>
			{intro && <p class="intro">{intro}</p>}
			{children}
		</section>
	);
}

export function Loading({ what }) {
	return <p class="loading" role="status" aria-live="polite"><span class="spinner" aria-hidden="true" />{what || t('common.loading')}</p>;
}

// An empty list: what it means and what to do next.
export function Empty({ children, action }) {
	return <div class="empty"><p>{children}</p>{action}</div>;
}

export function errorText(e) {
	if (!e) return '';
	if (e instanceof ApiError) {
		if (e.code === 'network') return t('error.network');
		if (e.status === 403) return e.message ? `${t('error.forbidden')} ${e.message}` : t('error.forbidden');
		return e.message || t('error.unknown');
	}
	return String(e.message || e);
}

export function ErrorNote({ error, id }) {
	if (!error) return null;
	return <p class="error-note" role="alert" id={id}><span aria-hidden="true">⚠ </span>{errorText(error)}</p>;
}

// Loads path from the API: { data, error, loading, reload }. path null: nothing yet.
export function useApi(path, deps = []) {
	const [state, setState] = useState({ data: null, error: null, loading: !!path });
	const [n, setN] = useState(0);
	useEffect(() => {
		if (!path) { setState({ data: null, error: null, loading: false }); return undefined; }
		let live = true;
		setState((s) => ({ ...s, loading: true, error: null }));
		(typeof path === 'function' ? path() : get(path)).then(
			(data) => live && setState({ data, error: null, loading: false }),
			(error) => live && setState({ data: null, error, loading: false }));
		return () => { live = false; };
	}, [typeof path === 'function' ? null : path, n, lang.value, ...deps]);
	return { ...state, reload: () => setN((x) => x + 1) };
}

// Shows loading, then the error, then children(data).
export function Loaded({ state, children, what }) {
	if (state.loading && !state.data) return <Loading what={what} />;
	if (state.error) return <ErrorNote error={state.error} />;
	if (!state.data) return null;
	return children(state.data);
}

// A labelled control with its hint and its error beside it.
export function Field({ label: text, hint, error, children, required }) {
	const id = useId('f');
	const control = typeof children === 'function'
		? children({ id, 'aria-describedby': [hint && `${id}-hint`, error && `${id}-err`].filter(Boolean).join(' ') || undefined, 'aria-invalid': error ? 'true' : undefined, required })
		: children;
	return (
		<div class={error ? 'field invalid' : 'field'}>
			<label for={id}>{text}{required && <span class="req" aria-hidden="true"> *</span>}</label>
			{control}
			{hint && <p class="hint" id={`${id}-hint`}>{hint}</p>}
			{error && <p class="field-error" id={`${id}-err`}><span aria-hidden="true">⚠ </span>{error}</p>}
		</div>
	);
}

// <Input form={f} name="customer" label="…" type="text" />: a field bound to a useForm.
export function Input({ form, name, label: text, hint, type = 'text', required, ...rest }) {
	return (
		<Field label={text} hint={hint} error={form.errors[name]} required={required}>
			{(a) => type === 'textarea'
				? <textarea {...a} {...rest} name={name} {...form.bind(name)} />
				: <input {...a} {...rest} name={name} type={type} {...form.bind(name)} />}
		</Field>
	);
}

// A choice among codes, shown as their words (label.ENTITY.FIELD.CODE) or options [[value, text]].
export function Select({ form, name, label: text, hint, entity, field, codes, options, required, blank }) {
	const opts = options || codes.map((c) => [c, label(entity, field || name, c)]);
	return (
		<Field label={text} hint={hint} error={form.errors[name]} required={required}>
			{(a) => (
				<select {...a} name={name} {...form.bind(name)}>
					{blank !== undefined && <option value="">{blank}</option>}
					{opts.map(([v, s]) => <option value={v}>{s}</option>)}
				</select>
			)}
		</Field>
	);
}

// A submit button that says it is busy, with the form's error beside it.
export function Submit({ form, children }) {
	return (
		<div class="form-end">
			<button type="submit" class="primary" disabled={form.busy} aria-busy={form.busy ? 'true' : undefined}>
				{form.busy ? t('common.saving') : children}
			</button>
			<ErrorNote error={form.error} />
		</div>
	);
}

// An alert's severity as the API gives it (error, warning, info): a word and a mark, never
// colour alone; error reads as critical.
export const SEVERITIES = ['error', 'warning', 'info'];
const MARKS = { error: '■', warning: '▲', info: '●' };
export function Severity({ level }) {
	const known = SEVERITIES.includes(level) ? level : 'info';
	return <span class={`severity sev-${known}`}><span aria-hidden="true">{MARKS[known]} </span>{t(`severity.${known}`)}</span>;
}

// A table of rows: columns [{ key, title, render(row), num }].
export function Table({ columns, rows, caption, rowKey = (r) => r.id }) {
	return (
		<div class="table-wrap" role="region" aria-label={caption} tabIndex={0}>
			<table>
				{caption && <caption class="sr-only">{caption}</caption>}
				<thead><tr>{columns.map((c) => <th scope="col" class={c.num ? 'num' : undefined}>{c.title}</th>)}</tr></thead>
				<tbody>
					{rows.map((r) => (
						<tr key={rowKey(r)}>
							{columns.map((c) => <td class={c.num ? 'num' : undefined} data-label={c.title}>{c.render ? c.render(r) : r[c.key]}</td>)}
						</tr>
					))}
				</tbody>
			</table>
		</div>
	);
}

// A short note that something was done (role=status, read out by screen readers).
export function Done({ children }) {
	return children ? <p class="done" role="status"><span aria-hidden="true">✓ </span>{children}</p> : null;
}
