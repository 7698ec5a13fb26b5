// The administrator's configuration (../index.js says how pages are listed): every kind
// of record that sets up the coaching (kinds.js), and the organisation's settings.
import './records.css';
import { lazy } from '../../core/lazy.jsx';
const Home = lazy(() => import('./home.jsx'), 'Home');
const List = lazy(() => import('./list.jsx'), 'List');
const Record = lazy(() => import('./record.jsx'), 'Record');
const Settings = lazy(() => import('./settings.jsx'), 'Settings');

const roles = ['admin'];

export const routes = [
	{ path: '/records', roles, nav: 'nav.records.home', component: Home },
	{ path: '/records/settings', roles, nav: null, component: Settings },
	{ path: '/records/:kind', roles, nav: null, component: List },
	{ path: '/records/:kind/:id', roles, nav: null, component: Record },
];
