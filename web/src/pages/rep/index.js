// The pages of the rep's daily work (../index.js says how pages are listed).
import { Home } from './home.jsx';

export const home = { path: '/me', roles: ['rep'] };

export const routes = [
	{ path: '/me', roles: ['rep'], nav: 'nav.rep.home', component: Home },
];
