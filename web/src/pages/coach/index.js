// The pages of the coach's daily work (../index.js says how pages are listed).
import { Home } from './home.jsx';

export const home = { path: '/coaching', roles: ['coach'] };

export const routes = [
	{ path: '/coaching', roles: ['coach'], nav: 'nav.coach.home', component: Home },
];
