// Every page of the interface, part by part: each part (a role's daily work)
// lists its pages in PART/index.js as { path, roles, nav, component }, where
// nav is the id of its name in the navigation (null: reached by links only).
// A page is offered to a caller who has one of its roles; the API still
// decides what each caller may read and do. A page's code is loaded when it is
// first opened: a part names each page as lazy(() => import('./page.jsx'),
// 'Page') (core/lazy.jsx), and imports nothing of its pages here.
import { match } from '../core/router.js';
import * as rep from './rep/index.js';
import * as coach from './coach/index.js';
import * as manager from './manager/index.js';
import * as admin from './admin/index.js';
import * as executive from './executive/index.js';
import * as records from './records/index.js';
import * as account from './account/index.js';

const parts = [admin, records, executive, manager, coach, rep, account];

export const routes = parts.flatMap((p) => p.routes);

// The first page of a caller: that of their first role in the order above.
export function homeOf(roles) {
	for (const p of parts)
		if (p.home && p.home.roles.some((r) => roles.includes(r))) return p.home.path;
	return '/account';
}

// Loads the code of the page at path (also before who is calling is known: the first page's
// code comes in while GET /api/me is under way). Resolves when it is in, or could not be
// loaded (the page says so when it is shown).
export function preload(path) {
	const r = routes.find((x) => match(x.path, path));
	return r && r.component.preload ? r.component.preload().catch(() => null) : Promise.resolve(null);
}
