// The pages of the manager's daily work (../index.js says how pages are listed):
// the team, the capacity planner, coach-the-coach reviews, and appraisals, which
// are a module apart from coaching.
import './manager.css';
import { lazy } from '../../core/lazy.jsx';
const Team = lazy(() => import('./team.jsx'), 'Team');
const Capacity = lazy(() => import('./capacity.jsx'), 'Capacity');
const Supervision = lazy(() => import('./supervision.jsx'), 'Supervision');
const Appraisals = lazy(() => import('./appraisals.jsx'), 'Appraisals');

export const home = { path: '/team', roles: ['manager'] };

export const routes = [
	{ path: '/team', roles: ['manager'], nav: 'nav.manager.home', component: Team },
	{ path: '/capacity', roles: ['manager'], nav: 'nav.manager.capacity', component: Capacity },
	{ path: '/supervision', roles: ['manager'], nav: 'nav.manager.supervision', component: Supervision },
	{ path: '/appraise', roles: ['manager'], nav: 'nav.manager.appraisals', component: Appraisals },
];
