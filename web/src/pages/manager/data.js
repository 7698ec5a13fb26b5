// What the manager's pages share: the days around today (the server's date),
// the people below the manager in the reporting line, the hours of sessions.
// Only activity is read here (dates, kinds, minutes, status, the coachee's
// rating of the coaching): never an agenda, notes or any other private field.
import { getAll, me } from '../../core/api.js';
import { localDate } from '../../core/i18n.js';

export const today = () => me.value.organisation.today;
export const myId = () => me.value.person.id;

// day ('YYYY-MM-DD') plus n days.
export function addDays(day, n) {
	const d = new Date(day + 'T12:00:00Z');
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}

// The ids of everyone below person in the reporting line (not person).
export function below(people, person) {
	const out = new Set();
	let frontier = [person];
	while (frontier.length) {
		const next = [];
		for (const p of people)
			if (frontier.includes(p.superior) && !out.has(p.id) && p.id !== person) { out.add(p.id); next.push(p.id); }
		frontier = next;
	}
	return out;
}

export const byId = (rows) => new Map(rows.map((r) => [r.id, r]));

// The records the team pages read, in one go. Sessions are read per assignment,
// and only of the assignments asked for (which(assignment, { people, coaches })): a list
// that holds the manager's own coaching relationships returns their private
// fields too, and each such read goes into the coachee's access log — for
// figures that never show them. from/to: the days of the sessions.
export async function loadTeam({ which, from, to }) {
	const [people, teams, coaches, assignments] = await Promise.all([
		getAll('/people'), getAll('/teams'), getAll('/coaches'), getAll('/assignments'),
	]);
	const wanted = assignments.filter((a) => which(a, { people, coaches }));
	const lists = await Promise.all(wanted.map((a) => getAll(`/sessions?assignment=${a.id}&from=${from}&to=${to}&order=at&content=false`)));
	const sessions = lists.flat().sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
	return { people, teams, coaches, assignments, sessions };
}

// The held sessions of some assignments since a day: count, hours, ratings.
export function activity(sessions, assignmentIds, since) {
	let held = 0, minutes = 0, ratings = 0, sum = 0;
	for (const s of sessions) {
		if (!assignmentIds.has(s.assignment) || s.status !== 'held' || localDate(s.at) < since) continue;
		held++;
		minutes += s.minutes || 0;
		if (s.feedback) { ratings++; sum += s.feedback; }
	}
	return { held, hours: minutes / 60, ratings, mean: ratings ? sum / ratings : null };
}

// An assignment in force today.
export const current = (a, day) => a.status === 'active' && a.starts_on <= day && (!a.ends_on || a.ends_on >= day);
