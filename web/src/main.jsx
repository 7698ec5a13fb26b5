// The web interface of salescoach: a client of the HTTP API (docs/web.md).
// At once, side by side: who is signed in (GET /api/me), the words of the
// language, and the code of the page at the address; the interface renders as
// soon as the words are in.
import { render } from 'preact';
import { whoami } from './core/api.js';
import { ready } from './core/i18n.js';
import { preload } from './pages/index.js';
import { App } from './app.jsx';
import './style.css';

const asked = whoami();
asked.catch(() => { /* the App shows it */ });
preload(location.pathname);

// The page's placeholder (shown until the script runs) gives way to the interface.
const root = document.getElementById('app');
ready.then(() => {
	root.textContent = '';
	render(<App asked={asked} />, root);
}, () => {
	// Without the words there is no interface: index.html says so in both languages.
	const note = document.getElementById('boot-failed');
	if (note) note.hidden = false;
});
