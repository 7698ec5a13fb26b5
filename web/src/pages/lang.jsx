// The language switch: on the login page and in the frame of every page.
import { t, lang, setLang, LANGS } from '../core/i18n.js';
import { useSignal } from '../core/signal.js';

export function LangSwitch() {
	const l = useSignal(lang);
	return (
		<div class="lang-switch" role="group" aria-label={t('shell.language')}>
			{LANGS.map((x) => (
				<button type="button" lang={x} aria-pressed={l === x ? 'true' : 'false'} onClick={() => setLang(x)}>
					{t(`shell.lang.${x}`)}
				</button>
			))}
		</div>
	);
}
