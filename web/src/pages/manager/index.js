// The pages of the manager's daily work (../index.js says how pages are listed):
// the team, the capacity planner, coach-the-coach reviews, and appraisals, which
// are a module apart from coaching.
import { Team } from './team.jsx';
import { Capacity } from './capacity.jsx';
import { Supervision } from './supervision.jsx';
import { Appraisals } from './appraisals.jsx';
import './manager.css';

export const home = { path: '/team', roles: ['manager'] };

export const routes = [
	{ path: '/team', roles: ['manager'], nav: 'nav.manager.home', component: Team },
	{ path: '/capacity', roles: ['manager'], nav: 'nav.manager.capacity', component: Capacity },
	{ path: '/supervision', roles: ['manager'], nav: 'nav.manager.supervision', component: Supervision },
	{ path: '/appraise', roles: ['manager'], nav: 'nav.manager.appraisals', component: Appraisals },
];
