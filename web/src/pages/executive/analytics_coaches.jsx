// The Coaches tab of Analyses (analytics.jsx): GET /api/reports/coaches, a row per coach (an
// administrator reads every coach, a coach their own entry): coachees against capacity and the
// load in the last month of the range, the cadence kept, the session feedback and the effect
// on attainment of their coaching. Every figure is the API's; a withheld one shows why.
import { t } from '../../core/i18n.js';
import { Empty } from '../../core/ui.jsx';
import { fmtFixed } from './chart.jsx';
import { Grid, count, pct, signed, modelName, fmtMonth } from './analytics_tabs.jsx';

function coachCells(c, k) {
	const last = c.months.at(-1);
	const name = c.coach.active ? c.coach.person.name : t('analytics.coaches.inactive', { name: c.coach.person.name });
	const load = last.load_pct === null ? t('analytics.coaches.no_capacity') : pct(last.load_pct);
	const cad = c.cadence;
	const cadence = cad.pct === null ? t('analytics.coaches.no_cadence')
		: t('analytics.coaches.cadence', { kept: count(cad.kept), of: count(cad.coachee_months), pct: pct(cad.pct) });
	const fb = c.feedback;
	const att = c.impact.attainment;
	return [name, modelName(c.coach.kind),
		t('analytics.coaches.of_capacity', { n: count(last.coachees), capacity: count(last.capacity) }), load, cadence,
		count(fb.people), fb.mean === null ? t('analytics.withheld', { k }) : fmtFixed(fb.mean, 1),
		count(att.treated), ...(att.enough
			? [signed(att.effect), t('analytics.impact.interval', { low: signed(att.low), high: signed(att.high) })]
			: [{ span: 2, text: t('analytics.impact.not_enough') }])];
}

export function CoachesTab({ report }) {
	const { k } = report;
	return (
		<div data-report="coaches">
			<p>{t('analytics.coaches.about', { k, month: fmtMonth(report.to) })}</p>
			{report.coaches.length ? (
				<Grid caption={t('analytics.coaches.table')} num={2}
					columns={[t('analytics.col.coach'), t('analytics.col.kind'), t('analytics.col.coachees_capacity'),
						t('analytics.col.load'), t('analytics.col.cadence'), t('analytics.col.rated'), t('analytics.col.feedback'),
						t('analytics.col.people'), t('analytics.col.effect_attainment'), t('analytics.col.interval')]}
					rows={report.coaches.map((c) => ({ cells: coachCells(c, k) }))} />
			) : <Empty>{t('analytics.coaches.empty')}</Empty>}
		</div>
	);
}
