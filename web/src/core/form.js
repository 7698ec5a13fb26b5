// A form's values that survive a rejection and an ended session: kept in
// this tab's sessionStorage under a key until the form is sent and accepted
// (or dropped). Fields named in secret (a password) are never kept. The login page brings the user back, and the form comes
// back with what they typed.
import { useRef, useState } from 'preact/hooks';
import { ApiError } from './api.js';

const PREFIX = 'salescoach.draft.';

function load(key) {
	try { return JSON.parse(sessionStorage.getItem(PREFIX + key)); } catch { return null; }
}

export function clearDrafts() {
	try {
		for (const k of Object.keys(sessionStorage)) if (k.startsWith(PREFIX)) sessionStorage.removeItem(k);
	} catch { /* nothing kept */ }
}

// useForm(key, initial, { secret: ['password'] }) → { values, set(name, value), bind(name),
// errors, error, busy, submit(fn), reset, fail(name, message) }
// fn(values) calls the API; an ApiError with a field shows beside that field,
// any other beside the button (error). Values are kept until fn succeeds.
export function useForm(key, initial, { secret = [] } = {}) {
	const [values, setValues] = useState(() => ({ ...initial, ...(key ? load(key) : null) }));
	const [errors, setErrors] = useState({});
	const [error, setError] = useState(null);
	const [busy, setBusy] = useState(false);
	const current = useRef(values);
	// Kept at once, not after the next render: a reload right after typing finds it.
	const keep = (next) => {
		current.current = next;
		if (!key) return;
		const kept = { ...next };
		for (const name of secret) delete kept[name];
		try { sessionStorage.setItem(PREFIX + key, JSON.stringify(kept)); } catch { /* full */ }
	};

	const set = (name, value) => {
		const next = { ...current.current, [name]: value };
		keep(next);
		setValues(next);
		setErrors((e) => (e[name] ? { ...e, [name]: null } : e));
	};
	const bind = (name) => ({
		value: values[name] ?? '',
		onInput: (ev) => set(name, ev.currentTarget.type === 'checkbox' ? ev.currentTarget.checked : ev.currentTarget.value),
	});
	const reset = (next = initial) => {
		if (key) try { sessionStorage.removeItem(PREFIX + key); } catch { /* */ }
		current.current = { ...next };
		setValues({ ...next });
		setErrors({});
		setError(null);
	};
	async function submit(fn) {
		setBusy(true);
		setError(null);
		setErrors({});
		try {
			const r = await fn(current.current);
			if (key) try { sessionStorage.removeItem(PREFIX + key); } catch { /* */ }
			return r;
		} catch (e) {
			if (e instanceof ApiError && e.field && e.field in current.current) setErrors({ [e.field]: e.message });
			else setError(e);
			return undefined;
		} finally {
			setBusy(false);
		}
	}
	// An error found before sending (two passwords that differ), beside its field.
	const fail = (name, message) => setErrors({ [name]: message });
	const setAll = (next) => {
		keep(next);
		setValues(next);
	};
	return { values, set, bind, errors, error, busy, submit, reset, setValues: setAll, fail };
}

// After a refusal that may be overridden (a change that makes a pitfall of the
// coaching model likely: the API's error carries "override"), a form asks why it
// should be stored anyway. guard(fn) marks it; clear() after a successful save.
export function useOverride() {
	const [asked, setAsked] = useState(false);
	const guard = (fn) => async (...args) => {
		try { return await fn(...args); } catch (e) {
			if (e instanceof ApiError && e.details.override) setAsked(true);
			throw e;
		}
	};
	return { asked, guard, clear: () => setAsked(false) };
}
