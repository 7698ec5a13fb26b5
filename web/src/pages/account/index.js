// The pages every signed-in person has: their account (../index.js says how pages are listed).
import { Account } from './account.jsx';

const everyone = ['rep', 'coach', 'manager', 'admin', 'executive'];

export const routes = [
	{ path: '/account', roles: everyone, nav: 'nav.account', component: Account },
];
