// The pages of the rep's daily work (../index.js says how pages are listed): the
// coachee's own coaching record, and apart from it, their appraisals.
import { Home } from './home.jsx';
import { Sessions } from './sessions.jsx';
import { Session } from './session.jsx';
import { Actions } from './actions.jsx';
import { Plan } from './plan.jsx';
import { Survey } from './survey.jsx';
import { Access } from './access.jsx';
import { Shares } from './shares.jsx';
import { Appraisals } from './appraisals.jsx';
import './rep.css';

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
