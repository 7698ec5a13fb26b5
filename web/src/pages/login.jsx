// The login page: e-mail and password, in the browser's language.
import { login } from '../core/api.js';
import { t } from '../core/i18n.js';
import { useForm } from '../core/form.js';
import { Input, Submit, Page } from '../core/ui.jsx';
import { LangSwitch } from './lang.jsx';

export function Login({ expired }) {
	// The password is never kept in a draft: only the e-mail address.
	const f = useForm('login', { email: '', password: '' }, { secret: ['password'] });
	async function send(ev) {
		ev.preventDefault();
		await f.submit(async (v) => {
			try {
				await login(v.email.trim(), v.password);
			} catch (e) {
				// The API's refusals of a login are said in the page's language.
				if (e.status === 401) e.message = t('login.wrong');
				else if (e.status === 429) e.message = t('login.throttled');
				else if (e.status === 422) e.message = t('login.incomplete');
				e.field = null;
				throw e;
			}
			f.reset({ email: '', password: '' });
		});
	}
	return (
		<main id="main" class="login">
			<div class="login-box">
				<p class="brand big">salescoach</p>
				<LangSwitch />
				<Page title={t('login.title')} intro={expired ? t('login.expired') : t('login.intro')}>
					<form onSubmit={send} noValidate>
						<Input form={f} name="email" type="email" label={t('login.email')} autocomplete="username" required />
						<Input form={f} name="password" type="password" label={t('login.password')} autocomplete="current-password" required />
						<Submit form={f}>{t('login.submit')}</Submit>
					</form>
				</Page>
			</div>
		</main>
	);
}
