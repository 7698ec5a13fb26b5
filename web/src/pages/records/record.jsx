// One record (/records/KIND/ID) to edit or remove, or a new one (/records/KIND/new).
// A change sends only the fields that changed (PATCH); a refusal shows beside its
// field and keeps what was typed (useForm keeps it over an ended session too).
import { useState } from 'preact/hooks';
import { get, post, patch, del } from '../../core/api.js';
import { t } from '../../core/i18n.js';
import { useForm, useOverride } from '../../core/form.js';
import { navigate, query } from '../../core/router.js';
import { Page, Loaded, useApi, Submit, Done, ErrorNote, Input } from '../../core/ui.jsx';
import { KINDS, refKinds } from './kinds.js';
import { Control, formValues, changes } from './fields.jsx';
import { loadNames } from './names.js';
import { Unknown } from './home.jsx';

function Remove({ kind, id, name }) {
	const [asking, setAsking] = useState(false);
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState(null);
	async function remove() {
		setBusy(true);
		setError(null);
		try {
			await del(`/${kind}/${id}`);
			navigate(`/records/${kind}?removed=1`);
		} catch (e) {
			setError(e);
		} finally {
			setBusy(false);
		}
	}
	if (!asking)
		return <div class="form-end"><button type="button" onClick={() => setAsking(true)}>{t('records.remove')}</button></div>;
	return (
		<div class="card" role="group" aria-labelledby="remove-q">
			<p id="remove-q"><strong>{t('records.remove_confirm', { name })}</strong></p>
			<div class="form-end">
				<button type="button" class="primary" disabled={busy} onClick={remove}>{t('records.remove_yes')}</button>
				<button type="button" onClick={() => { setAsking(false); setError(null); }}>{t('records.remove_no')}</button>
				<ErrorNote error={error} />
			</div>
		</div>
	);
}

function RecordForm({ kind, k, rec, names }) {
	const isNew = !rec;
	const [before, setBefore] = useState(rec);
	const f = useForm(`records.${kind}.${rec ? rec.id : 'new'}`, { ...formValues(k, rec), override_reason: '' });
	const [done, setDone] = useState(query('saved') ? t('records.saved') : null);
	const override = useOverride();
	async function send(ev) {
		ev.preventDefault();
		setDone(null);
		const body = changes(k, f.values, before && formValues(k, before));
		if (!isNew && Object.keys(body).length === 0) { setDone(t('records.unchanged')); return; }
		const reason = override.asked ? f.values.override_reason.trim() : '';
		if (reason) body.override_reason = reason;
		const saved = await f.submit(override.guard(() => (isNew ? post(`/${kind}`, body) : patch(`/${kind}/${rec.id}`, body))));
		if (!saved) return;
		override.clear();
		if (isNew) { navigate(`/records/${kind}/${saved.id}?saved=1`, { replace: true }); return; }
		setBefore(saved);
		f.reset({ ...formValues(k, saved), override_reason: '' });
		setDone(t('records.saved'));
	}
	return (
		<>
			<form onSubmit={send} noValidate>
				<p class="muted">{t('records.required_note')}</p>
				{k.fields.map((fd) => <Control k={k} fd={fd} form={f} names={names} stored={!isNew} />)}
				{override.asked && <Input form={f} name="override_reason" type="textarea" label={t('records.override')}
					hint={t('records.override_hint')} maxLength={1000} rows={3} required />}
				<Submit form={f}>{isNew ? t(`records.add.${kind}`) : t('common.save')}</Submit>
				<Done>{done}</Done>
			</form>
			{!isNew && <>
				<h2>{t('records.remove_title')}</h2>
				<Remove kind={kind} id={rec.id} name={k.title(before, names) || `#${rec.id}`} />
			</>}
		</>
	);
}

export function Record({ kind, id }) {
	const k = KINDS[kind];
	const isNew = id === 'new';
	const valid = k && (isNew || /^[1-9][0-9]*$/.test(id));
	const state = useApi(valid ? async () => {
		const [rec, names] = await Promise.all([isNew ? null : get(`/${kind}/${id}`), loadNames(refKinds(kind))]);
		return { rec, names };
	} : null, [kind, id]);
	if (!valid) return <Unknown />;
	const title = state.data
		? (isNew ? t(`records.new.${kind}`) : k.title(state.data.rec, state.data.names) || `#${id}`)
		: (isNew ? t(`records.new.${kind}`) : t(`records.kind.${kind}`));
	return (
		<Page title={title}>
			<p><a href={`/records/${kind}`}>{t('records.back', { kind: t(`records.kind.${kind}`) })}</a></p>
			{state.error && state.error.status === 404
				? <p class="empty">{t('records.gone')}</p>
				: <Loaded state={state}>{({ rec, names }) => <RecordForm kind={kind} k={k} rec={rec} names={names} />}</Loaded>}
		</Page>
	);
}

