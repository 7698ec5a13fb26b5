// A value that components follow: reading .value in a component that called
// useSignal(s) renders it again when the value changes.
import { useEffect, useState } from 'preact/hooks';

export function signal(value) {
	const subs = new Set();
	return {
		get value() { return value; },
		set value(v) {
			if (v === value) return;
			value = v;
			for (const f of [...subs]) f(v);
		},
		subscribe(f) { subs.add(f); return () => subs.delete(f); },
	};
}

export function useSignal(s) {
	const [, set] = useState(0);
	const shown = s.value;
	useEffect(() => {
		const stop = s.subscribe(() => set((n) => n + 1));
		// A change between the render and now (effects run later) would be missed otherwise.
		if (s.value !== shown) set((n) => n + 1);
		return stop;
	}, [s]);
	return s.value;
}
