// "Export: CSV · XLSX": links that download a list or report as a file for a spreadsheet
// (docs/export.md). They point at the API with ?format=csv|xlsx and the list's own filters;
// the server answers with the file as an attachment, every row the filters select (not the
// page shown), and the same visibility as the list: private content only for its parties.
import { t } from './i18n.js';

// path: the API path of the list, with its filters ("/sessions?status=held"); paging left out.
export function Export({ path }) {
	const [base, search = ''] = path.split('?');
	const q = new URLSearchParams(search);
	q.delete('limit');
	q.delete('offset');
	const href = (format) => {
		q.set('format', format);
		return `/api${base}?${q}`;
	};
	return (
		<p class="export" role="group" aria-label={t('export.label')}>
			<span>{t('export.label')}:</span>
			<a class="button" href={href('csv')} download>{t('export.csv')}</a>
			<a class="button" href={href('xlsx')} download>{t('export.xlsx')}</a>
		</p>
	);
}
