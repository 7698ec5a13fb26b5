// The pages every signed-in person has: their account (../index.js says how pages are listed).
import { lazy } from '../../core/lazy.jsx';
const Account = lazy(() => import('./account.jsx'), 'Account');

const everyone = ['rep', 'coach', 'manager', 'admin', 'executive'];

export const routes = [
	{ path: '/account', roles: everyone, nav: 'nav.account', component: Account },
];
