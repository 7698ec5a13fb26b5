// What the rep's pages share: the caller's own coaching relationships (as
// coachee), their coaches by name, and small helpers for dates and lists.
// Nothing is kept between pages: each page asks the API again, so that no
// one's coaching record outlives their session in this tab.
import { get, getAll, me } from '../../core/api.js';
import { localDate } from '../../core/i18n.js';

export const today = () => me.value.organisation.today;
export const myId = () => me.value.person.id;

// Whole days from a to b (YYYY-MM-DD), b later: positive.
export function daysBetween(a, b) {
	return Math.round((Date.parse(b + 'T12:00:00Z') - Date.parse(a + 'T12:00:00Z')) / 86400000);
}

// A person's name, or null when the API does not show them to the caller.
export async function personName(id) {
	try {
		return (await get(`/people/${id}`)).name;
	} catch (e) {
		if (e.status === 404) return null;
		throw e;
	}
}

// The caller's relationships as coachee: { assignments, coachOf(assignmentId) → { id, kind, name, person } }.
export async function myRelationships() {
	const assignments = await getAll(`/assignments?coachee=${myId()}&order=starts_on&desc=true`);
	const coaches = {};
	for (const id of new Set(assignments.map((a) => a.coach))) {
		const c = await get(`/coaches/${id}`);
		coaches[id] = { ...c, name: (await personName(c.person)) || '' };
	}
	const byId = Object.fromEntries(assignments.map((a) => [a.id, a]));
	return {
		assignments,
		coaches,
		coachOf: (assignment) => coaches[byId[assignment]?.coach] || null,
	};
}

// Every session of the caller's own relationships (not those they hold as a coach), by time.
export async function mySessions(rel) {
	const lists = await Promise.all(rel.assignments.map((a) => getAll(`/sessions?assignment=${a.id}&order=at`)));
	return lists.flat().sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : x.id - y.id));
}

// Planned sessions from today on (soonest first), and the others up to today (latest first).
export function splitSessions(sessions) {
	const day = today();
	const upcoming = sessions.filter((s) => s.status === 'planned' && localDate(s.at) >= day);
	const past = sessions.filter((s) => !upcoming.includes(s)).reverse();
	return { upcoming, past };
}

// Every action item of the caller's own relationships: open ones first (by due date), then done.
export async function myActions(rel) {
	const lists = await Promise.all(rel.assignments.map((a) => getAll(`/actions?assignment=${a.id}&order=due_on`)));
	return sortActions(lists.flat());
}

export function sortActions(items) {
	const open = items.filter((a) => !a.done_on).sort((x, y) => (x.due_on < y.due_on ? -1 : x.due_on > y.due_on ? 1 : x.id - y.id));
	const done = items.filter((a) => a.done_on).sort((x, y) => (x.done_on > y.done_on ? -1 : x.done_on < y.done_on ? 1 : y.id - x.id));
	return [...open, ...done];
}

// The skills of the framework by code: { code: name }.
export async function skillNames() {
	const skills = await getAll('/skills');
	return Object.fromEntries(skills.map((s) => [s.code, s.name]));
}

export const skillList = (codes, names) =>
	(codes || '').split(',').map((c) => c.trim()).filter(Boolean).map((c) => names[c] || c).join(', ');
