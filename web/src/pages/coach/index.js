// The pages of the coach's daily work (../index.js says how pages are listed):
// the coachees, one relationship, planning and logging sessions, the ride-along.
import { Home } from './home.jsx';
import { Relationship } from './relationship.jsx';
import { Session } from './session.jsx';
import { PlanSession } from './plan.jsx';
import { RideAlong } from './ride-along.jsx';
import './coach.css';

export const home = { path: '/coaching', roles: ['coach'] };

export const routes = [
	{ path: '/coaching', roles: ['coach'], nav: 'nav.coach.home', component: Home },
	{ path: '/coaching/ride-along', roles: ['coach'], nav: null, component: RideAlong },
	{ path: '/coaching/sessions/:id', roles: ['coach'], nav: null, component: Session },
	{ path: '/coaching/:assignment/new', roles: ['coach'], nav: null, component: PlanSession },
	{ path: '/coaching/:id', roles: ['coach'], nav: null, component: Relationship },
];
