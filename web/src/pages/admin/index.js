// The pages of the administrator's watch over the programmes (../index.js says
// how pages are listed): the alerts of the pitfall monitor, and the model advisor.
// Managers and coaches get the alerts that concern them and the people below
// them from the same API, so the alerts page is theirs too. The import of CSV files is the
// administrator's alone.
import './admin.css';
import { lazy } from '../../core/lazy.jsx';
const Alerts = lazy(() => import('./alerts.jsx'), 'Alerts');
const Advisor = lazy(() => import('./advisor.jsx'), 'Advisor');
const Import = lazy(() => import('./import.jsx'), 'Import');

export const home = { path: '/alerts', roles: ['admin'] };

export const routes = [
	{ path: '/alerts', roles: ['admin', 'manager', 'coach'], nav: 'nav.admin.home', component: Alerts },
	{ path: '/advisor', roles: ['admin'], nav: 'nav.admin.advisor', component: Advisor },
	{ path: '/import', roles: ['admin'], nav: 'nav.admin.import', component: Import },
];
