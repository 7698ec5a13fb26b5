// Pieces of the rep's pages: a session in one line, the action items with their
// tick, a 1-5 scale of radio buttons bound to a form.
import { useState } from 'preact/hooks';
import { patch } from '../../core/api.js';
import { t, label, fmtDate, fmtDateTime } from '../../core/i18n.js';
import { ErrorNote, Done } from '../../core/ui.jsx';
import { IcsLink } from '../../core/calendar.jsx';
import { today, myId, daysBetween } from './data.js';

// "Ride-along with Drukkerij Veldhuis", "One-to-one".
export function sessionTitle(s) {
	const kind = label('session', 'kind', s.kind);
	const word = kind.charAt(0).toUpperCase() + kind.slice(1);
	return s.kind === 'ride_along' && s.customer ? t('rep.session.with_customer', { kind: word, customer: s.customer }) : word;
}

// A list of sessions: when, what, with whom; each a link to its page; with ics, a planned
// one also downloads as an invitation for the calendar.
export function SessionList({ sessions, rel, showStatus, ics }) {
	return (
		<ul class="rep-list">
			{sessions.map((s) => {
				const coach = rel.coachOf(s.assignment);
				return (
					<li key={s.id}>
						<a href={`/my-sessions/${s.id}`}><strong>{fmtDateTime(s.at)}</strong> · {sessionTitle(s)}</a>
						<span class="muted">
							{coach && coach.name ? ` · ${t('rep.session.coach', { name: coach.name })}` : ''}
							{` · ${t('common.minutes', { n: s.minutes })}`}
							{showStatus && s.status ? ` · ${label('session', 'status', s.status)}` : ''}
						</span>
						{ics && s.status === 'planned' && <IcsLink session={s} />}
					</li>
				);
			})}
		</ul>
	);
}

// When an open action item is due, in words: overdue, today, or the date.
export function DueNote({ action }) {
	if (action.done_on) return <span class="muted">{t('rep.actions.done_on', { date: fmtDate(action.done_on) })}</span>;
	const late = daysBetween(action.due_on, today());
	if (late > 0)
		return <span class="rep-overdue"><span aria-hidden="true">▲ </span>{t('rep.actions.overdue', { n: late, date: fmtDate(action.due_on) })}</span>;
	if (late === 0) return <span class="rep-due-today">{t('rep.actions.due_today')}</span>;
	return <span>{t('rep.actions.due', { date: fmtDate(action.due_on) })}</span>;
}

// The action items with a button to tick each off (or open it again); a change shows at once.
// notify(text) says what was done where the page wants it (else above the list).
export function ActionList({ actions, rel, onChange, notify, sessions = {}, sessionLinks = true }) {
	const [busy, setBusy] = useState(null);
	const [error, setError] = useState(null);
	const [own, setOwn] = useState(null);
	const setDone = notify || setOwn;
	async function mark(a, doneOn) {
		setBusy(a.id);
		setError(null);
		setDone(null);
		try {
			const stored = await patch(`/actions/${a.id}`, { done_on: doneOn });
			onChange(stored);
			setDone(doneOn ? t('rep.actions.marked_done', { text: a.text }) : t('rep.actions.reopened', { text: a.text }));
		} catch (e) {
			setError({ id: a.id, e });
		} finally {
			setBusy(null);
		}
	}
	const owner = (a) => {
		if (a.owner === myId()) return t('rep.actions.owner_me');
		const coach = rel.coachOf(a.assignment);
		return coach && coach.person === a.owner ? t('rep.actions.owner_coach', { name: coach.name }) : '';
	};
	return (
		<div>
			{!notify && <Done>{own}</Done>}
			<ul class="rep-list rep-actions">
				{actions.map((a) => (
					<li key={a.id} class={a.done_on ? 'is-done' : undefined}>
						<div class="rep-action-text">
							<span>{a.done_on && <span class="badge">{t('rep.actions.done_badge')}</span>} {a.text}</span>
							<span class="rep-action-meta">
								<DueNote action={a} />
								{owner(a) && <span class="muted"> · {owner(a)}</span>}
								{sessionLinks && a.session && <span> · <a href={`/my-sessions/${a.session}`}>{sessions[a.session] ? t('rep.actions.from_session_on', { date: fmtDate(sessions[a.session].at) }) : t('rep.actions.from_session')}</a></span>}
							</span>
							{error && error.id === a.id && <ErrorNote error={error.e} />}
						</div>
						{a.done_on
							? <button type="button" onClick={() => mark(a, null)} disabled={busy === a.id} aria-label={t('rep.actions.reopen_named', { text: a.text })}>{t('rep.actions.reopen')}</button>
							: <button type="button" class="primary" onClick={() => mark(a, today())} disabled={busy === a.id} aria-label={t('rep.actions.tick_named', { text: a.text })}>{t('rep.actions.tick')}</button>}
					</li>
				))}
			</ul>
		</div>
	);
}

// A question answered 1-5 as radio buttons, bound to form.values[name] (a number).
export function Scale({ form, name, question, low, high }) {
	const value = form.values[name];
	const err = form.errors[name];
	const id = `scale-${name}`;
	return (
		<fieldset class={err ? 'rep-scale invalid' : 'rep-scale'} aria-describedby={`${id}-hint${err ? ` ${id}-err` : ''}`}>
			<legend>{question}</legend>
			<p class="hint" id={`${id}-hint`}>{t('rep.scale.hint', { low: low || t('rep.scale.low'), high: high || t('rep.scale.high') })}</p>
			<div class="choices">
				{[1, 2, 3, 4, 5].map((n) => (
					<label key={n}>
						<input type="radio" name={name} value={n} checked={Number(value) === n} onChange={() => form.set(name, n)} />
						{n}
					</label>
				))}
			</div>
			{err && <p class="field-error" id={`${id}-err`}><span aria-hidden="true">⚠ </span>{err}</p>}
		</fieldset>
	);
}

// Private coaching content, marked as such.
export function PrivateNote() {
	return <p class="muted rep-private-note">{t('rep.private_note')}</p>;
}
