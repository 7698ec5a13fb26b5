// The pages of the executive's daily work (../index.js says how pages are listed): the
// programme report, also offered to administrators (the API gives them the same figures).
import './executive.css';
import { lazy } from '../../core/lazy.jsx';
const Report = lazy(() => import('./report.jsx'), 'Report');

export const home = { path: '/report', roles: ['executive'] };

export const routes = [
	{ path: '/report', roles: ['executive', 'admin'], nav: 'nav.executive.home', component: Report },
];
