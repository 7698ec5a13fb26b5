// My e-mail: the language of the reminders salescoach sends me and which kinds I get
// (GET/PATCH /api/me/notifications, docs/email.md). The same choices as the unsubscribe
// link at the foot of each e-mail, which this undoes.
import { useState } from 'preact/hooks';
import { patch } from '../../core/api.js';
import { t } from '../../core/i18n.js';
import { useForm } from '../../core/form.js';
import { Loaded, useApi, Select, Submit, Done } from '../../core/ui.jsx';

const KINDS = ['session', 'actions', 'alerts'];
const asForm = (p) => ({ lang: p.lang ?? '', ...Object.fromEntries(KINDS.map((k) => [k, p[k] ? 'yes' : 'no'])) });

function EmailForm({ prefs }) {
	const f = useForm(null, asForm(prefs));
	const [done, setDone] = useState(false);
	async function send(ev) {
		ev.preventDefault();
		setDone(false);
		const body = { lang: f.values.lang || null, ...Object.fromEntries(KINDS.map((k) => [k, f.values[k] === 'yes'])) };
		const stored = await f.submit(() => patch('/me/notifications', body));
		if (stored) {
			f.reset(asForm(stored));
			setDone(true);
		}
	}
	const yesNo = [['yes', t('notify.yes')], ['no', t('notify.no')]];
	return (
		<form onSubmit={send} noValidate>
			<Select form={f} name="lang" label={t('notify.lang')}
				options={[['', t('notify.lang_org')], ['nl', t('shell.lang.nl')], ['en', t('shell.lang.en')]]} />
			{KINDS.map((k) => <Select form={f} name={k} label={t(`notify.kind.${k}`)} options={yesNo} />)}
			<Submit form={f}>{t('common.save')}</Submit>
			<Done>{done && t('notify.saved')}</Done>
		</form>
	);
}

export function EmailChoices() {
	const prefs = useApi('/me/notifications');
	return <Loaded state={prefs}>{(p) => <EmailForm prefs={p} />}</Loaded>;
}
