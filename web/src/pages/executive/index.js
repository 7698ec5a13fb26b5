// The pages of the executive's daily work (../index.js says how pages are listed).
import { Home } from './home.jsx';

export const home = { path: '/report', roles: ['executive'] };

export const routes = [
	{ path: '/report', roles: ['executive'], nav: 'nav.executive.home', component: Home },
];
