// The import of a CSV file by an administrator (POST /api/imports, docs/import.md): what to
// import, the file and how its columns map to ours (as named, the Salesforce or HubSpot
// mapping, or one's own mapping file). The file is checked first (dry_run): the counts and
// every bad line with its column and the reason, in the interface's language. Then it is
// imported, all or nothing, or, as an explicit choice, its good lines only. The files go as a
// form (FormData); what was chosen besides them is kept over an ended session (useForm).
import { useEffect, useRef, useState } from 'preact/hooks';
import { call, ApiError } from '../../core/api.js';
import { t, fmtNumber } from '../../core/i18n.js';
import { useForm } from '../../core/form.js';
import { Page, Field, Select, ErrorNote, Table, Done } from '../../core/ui.jsx';

// Coaching sessions are imported on the command line only: an administrator's account
// writes no coaching content, so the API refuses every session line it sends.
export const KINDS = ['people', 'teams', 'results'];
const CRMS = ['salesforce', 'hubspot']; // the mappings the program ships, for people and results
const mappable = (kind) => kind === 'people' || kind === 'results';
const MAX_BYTES = 1024 * 1024; // the server's limit of a body (docs/api.md)

// A refused import (422) still carries its report: that is an answer, not an error.
async function send(values, files, { dryRun = false, skipBad = false } = {}) {
	const q = new URLSearchParams({ kind: values.kind });
	if (CRMS.includes(values.mapping) && mappable(values.kind)) q.set('map', values.mapping);
	if (dryRun) q.set('dry_run', 'true');
	if (skipBad) q.set('skip_bad', 'true');
	const body = new FormData();
	body.append('file', files.file);
	if (values.mapping === 'own' && files.map) body.append('map', files.map);
	try {
		return await call('POST', `/imports?${q}`, body);
	} catch (e) {
		if (e instanceof ApiError && e.status === 422 && e.body && Array.isArray(e.body.bad_lines)) return e.body;
		throw e;
	}
}

const good = (r) => r.added + r.updated + r.unchanged;

function Counts({ report }) {
	const items = [['added', report.added], ['updated', report.updated], ['unchanged', report.unchanged], ['bad', report.bad]];
	return (
		<ul class="counts import-counts">
			{items.map(([k, n]) => <li data-count={k}><span>{t(`admin.import.count.${k}`)}</span> <strong>{fmtNumber(n)}</strong></li>)}
		</ul>
	);
}

function BadLines({ report }) {
	if (!report.bad_lines.length) return null;
	const columns = [
		{ key: 'line', title: t('admin.import.col.line'), num: true, render: (b) => fmtNumber(b.line) },
		{ key: 'column', title: t('admin.import.col.column'), render: (b) => b.column || t('admin.import.whole_line') },
		{ key: 'reason', title: t('admin.import.col.reason') },
	];
	return (
		<>
			<h3 id="import-bad">{t('admin.import.bad_title')}</h3>
			<Table caption={t('admin.import.bad_title')} columns={columns} rows={report.bad_lines}
				rowKey={(b) => `${b.line}:${b.column}`} />
			{report.more_bad > 0 && <p class="muted">{t('admin.import.more_bad', { n: report.more_bad })}</p>}
		</>
	);
}

// What a check or an import found, and (after a check) how to go on.
function Report({ report, busy, onImport, headRef }) {
	const n = good(report), kind = t(`admin.import.kind.${report.kind}`);
	let say;
	if (report.dry_run) say = report.bad ? t('admin.import.check_bad', { n: report.bad }) : t('admin.import.check_good', { n });
	else if (report.committed) say = null;
	else say = t('admin.import.nothing');
	return (
		<section class="card import-report" aria-labelledby="import-report">
			<h2 id="import-report" tabIndex={-1} ref={headRef}>
				{report.dry_run ? t('admin.import.checked', { kind }) : t('admin.import.imported', { kind })}
			</h2>
			<Counts report={report} />
			{!report.dry_run && report.committed && (
				<Done>{report.bad ? t('admin.import.done_skipped', { n, bad: report.bad }) : t('admin.import.done', { n })}</Done>
			)}
			{say && <p class="import-say">{say}</p>}
			<BadLines report={report} />
			{report.dry_run && n > 0 && (
				<div class="form-end">
					{report.bad === 0
						? <button type="button" class="primary" disabled={busy} onClick={() => onImport(false)}>{t('admin.import.do', { n })}</button>
						: <button type="button" disabled={busy} onClick={() => onImport(true)}>{t('admin.import.do_skip', { n, bad: report.bad })}</button>}
				</div>
			)}
		</section>
	);
}

