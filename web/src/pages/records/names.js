// The names of the records that fields refer to (a superior, a team, a coach), so that
// lists and forms show names, never ids. Loaded for each page from the API (every page
// of the list); nothing is kept between pages, so a change shows at once.
import { getAll } from '../../core/api.js';
import { t, label, fmtDate } from '../../core/i18n.js';

const NAMERS = {
	people: (r) => r.name,
	teams: (r) => r.name,
	// A programme without a name of its own by its model and first day.
	programmes: (r) => r.name || `${label('programme', 'model', r.model)} (${fmtDate(r.starts_on)})`,
};

// { KIND: { get(id) → name, options: [[id, name]] sorted by name } } for the kinds asked.
export async function loadNames(kinds) {
	const wanted = new Set(kinds);
	if (wanted.has('coaches')) wanted.add('people');
	const lists = {};
	await Promise.all([...wanted].map(async (k) => { lists[k] = await getAll(`/${k}`); }));
	const names = {};
	const people = new Map((lists.people || []).map((r) => [r.id, r.name]));
	for (const k of wanted) {
		// A coach by their person's name and their kind: one person has one coach profile.
		const namer = NAMERS[k] || ((r) => `${people.get(r.person) ?? r.person} (${label('coach', 'kind', r.kind)})`);
		const map = new Map(lists[k].map((r) => [r.id, namer(r)]));
		names[k] = {
			get: (id) => (id === null || id === undefined ? '' : map.get(id) ?? t('records.unknown', { id })),
			options: [...map].sort((a, b) => a[1].localeCompare(b[1])).map(([id, n]) => [String(id), n]),
		};
	}
	return names;
}
