// The frame of the interface: who is signed in, the navigation of their
// roles, the language switch, and the page of the address.
import { useEffect, useState } from 'preact/hooks';
import { me, expired, whoami, logout, hasRole } from './core/api.js';
import { t, lang, setZone } from './core/i18n.js';
import { LangSwitch } from './pages/lang.jsx';
import { location, navigate, match, query } from './core/router.js';
import { useSignal } from './core/signal.js';
import { clearDrafts } from './core/form.js';
import { Loading, Page, ErrorNote } from './core/ui.jsx';
import { Login } from './pages/login.jsx';
import { routes, homeOf } from './pages/index.js';

function Nav({ path }) {
	const items = routes.filter((r) => r.nav && hasRole(...r.roles));
	const seen = new Set();
	return (
		<nav aria-label={t('shell.nav')}>
			<ul>
				{items.filter((r) => !seen.has(r.path) && seen.add(r.path)).map((r) => {
					const current = path === r.path || (r.path !== '/' && path.startsWith(r.path + '/'));
					return <li><a href={r.path} aria-current={current ? 'page' : undefined}>{t(r.nav)}</a></li>;
				})}
			</ul>
		</nav>
	);
}

function Shell({ children, path }) {
	const m = me.value;
	async function out() {
		await logout();
		clearDrafts();
		navigate('/login', { replace: true });
	}
	return (
		<div class="shell">
			<a class="skip" href="#main">{t('shell.skip')}</a>
			<header class="top">
				<a class="brand" href="/">salescoach</a>
				<span class="org">{m.organisation.name}</span>
				<div class="top-end">
					<LangSwitch />
					<span class="who">{m.person.name}</span>
					<button type="button" class="link" onClick={out}>{t('shell.logout')}</button>
				</div>
			</header>
			<Nav path={path} />
			<main id="main" tabIndex={-1}>{children}</main>
		</div>
	);
}

function NotFound() {
	return <Page title={t('shell.not_found')}><p>{t('shell.not_found_text')}</p><p><a href="/">{t('shell.home')}</a></p></Page>;
}

function find(path) {
	for (const r of routes) {
		const params = match(r.path, path);
		if (params && hasRole(...r.roles)) return { route: r, params };
	}
	return null;
}

// asked: the answer of GET /api/me, asked for as the interface started (main.jsx).
export function App({ asked }) {
	const where = useSignal(location);
	const who = useSignal(me);
	const ended = useSignal(expired);
	useSignal(lang);
	const [fault, setFault] = useState(null);
	const path = where.split('?')[0];

	useEffect(() => { (asked || whoami()).catch(setFault); }, []);
	useEffect(() => { if (who) setZone(who.organisation.timezone); }, [who]);
	// An ended session: to the login page, and back here after it.
	useEffect(() => {
		if (ended && path !== '/login') {
			me.value = null;
			navigate(`/login?next=${encodeURIComponent(where)}&expired=1`, { replace: true });
		}
	}, [ended]);
	useEffect(() => {
		if (who === null && path !== '/login')
			navigate(`/login?next=${encodeURIComponent(where)}`, { replace: true });
		else if (who && path === '/login')
			navigate(safeNext(query('next')) || homeOf(who.roles), { replace: true });
		else if (who && path === '/')
			navigate(homeOf(who.roles), { replace: true });
	}, [who, path]);

	if (fault) return <main id="main" class="page"><ErrorNote error={fault} /></main>;
	if (who === undefined) return <main id="main"><Loading /></main>;
	if (!who || path === '/login') return <Login expired={query('expired') === '1'} />;
	const found = find(path);
	const View = found ? found.route.component : NotFound;
	return <Shell path={path}><View {...(found ? found.params : {})} key={where} /></Shell>;
}

// Only a path of this interface: never another site, never the API.
function safeNext(next) {
	return next && /^\/(?!\/)/.test(next) && !next.startsWith('/api/') && !next.startsWith('/login') ? next : null;
}