function FileInput({ name, label, hint, error, onFile }) {
	return (
		<Field label={label} hint={hint} error={error} required>
			{(a) => <input {...a} type="file" name={name} accept=".csv,text/csv"
				onChange={(ev) => onFile(ev.currentTarget.files[0] || null)} />}
		</Field>
	);
}

export function Import() {
	const f = useForm('import', { kind: 'people', mapping: 'none', file: '', map: '' });
	const v = f.values;
	const [files, setFiles] = useState({ file: null, map: null });
	const [report, setReport] = useState(null);
	const head = useRef(null);
	const mapping = v.mapping === 'own' || (CRMS.includes(v.mapping) && mappable(v.kind)) ? v.mapping : 'none';

	// Anything changed after a check asks for a new check.
	useEffect(() => setReport(null), [v.kind, mapping, files.file, files.map]);
	useEffect(() => { if (report && head.current) head.current.focus(); }, [report]);

	function ready() {
		if (!files.file) return f.fail('file', t('admin.import.choose_file')), false;
		if (files.file.size > MAX_BYTES) return f.fail('file', t('admin.import.too_big')), false;
		if (mapping === 'own' && !files.map) return f.fail('map', t('admin.import.choose_map')), false;
		return true;
	}
	async function check(ev) {
		ev.preventDefault();
		setReport(null);
		if (!ready()) return;
		const r = await f.submit((vals) => send({ ...vals, mapping }, files, { dryRun: true }));
		if (r) setReport(r);
	}
	async function run(skipBad) {
		if (!ready()) return;
		const r = await f.submit((vals) => send({ ...vals, mapping }, files, { skipBad }));
		if (r) setReport(r);
	}
	const options = [['none', t('admin.import.map.none')],
		...(mappable(v.kind) ? CRMS.map((c) => [c, t(`admin.import.map.${c}`)]) : []),
		['own', t('admin.import.map.own')]];
	return (
		<Page title={t('nav.admin.import')} intro={t('admin.import.intro')}>
			<form class="import-form" onSubmit={check} noValidate>
				<Select form={f} name="kind" label={t('admin.import.kind')} hint={t(`admin.import.columns.${v.kind}`)}
					options={KINDS.map((k) => [k, t(`admin.import.kind.${k}`)])} required />
				<FileInput name="file" label={t('admin.import.file')} hint={t('admin.import.file_hint')} error={f.errors.file}
					onFile={(file) => { setFiles((x) => ({ ...x, file })); f.set('file', ''); }} />
				<fieldset class={f.errors.map && mapping !== 'own' ? 'invalid' : undefined}>
					<legend>{t('admin.import.mapping')}</legend>
					<p class="hint">{t('admin.import.mapping_hint')}</p>
					<div class="choices">
						{options.map(([val, text]) => (
							<label>
								<input type="radio" name="mapping" value={val} checked={mapping === val} onChange={() => f.set('mapping', val)} />
								{text}
							</label>
						))}
					</div>
					{f.errors.map && mapping !== 'own' && <p class="field-error" role="alert"><span aria-hidden="true">⚠ </span>{f.errors.map}</p>}
				</fieldset>
				{mapping === 'own' && (
					<FileInput name="map" label={t('admin.import.map_file')} hint={t('admin.import.map_file_hint')} error={f.errors.map}
						onFile={(map) => { setFiles((x) => ({ ...x, map })); f.set('map', ''); }} />
				)}
				<div class="form-end">
					<button type="submit" class={report ? undefined : 'primary'} disabled={f.busy} aria-busy={f.busy ? 'true' : undefined}>
						{f.busy ? t('admin.import.busy') : t('admin.import.check')}
					</button>
					<ErrorNote error={f.error} />
				</div>
			</form>
			{report && <Report report={report} busy={f.busy} onImport={run} headRef={head} />}
		</Page>
	);
}
