// The web interface of salescoach: a client of the HTTP API (docs/web.md).
import { render } from 'preact';
import { App } from './app.jsx';
import './style.css';

render(<App />, document.getElementById('app'));
