// My account: who I am here, my password, and what happened to my account (the security log).
import { me, post } from '../../core/api.js';
import { t, fmtDateTime, has } from '../../core/i18n.js';
import { useForm } from '../../core/form.js';
import { Page, Input, Submit, Done, Loaded, useApi, Table, Empty } from '../../core/ui.jsx';
import { useState } from 'preact/hooks';
import { EmailChoices } from './email.jsx';

function PasswordForm() {
	const f = useForm(null, { current_password: '', new_password: '', repeat: '' },
		{ secret: ['current_password', 'new_password', 'repeat'] });
	const [done, setDone] = useState(false);
	async function send(ev) {
		ev.preventDefault();
		setDone(false);
		if (f.values.new_password !== f.values.repeat) {
			f.fail('repeat', t('account.repeat_differs'));
			return;
		}
		const ok = await f.submit((v) => post('/me/password', { current_password: v.current_password, new_password: v.new_password }).then(() => true));
		if (ok) {
			f.reset();
			setDone(true);
		}
	}
	return (
		<form onSubmit={send} noValidate>
			<Input form={f} name="current_password" type="password" label={t('account.current')} autocomplete="current-password" required />
			<Input form={f} name="new_password" type="password" label={t('account.new')} hint={t('account.new_hint')} autocomplete="new-password" required />
			<Input form={f} name="repeat" type="password" label={t('account.repeat')} autocomplete="new-password" required />
			<Submit form={f}>{t('account.change')}</Submit>
			<Done>{done && t('account.changed')}</Done>
		</form>
	);
}

function SecurityLog() {
	const log = useApi('/me/security-log?limit=20');
	return (
		<Loaded state={log}>
			{(d) => (d.items.length === 0
				? <Empty>{t('account.log_empty')}</Empty>
				: <Table caption={t('account.log')} rows={d.items} columns={[
					{ title: t('account.when'), render: (r) => fmtDateTime(r.at) },
					{ title: t('account.what'), render: (r) => (has(`account.event.${r.kind}`) ? t(`account.event.${r.kind}`) : r.kind) },
					// Changes made on the command line are recorded as by the local administrator.
					{ title: t('account.by'), render: (r) => (r.actor === 'local administrator' ? t('account.by_local') : r.actor) },
				]} />)}
		</Loaded>
	);
}

export function Account() {
	const m = me.value;
	return (
		<Page title={t('account.title')}>
			<dl class="facts card">
				<dt>{t('account.name')}</dt><dd>{m.person.name}</dd>
				<dt>{t('account.email')}</dt><dd>{m.person.email}</dd>
				<dt>{t('account.roles')}</dt><dd>{m.roles.map((r) => t(`account.role.${r}`)).join(', ')}</dd>
				<dt>{t('account.organisation')}</dt><dd>{m.organisation.name}</dd>
			</dl>
			<h2>{t('account.password')}</h2>
			<PasswordForm />
			<h2>{t('notify.title')}</h2>
			<p class="muted">{t('notify.intro')}</p>
			<EmailChoices />
			<h2>{t('account.log')}</h2>
			<p class="muted">{t('account.log_intro')}</p>
			<SecurityLog />
			<h2>{t('account.data')}</h2>
			<p class="muted">{t('account.data_intro')}</p>
			<p><a class="button" href="/api/me/export" download>{t('account.data_download')}</a></p>
		</Page>
	);
}
