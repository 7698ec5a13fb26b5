// The pages of the coach's daily work (../index.js says how pages are listed):
// the coachees, one relationship, planning and logging sessions, the ride-along.
import './coach.css';
import { lazy } from '../../core/lazy.jsx';
const Home = lazy(() => import('./home.jsx'), 'Home');
const Relationship = lazy(() => import('./relationship.jsx'), 'Relationship');
const Session = lazy(() => import('./session.jsx'), 'Session');
const PlanSession = lazy(() => import('./plan.jsx'), 'PlanSession');
const RideAlong = lazy(() => import('./ride-along.jsx'), 'RideAlong');

export const home = { path: '/coaching', roles: ['coach'] };

export const routes = [
	{ path: '/coaching', roles: ['coach'], nav: 'nav.coach.home', component: Home },
	{ path: '/coaching/ride-along', roles: ['coach'], nav: null, component: RideAlong },
	{ path: '/coaching/sessions/:id', roles: ['coach'], nav: null, component: Session },
	{ path: '/coaching/:assignment/new', roles: ['coach'], nav: null, component: PlanSession },
	{ path: '/coaching/:id', roles: ['coach'], nav: null, component: Relationship },
];
