// The capacity calculation of PRODUCT.md ("Calculations") for figures the manager
// tries out: the same rules as GET /api/plan/capacity (docs/planners.md), which
// computes them for the figures on record. The tasks come from that answer.
const EPS = 1e-9;
export const perMonth = (perWeek) => (perWeek * 52) / 12;
const round2 = (x) => Math.round(x * 100) / 100;

// The smallest set of tasks whose hours per month cover need: the fewest tasks,
// among equally few the fewest hours, then the lowest ids; of the 24 largest.
function smallestCover(tasks, need) {
	const pool = [...tasks].sort((a, b) => b.hours_per_month - a.hours_per_month || a.id - b.id).slice(0, 24);
	for (let k = 1; k <= pool.length; k++) {
		let best = null;
		const pick = [];
		const walk = (from, hours) => {
			if (pick.length === k) {
				if (hours + EPS < need) return;
				const ids = pick.map((x) => x.id).sort((a, b) => a - b);
				if (!best || hours < best.hours - EPS || (Math.abs(hours - best.hours) <= EPS && ids.join() < best.ids.join()))
					best = { hours, ids, tasks: [...pick] };
				return;
			}
			for (let i = from; i < pool.length; i++) {
				pick.push(pool[i]);
				walk(i + 1, hours + pool[i].hours_per_month);
				pick.pop();
			}
		};
		walk(0, 0);
		if (best) return best;
	}
	return null;
}

// figures: { coachees, target, hoursPerWeek }, tasks: [{ id, name, hours_per_week }]
export function capacity({ coachees, target, hoursPerWeek }, tasks) {
	const candidates = tasks.map((x) => ({ ...x, hours_per_month: perMonth(x.hours_per_week) }));
	const needed = coachees * target;
	const available = perMonth(hoursPerWeek);
	const shortfall = needed - available > EPS ? needed - available : 0;
	let cover = null;
	if (shortfall > 0) cover = smallestCover(candidates, shortfall);
	const all = candidates.reduce((n, x) => n + x.hours_per_month, 0);
	const chosen = new Set(cover ? cover.ids : []);
	return {
		needed: round2(needed), available: round2(available), shortfall: round2(shortfall),
		shortfallPerWeek: round2((shortfall * 12) / 52), spare: round2(shortfall > 0 ? 0 : available - needed),
		closes: shortfall > 0 ? !!cover : null, freed: round2(cover ? cover.hours : all),
		tasks: candidates.map((x) => ({ ...x, delegate: chosen.has(x.id) })),
		maxSpan: target > 0 ? Math.floor(available / target + EPS) : null,
	};
}
