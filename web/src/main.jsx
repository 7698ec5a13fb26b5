// The web interface of salescoach: a client of the HTTP API (docs/web.md).
// At once, side by side: who is signed in (GET /api/me), the words of the
// language, and the code of the page at the address (of the caller's first page
// for /). The interface renders when all three are in: the page at once, with
// no loading note in between.
import { render } from 'preact';
import { whoami } from './core/api.js';
import { ready } from './core/i18n.js';
import { preload, homeOf } from './pages/index.js';
import { App } from './app.jsx';
import './style.css';

const path = location.pathname;
const asked = whoami();
const known = asked.catch(() => null); // a fault: the App shows it
const page = path === '/' ? known.then((m) => m && preload(homeOf(m.roles))) : preload(path);

// The page's placeholder (shown until the script runs) gives way to the interface.
const root = document.getElementById('app');
ready.then(() => Promise.all([known, page])).then(() => {
	root.textContent = '';
	render(<App asked={asked} />, root);
}, () => {
	// Without the words there is no interface: index.html says so in both languages.
	const note = document.getElementById('boot-failed');
	if (note) note.hidden = false;
});
