// The pages of the manager's daily work (../index.js says how pages are listed).
import { Home } from './home.jsx';

export const home = { path: '/team', roles: ['manager'] };

export const routes = [
	{ path: '/team', roles: ['manager'], nav: 'nav.manager.home', component: Home },
];
