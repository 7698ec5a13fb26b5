// Pages whose code loads when they are first opened: a part lists its pages with
// lazy(() => import('./page.jsx'), 'Page') (pages/index.js), so that the first page of a
// caller parses nothing of the pages of other roles. While the code loads the page shows
// the loading note; when it cannot be loaded, the error note (a network fault), and the
// next opening of the page tries again.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from './api.js';
import { Loading, ErrorNote } from './ui.jsx';

export function lazy(load, name) {
	let module = null, pending = null;
	const preload = () => {
		pending ||= load().then((m) => { module = m; return m; }, (e) => {
			pending = null;
			throw e;
		});
		return pending;
	};
	function Lazy(props) {
		const [failed, setFailed] = useState(null);
		const [, setLoaded] = useState(false);
		const shown = module;
		useEffect(() => {
			if (module) { // loaded between the render and now: shown at once
				if (!shown) setLoaded(true);
				return undefined;
			}
			let live = true;
			preload().then(() => live && setLoaded(true), () => live &&
				setFailed(new ApiError(0, { error: { code: 'network', message: '' } })));
			return () => { live = false; };
		}, []);
		if (module) {
			const Page = module[name];
			return <Page {...props} />;
		}
		return failed ? <ErrorNote error={failed} /> : <Loading />;
	}
	Lazy.preload = preload;
	return Lazy;
}
