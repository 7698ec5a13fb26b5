// The kinds of record the administrator configures, described as data: the records
// module (list.jsx, record.jsx) is driven by this and knows no kind by itself.
// Taken from docs/openapi.json (the schemas Person, Team, ...): per field its name,
// type and limits; `req` for the required ones of a new record.
//
// Types: text, email, textarea, int, num, date, bool, enum (codes: the choices,
// shown with label(entity, field, code)), ref (kind: the plural of the kind referred to).
// `fixed`: set when the record is added, never changed after.
// A kind: entity (for labels), fields, list (the columns), filter (a field the list
// can be filtered on with ?FIELD=, equality as the API does it), order (of the list),
// title(record, names) (how one record is named: names.KIND.get(id)).

const MODELS = ['manager', 'senior', 'internal', 'external'];
const f = (name, type, opts = {}) => ({ name, type, ...opts });

export const KINDS = {
	people: {
		entity: 'person', order: 'name', filter: 'name',
		fields: [
			f('name', 'text', { req: 1, max: 120 }),
			f('email', 'email', { req: 1, max: 254 }),
			f('title', 'text', { max: 120 }),
			f('superior', 'ref', { kind: 'people' }),
			f('active', 'bool'),
			f('years_experience', 'int', { min: 0, max: 60 }),
			f('track_record', 'textarea', { max: 2000 }),
		],
		list: ['name', 'email', 'title', 'superior', 'active'],
		title: (r) => r.name,
	},
	teams: {
		entity: 'team', order: 'name', filter: 'name',
		fields: [
			f('name', 'text', { req: 1, max: 120 }),
			f('manager', 'ref', { kind: 'people' }),
			f('parent', 'ref', { kind: 'teams' }),
		],
		list: ['name', 'manager', 'parent'],
		title: (r) => r.name,
	},
	programmes: {
		entity: 'programme', order: 'starts_on', filter: 'name',
		fields: [
			f('name', 'text', { max: 120 }),
			f('team', 'ref', { kind: 'teams', req: 1 }),
			f('model', 'enum', { codes: MODELS, req: 1 }),
			f('starts_on', 'date', { req: 1 }),
			f('ends_on', 'date', { req: 1 }),
			f('target_hours', 'num', { min: 0.5, max: 40, step: 0.25 }),
		],
		list: ['name', 'team', 'model', 'starts_on', 'ends_on', 'target_hours'],
		title: (r, n) => r.name || n.teams.get(r.team),
	},
	coaches: {
		entity: 'coach', order: 'id',
		fields: [
			f('person', 'ref', { kind: 'people', req: 1 }),
			f('kind', 'enum', { codes: MODELS, req: 1 }),
			f('company', 'text', { max: 120 }),
			f('capacity', 'int', { min: 1, max: 100 }),
			f('hours_per_week', 'num', { min: 0, max: 40, step: 0.5 }),
			f('certification', 'text', { max: 200 }),
			f('active', 'bool'),
		],
		list: ['person', 'kind', 'company', 'capacity', 'hours_per_week', 'active'],
		title: (r, n) => n.people.get(r.person),
	},
	// A coaching relationship. Who coaches whom cannot change once added (the API
	// refuses it): fixed fields are shown but not editable on a stored record.
	assignments: {
		entity: 'assignment', order: 'starts_on',
		fields: [
			f('coachee', 'ref', { kind: 'people', req: 1, fixed: 1 }),
			f('coach', 'ref', { kind: 'coaches', req: 1, fixed: 1 }),
			f('programme', 'ref', { kind: 'programmes', req: 1, fixed: 1 }),
			f('starts_on', 'date', { req: 1 }),
			f('ends_on', 'date'),
			f('status', 'enum', { codes: ['active', 'paused', 'ended'], req: 1 }),
		],
		list: ['coachee', 'coach', 'programme', 'starts_on', 'ends_on', 'status'],
		title: (r, n) => `${n.people.get(r.coachee)} – ${n.coaches.get(r.coach)}`,
	},
	trainings: {
		entity: 'training', order: 'course', filter: 'course',
		fields: [
			f('coach', 'ref', { kind: 'coaches', req: 1 }),
			f('course', 'text', { req: 1, max: 200 }),
			f('provider', 'text', { max: 120 }),
			f('completed_on', 'date'),
		],
		list: ['course', 'coach', 'provider', 'completed_on'],
		title: (r) => r.course,
	},
	assessments: {
		entity: 'assessment', order: 'assessed_on',
		fields: [
			f('candidate', 'ref', { kind: 'people', req: 1 }),
			f('assessor', 'ref', { kind: 'people', req: 1 }),
			f('assessed_on', 'date'),
			f('motivation', 'int', { min: 1, max: 5, req: 1 }),
			f('traits', 'int', { min: 1, max: 5, req: 1 }),
			f('ability', 'int', { min: 1, max: 5, req: 1 }),
			f('track_record', 'int', { min: 1, max: 5, req: 1 }),
			f('decision', 'enum', { codes: ['ready', 'not_ready'], req: 1 }),
			f('notes', 'textarea', { max: 4000 }),
		],
		list: ['candidate', 'assessor', 'assessed_on', 'decision'],
		title: (r, n) => n.people.get(r.candidate),
	},
	incentives: {
		entity: 'incentive', order: 'starts_on',
		fields: [
			f('coach', 'ref', { kind: 'coaches', req: 1 }),
			f('starts_on', 'date', { req: 1 }),
			f('ends_on', 'date'),
			f('target_reduction_pct', 'num', { min: 0, max: 100, step: 0.5 }),
			f('bonus_share_pct', 'num', { min: 0, max: 100, step: 0.5 }),
			f('base_bonus', 'int', { min: 0, max: 10000000 }),
			f('selling_hours', 'int', { min: 1, max: 300 }),
		],
		list: ['coach', 'starts_on', 'ends_on', 'target_reduction_pct', 'bonus_share_pct'],
		title: (r, n) => n.coaches.get(r.coach),
	},
};

export const KIND_NAMES = Object.keys(KINDS);

// The kinds whose names the fields of kind refer to (coaches are named by their person).
export function refKinds(kind) {
	const out = new Set();
	for (const fd of KINDS[kind].fields) if (fd.type === 'ref') out.add(fd.kind);
	if (out.has('coaches') || kind === 'coaches') out.add('people');
	return [...out];
}
