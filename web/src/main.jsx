// The web interface of salescoach: a client of the HTTP API (docs/web.md).
import { render } from 'preact';
import { App } from './app.jsx';
import './style.css';

// The page's placeholder (shown until the script runs) gives way to the interface.
const root = document.getElementById('app');
root.textContent = '';
render(<App />, root);
