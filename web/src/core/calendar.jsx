// The calendar subscription of the rep's and the coach's first page (docs/calendar.md):
// whether there is a feed; make or replace its address, shown once with a copy button;
// stop it. And the link that downloads one planned session as an invitation (.ics).
import { useState } from 'preact/hooks';
import { post, del } from './api.js';
import { t, fmtDateTime } from './i18n.js';
import { ErrorNote, Loaded, useApi, Done } from './ui.jsx';

export function CalendarBox() {
	const state = useApi('/me/calendar');
	return (
		<section class="card calendar-box" aria-labelledby="calendar-title">
			<h2 id="calendar-title">{t('calendar.title')}</h2>
			<p class="muted">{t('calendar.intro')}</p>
			<Loaded state={state}>{(d) => <Feed initial={d} />}</Loaded>
		</section>
	);
}

function Feed({ initial }) {
	const [feed, setFeed] = useState(initial);
	const [made, setMade] = useState(null); // the answer of POST: its address, shown this once
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState(null);
	const [note, setNote] = useState(null);
	async function run(fn) {
		setBusy(true);
		setError(null);
		setNote(null);
		try { await fn(); } catch (e) { setError(e); } finally { setBusy(false); }
	}
	const make = () => run(async () => {
		const r = await post('/me/calendar');
		setMade(r);
		setFeed({ active: true, created_at: r.created_at });
	});
	const stop = () => run(async () => {
		await del('/me/calendar');
		setMade(null);
		setFeed({ active: false, created_at: null });
		setNote(t('calendar.stopped'));
	});
	async function copy() {
		try {
			await navigator.clipboard.writeText(made.url);
			setNote(t('calendar.copied'));
		} catch {
			// No clipboard (plain http, an old browser): the address is selected to copy by hand.
			const input = document.getElementById('calendar-url');
			if (input) { input.focus(); input.select(); }
			setNote(t('calendar.copy_by_hand'));
		}
	}
	return (
		<div>
			<p class="calendar-state">{feed.active
				? t('calendar.active', { since: fmtDateTime(feed.created_at) })
				: t('calendar.none')}</p>
			{made && (
				<div class="calendar-made">
					<label for="calendar-url">{t('calendar.url')}</label>
					<div class="calendar-url-row">
						<input id="calendar-url" type="text" readOnly value={made.url} onFocus={(e) => e.target.select()} />
						<button type="button" onClick={copy}>{t('calendar.copy')}</button>
					</div>
					<p class="muted">{t('calendar.once')}</p>
				</div>
			)}
			<p class="calendar-buttons">
				<button type="button" class={feed.active ? '' : 'primary'} disabled={busy} onClick={make}>
					{feed.active ? t('calendar.rotate') : t('calendar.make')}
				</button>
				{feed.active && <button type="button" disabled={busy} onClick={stop}>{t('calendar.stop')}</button>}
			</p>
			{feed.active && !made && <p class="muted">{t('calendar.rotate_hint')}</p>}
			<Done>{note}</Done>
			<ErrorNote error={error} />
		</div>
	);
}

// A planned session of the caller as an invitation to open in any calendar.
export function IcsLink({ session }) {
	return (
		<a class="calendar-ics" href={`/api/sessions/${session.id}/ics`} download={`session-${session.id}.ics`}>
			{t('calendar.ics')}
		</a>
	);
}
