// The pages of the rep's daily work (../index.js says how pages are listed): the
// coachee's own coaching record, and apart from it, their appraisals.
import './rep.css';
import { lazy } from '../../core/lazy.jsx';
const Home = lazy(() => import('./home.jsx'), 'Home');
const Sessions = lazy(() => import('./sessions.jsx'), 'Sessions');
const Session = lazy(() => import('./session.jsx'), 'Session');
const Actions = lazy(() => import('./actions.jsx'), 'Actions');
const Plan = lazy(() => import('./plan.jsx'), 'Plan');
const Survey = lazy(() => import('./survey.jsx'), 'Survey');
const Access = lazy(() => import('./access.jsx'), 'Access');
const Shares = lazy(() => import('./shares.jsx'), 'Shares');
const Appraisals = lazy(() => import('./appraisals.jsx'), 'Appraisals');

export const home = { path: '/me', roles: ['rep'] };

const rep = ['rep'];
export const routes = [
	{ path: '/me', roles: rep, nav: 'nav.rep.home', component: Home },
	{ path: '/my-sessions', roles: rep, nav: 'nav.rep.sessions', component: Sessions },
	{ path: '/my-sessions/:id', roles: rep, nav: null, component: Session },
	{ path: '/my-actions', roles: rep, nav: 'nav.rep.actions', component: Actions },
	{ path: '/my-plan', roles: rep, nav: 'nav.rep.plan', component: Plan },
	{ path: '/my-survey', roles: rep, nav: 'nav.rep.survey', component: Survey },
	{ path: '/my-shares', roles: rep, nav: 'nav.rep.shares', component: Shares },
	{ path: '/who-read-my-record', roles: rep, nav: 'nav.rep.access', component: Access },
	{ path: '/my-appraisals', roles: rep, nav: 'nav.rep.appraisals', component: Appraisals },
];
