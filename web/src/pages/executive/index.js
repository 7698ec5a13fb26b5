// The pages of the executive's daily work (../index.js says how pages are listed): the
// programme report, also offered to administrators (the API gives them the same figures).
import { Report } from './report.jsx';
import './executive.css';

export const home = { path: '/report', roles: ['executive'] };

export const routes = [
	{ path: '/report', roles: ['executive', 'admin'], nav: 'nav.executive.home', component: Report },
];
