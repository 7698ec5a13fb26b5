// One alert: its severity (word and mark), rule, model and team, the people it
// names, what was found, its facts, who must do what, and its acknowledgement
// (POST /api/alerts/{id}/ack with a reason, which is required).
import { useEffect, useRef, useState } from 'preact/hooks';
import { post, ApiError } from '../../core/api.js';
import { t, label, fmtDate, fmtDateTime, fmtNumber, has } from '../../core/i18n.js';
import { useForm } from '../../core/form.js';
import { Input, Submit } from '../../core/ui.jsx';

import { SEVERITIES, Severity as AlertSeverity } from '../../core/ui.jsx';

export { SEVERITIES, AlertSeverity };

const MONEY = new Set(['quota', 'implied_quota', 'lower_by', 'base_quota', 'reduction']);

// A fact's value as a reader expects it: dates, months, money, percentages, yes/no.
export function factValue(key, v) {
	if (v === null || v === undefined) return '–';
	if (typeof v === 'boolean') return t(v ? 'admin.yes' : 'admin.no');
	if (typeof v === 'number') {
		if (MONEY.has(key)) return t('admin.money', { amount: fmtNumber(v, 2) });
		if (key.endsWith('_pct')) return t('admin.pct', { n: fmtNumber(v, 2) });
		return fmtNumber(v, 2);
	}
	const s = String(v);
	if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return fmtDate(s);
	if (/^\d{4}-\d{2}$/.test(s)) return `${t(`date.month.${Number(s.slice(5))}`)} ${s.slice(0, 4)}`;
	if (key === 'decision') return label('assessment', 'decision', s);
	return s;
}

const factName = (key) => (has(`admin.fact.${key}`) ? t(`admin.fact.${key}`) : key.replace(/_/g, ' '));
const roleName = (role) => (has(`admin.role.${role}`) ? t(`admin.role.${role}`) : role);

function AckForm({ alert, onDone, onCancel, focus }) {
	const f = useForm(`ack.${alert.id}`, { reason: '' });
	const form = useRef(null);
	useEffect(() => { if (focus) form.current?.querySelector('textarea')?.focus(); }, []);
	async function send(ev) {
		ev.preventDefault();
		const ok = await f.submit(async (v) => {
			if (!v.reason.trim())
				throw new ApiError(422, { error: { code: 'invalid', field: 'reason', message: t('admin.ack.required') } });
			return post(`/alerts/${alert.id}/ack`, { reason: v.reason.trim() });
		});
		if (ok) onDone(alert);
	}
	return (
		<form ref={form} onSubmit={send} noValidate aria-label={t('admin.ack.legend')}>
			<Input form={f} name="reason" type="textarea" label={t('admin.ack.reason')} hint={t('admin.ack.hint')}
				maxLength={1000} required />
			<Submit form={f}>{t('admin.ack.submit')}</Submit>
			<button type="button" class="link" onClick={onCancel}>{t('common.cancel')}</button>
		</form>
	);
}

// Whether a reason is being typed for this alert (kept over an ended session): open its form.
function hasDraft(id) {
	try { return !!JSON.parse(sessionStorage.getItem(`salescoach.draft.ack.${id}`))?.reason; } catch { return false; }
}

export function AlertCard({ alert: a, teamName, canAck, onAcknowledged }) {
	const [open, setOpen] = useState(() => canAck && !a.acknowledged && hasDraft(a.id));
	const [asked, setAsked] = useState(false);
	const opener = useRef(null);
	useEffect(() => { if (asked && !open) opener.current?.focus(); }, [open]);
	const hid = `alert-${a.id.replace(/[^a-z0-9-]/gi, '-')}`;
	const facts = Object.entries(a.facts || {});
	return (
		<article class={`card alert sev-border-${a.severity}`} aria-labelledby={hid} data-alert={a.id} data-severity={a.severity}>
			<h3 id={hid}><AlertSeverity level={a.severity} /><span>{t(`admin.rule.${a.rule}`)}</span></h3>
			<p class="alert-meta">
				<span class="badge">{t('admin.alert.model')}: {label('programme', 'model', a.model)}</span>
				<span class="badge">{t('admin.alert.team')}: {a.team ? (teamName || `#${a.team}`) : t('admin.alert.no_team')}</span>
				{a.acknowledged && <span class="badge">✓ {t('admin.alert.acknowledged')}</span>}
			</p>
			<p class="alert-summary">{a.summary}</p>
			{a.people.length > 0 && (
				<p>
					<strong>{t('admin.alert.people')}: </strong>
					{a.people.map((p, i) => <span>{i ? ', ' : ''}{t('admin.alert.person', { name: p.name, role: roleName(p.role) })}</span>)}
				</p>
			)}
			<p class="alert-mitigation"><strong>{t('admin.alert.mitigation')}: </strong>{a.mitigation}</p>
			{facts.length > 0 && (
				<details>
					<summary>{t('admin.alert.facts')} ({facts.length})</summary>
					<dl class="facts">
						{facts.map(([k, v]) => <><dt>{factName(k)}</dt><dd>{factValue(k, v)}</dd></>)}
					</dl>
				</details>
			)}
			{a.acknowledged && a.acknowledgement && (
				<p class="ack-note">
					{t('admin.alert.acknowledged_by', { by: a.acknowledgement.by, at: fmtDateTime(a.acknowledgement.at), reason: a.acknowledgement.reason })}
				</p>
			)}
			{canAck && !a.acknowledged && (open
				? <AckForm alert={a} onDone={onAcknowledged} onCancel={() => setOpen(false)} focus={asked} />
				: <button type="button" ref={opener} aria-expanded="false" onClick={() => { setAsked(true); setOpen(true); }}>{t('admin.ack.open')}</button>)}
		</article>
	);
}
