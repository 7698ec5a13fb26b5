// The pages of the executive's daily work (../index.js says how pages are listed): the
// programme report, also offered to administrators (the API gives them the same figures),
// and the analyses of a range of months (the reports of GET /api/reports/...), offered to
// administrators, executives and managers, the readers of those reports.
import './executive.css';
import { lazy } from '../../core/lazy.jsx';
const Report = lazy(() => import('./report.jsx'), 'Report');
const Analytics = lazy(() => import('./analytics.jsx'), 'Analytics');

export const home = { path: '/report', roles: ['executive'] };

export const routes = [
	{ path: '/report', roles: ['executive', 'admin'], nav: 'nav.executive.home', component: Report },
	{ path: '/analytics', roles: ['executive', 'admin', 'manager'], nav: 'nav.executive.analytics', component: Analytics },
];
