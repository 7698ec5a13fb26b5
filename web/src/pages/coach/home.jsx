// The coach's first page.
import { t } from '../../core/i18n.js';
import { Page } from '../../core/ui.jsx';

export function Home() {
	return <Page title={t('nav.coach.home')} />;
}
