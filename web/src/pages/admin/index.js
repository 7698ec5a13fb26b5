// The pages of the admin's daily work (../index.js says how pages are listed).
import { Home } from './home.jsx';

export const home = { path: '/alerts', roles: ['admin'] };

export const routes = [
	{ path: '/alerts', roles: ['admin'], nav: 'nav.admin.home', component: Home },
];
