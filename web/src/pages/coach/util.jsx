// What the coach's pages share: the server's today, dates around it, the
// coach's relationships and skills, a choice of skills, and a field that asks
// for a reason when the API warns that a change makes a pitfall likely.
import { me, get, getAll } from '../../core/api.js';
import { t, fmtTime, fmtDateTime, label } from '../../core/i18n.js';
import { Input } from '../../core/ui.jsx';
import { useState } from 'preact/hooks';
import { signal, useSignal } from '../../core/signal.js';

// "Today" is the server's date, never the browser's.
export const today = () => me.value.organisation.today;

export function addDays(date, n) {
	const d = new Date(date + 'T12:00:00Z');
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}

// The first and last day of the month of date (YYYY-MM-DD).
export function monthOf(date) {
	const [y, m] = date.split('-').map(Number);
	const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
	const mm = String(m).padStart(2, '0');
	return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, '0')}` };
}

// Now as a datetime-local value: the server's today at the clock's time in the
// organisation's zone, down to the quarter of an hour.
export function nowLocal() {
	const [h, m] = fmtTime(new Date()).split(':').map(Number);
	const q = String(Math.floor(m / 15) * 15).padStart(2, '0');
	return `${today()}T${String(h).padStart(2, '0')}:${q}`;
}

// A code's word with a capital, for a badge or a cell.
export const cap = (s) => (s ? s.charAt(0).toLocaleUpperCase() + s.slice(1) : s);
export const word = (entity, field, code) => cap(label(entity, field, code));

// '' and whitespace are sent as null (the API refuses "").
export const orNull = (v) => {
	if (v === undefined || v === null) return null;
	const s = String(v).trim();
	return s === '' ? null : s;
};
export const intOrNull = (v) => (orNull(v) === null ? null : Number(v));

// The caller's relationships as coach: [{ assignment, programme, coachee, last_session, next_session }].
export const coachees = () => get('/me/coachees').then((r) => r.items);

// The organisation's skills, with a name for each code.
export async function skills() {
	const items = await getAll('/skills');
	return { items, name: (code) => items.find((s) => s.code === code)?.name || code };
}

// The caller's coach profile (capacity, hours per week), or null.
export async function myProfile() {
	const r = await get(`/coaches?person=${me.value.person.id}`);
	return r.items[0] || null;
}

// The assignment id, if the caller coaches it; else an error that says so (a manager
// sees the sessions of the team, but only the coach works in a relationship).
export async function myAssignment(id) {
	const [a, p] = await Promise.all([get(`/assignments/${id}`), myProfile()]);
	if (!p || a.coach !== p.id) throw new Error(t('coach.not_mine'));
	return a;
}

export const sessionName = (s) => `${word('session', 'kind', s.kind)}, ${fmtDateTime(s.at)}`;

// A note carried to the next page (after a form is saved there).
export const flash = signal(null);
export function useFlash() {
	// Read once, when the page opens: the next page shows it, the one after does not.
	const [text] = useState(() => {
		const v = flash.value;
		flash.value = null;
		return v;
	});
	return text;
}

// A choice of skills (a comma-separated list of codes in form field name).
export function SkillChoice({ form, name, all, legend }) {
	const chosen = (form.values[name] || '').split(',').filter(Boolean);
	const toggle = (code, on) => {
		const next = on ? [...chosen, code] : chosen.filter((c) => c !== code);
		form.set(name, all.filter((s) => next.includes(s.code)).map((s) => s.code).join(','));
	};
	return (
		<fieldset class={form.errors[name] ? 'invalid' : undefined}>
			<legend>{legend}</legend>
			<div class="choices">
				{all.map((s) => (
					<label>
						<input type="checkbox" name={`${name}-${s.code}`} checked={chosen.includes(s.code)}
							onChange={(ev) => toggle(s.code, ev.currentTarget.checked)} />
						{s.name}
					</label>
				))}
			</div>
			{form.errors[name] && <p class="field-error"><span aria-hidden="true">⚠ </span>{form.errors[name]}</p>}
		</fieldset>
	);
}

export { useOverride } from '../../core/form.js';

export function OverrideReason({ form, override }) {
	if (!override.asked && !form.values.override_reason) return null;
	return <Input form={form} name="override_reason" type="textarea" label={t('coach.override')} hint={t('coach.override_hint')} />;
}

export function useMe() {
	return useSignal(me);
}
