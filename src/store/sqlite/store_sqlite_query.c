/*
 * store_sqlite_query.c - the named queries of store.h in SQLite's SQL.
 *
 * Each query computes one kind of fact for a whole organisation in one
 * statement; ?1 is always the organisation, ?2... the documented
 * parameters in order. Active means: assignment status 'active', started
 * on or before today and not ended before it; a programme is current when
 * today lies between its start and end.
 */
#include "store/sqlite/store_sqlite_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ACTIVE_ASSIGNMENT(a, today)                                                                \
	a ".status = 'active' AND " a ".starts_on <= " today " AND (" a ".ends_on IS NULL OR " a   \
	  ".ends_on >= " today ")"

static const char *const queries[SQ_COUNT] = {
	[SQ_ACTIVE_ASSIGNMENTS] =
	        "SELECT a.id, p.id, p.model, p.team, c.id, c.person, cp.name, a.coachee, ce.name,"
	        " a.starts_on, a.ends_on, p.target_hours,"
	        " (SELECT s.at FROM coaching_session s WHERE s.assignment = a.id"
	        "   AND s.status = 'held' ORDER BY s.at DESC LIMIT 1),"
	        " (SELECT s.at FROM coaching_session s WHERE s.assignment = a.id"
	        "   AND s.status = 'planned' AND s.at >= ?3 ORDER BY s.at LIMIT 1),"
	        " (SELECT s.at FROM coaching_session s WHERE s.assignment = a.id"
	        "   AND s.status = 'planned' AND s.at < ?3 ORDER BY s.at DESC LIMIT 1)"
	        " FROM assignment a JOIN programme p ON p.id = a.programme"
	        " JOIN coach c ON c.id = a.coach JOIN person cp ON cp.id = c.person"
	        " JOIN person ce ON ce.id = a.coachee"
	        " WHERE a.org_id = ?1 AND " ACTIVE_ASSIGNMENT("a", "?2") " ORDER BY a.id",
	[SQ_HELD_MINUTES] = "SELECT s.assignment, SUM(s.minutes), COUNT(*)"
	                    " FROM coaching_session s JOIN assignment a ON a.id = s.assignment"
	                    " WHERE s.org_id = ?1 AND s.at >= ?3 AND s.at < ?4"
	                    " AND s.status = 'held' AND " ACTIVE_ASSIGNMENT(
	                            "a", "?2") " GROUP BY s.assignment ORDER BY s.assignment",
	[SQ_COACHES] =
	        "SELECT c.id, c.person, p.name, c.kind, c.capacity, c.hours_per_week,"
	        " (SELECT COUNT(DISTINCT a.coachee) FROM assignment a WHERE a.coach = c.id"
	        "   AND " ACTIVE_ASSIGNMENT(
	                "a",
	                "?2") "),"
	                      " (SELECT COUNT(*) FROM training t WHERE t.coach = c.id"
	                      "   AND t.completed_on IS NOT NULL AND t.completed_on <= ?2),"
	                      " (SELECT MIN(t.course) FROM training t WHERE t.coach = c.id"
	                      "   AND (t.completed_on IS NULL OR t.completed_on > ?2)),"
	                      " (SELECT MIN(a.starts_on) FROM assignment a WHERE a.coach = c.id),"
	                      " p.superior, sp.name, p.years_experience, p.track_record"
	                      " FROM coach c JOIN person p ON p.id = c.person"
	                      " LEFT JOIN person sp ON sp.id = p.superior"
	                      " WHERE c.org_id = ?1 AND c.active = 1 ORDER BY c.id",
	[SQ_OVERDUE_ACTIONS] = "SELECT i.assignment, COUNT(*), MIN(i.due_on) FROM action_item i"
	                       " JOIN assignment a ON a.id = i.assignment"
	                       " WHERE i.org_id = ?1 AND i.done_on IS NULL AND i.due_on < ?2"
	                       " AND " ACTIVE_ASSIGNMENT("a", "?2") " GROUP BY i.assignment"
	                                                            " ORDER BY i.assignment",
	[SQ_UNRECORDED_SESSIONS] =
	        "SELECT s.assignment, COUNT(*), MIN(s.at), MAX(s.at),"
	        " (SELECT s2.id FROM coaching_session s2 WHERE s2.assignment = s.assignment"
	        "   AND s2.status = 'planned' AND s2.at < ?3 ORDER BY s2.at DESC, s2.id DESC LIMIT "
	        "1)"
	        " FROM coaching_session s JOIN assignment a ON a.id = s.assignment"
	        " WHERE s.org_id = ?1 AND s.status = 'planned' AND s.at < ?3"
	        " AND " ACTIVE_ASSIGNMENT("a", "?2") " GROUP BY s.assignment ORDER BY s.assignment",
	[SQ_MIXED_APPRAISALS] =
	        "SELECT ap.id, ap.recorded_on, ap.manager, m.name, ap.rep, r.name,"
	        " ap.override_reason IS NOT NULL AND ap.override_reason <> '',"
	        " s.id, s.at, p.model, p.id, p.team, m.superior, sm.name"
	        " FROM appraisal ap JOIN person m ON m.id = ap.manager"
	        " JOIN person r ON r.id = ap.rep LEFT JOIN person sm ON sm.id = m.superior"
	        " JOIN coach c ON c.person = ap.manager AND c.org_id = ap.org_id"
	        " JOIN assignment a ON a.coach = c.id AND a.coachee = ap.rep"
	        " JOIN programme p ON p.id = a.programme"
	        " JOIN coaching_session s ON s.assignment = a.id"
	        "   AND s.status IN ('held', 'planned')"
	        "   AND s.at >= date(ap.recorded_on, '-' || (?3 + 1) || ' days')"
	        "   AND s.at < date(ap.recorded_on, '+' || (?3 + 2) || ' days')"
	        " WHERE ap.org_id = ?1 AND ap.recorded_on >= ?2 ORDER BY ap.id, s.at",
	[SQ_SUPERVISION] = "SELECT p.id, MAX(r.reviewed_on),"
	                   " (SELECT r2.next_review_on FROM supervision_review r2"
	                   "   WHERE r2.manager = p.id AND (r2.reviewer = p.superior"
	                   "     OR r2.reviewer = ?2)"
	                   "   ORDER BY r2.reviewed_on DESC LIMIT 1)"
	                   " FROM person p JOIN supervision_review r ON r.manager = p.id"
	                   "   AND (r.reviewer = p.superior OR r.reviewer = ?2)"
	                   " WHERE p.org_id = ?1 GROUP BY p.id ORDER BY p.id",
	[SQ_MANAGER_TASKS] = "SELECT t.id, t.manager, t.name, t.hours_per_week, t.delegable,"
	                     " t.delegated_to IS NOT NULL FROM manager_task t"
	                     " WHERE t.org_id = ?1 ORDER BY t.manager, t.id",
	[SQ_TEAM_SPANS] = "SELECT t.id, t.name, p.id, t.manager, m.name,"
	                  " (SELECT COUNT(*) FROM person d WHERE d.superior = t.manager"
	                  "   AND d.active = 1)"
	                  " FROM team t JOIN programme p ON p.team = t.id"
	                  " JOIN person m ON m.id = t.manager"
	                  " WHERE t.org_id = ?1 AND p.model = ?3 AND p.starts_on <= ?2"
	                  " AND p.ends_on >= ?2 ORDER BY t.id",
	[SQ_READINESS] =
	        "SELECT r.candidate, r.assessed_on, r.motivation, r.traits, r.ability,"
	        " r.track_record, r.decision FROM readiness_assessment r"
	        " WHERE r.org_id = ?1 AND r.id = (SELECT r2.id FROM readiness_assessment r2"
	        "   WHERE r2.candidate = r.candidate"
	        "   ORDER BY r2.assessed_on DESC, r2.id DESC LIMIT 1) ORDER BY r.candidate",
	[SQ_INCENTIVES] =
	        "SELECT i.id, i.coach, i.starts_on, i.ends_on, i.target_reduction_pct,"
	        " i.bonus_share_pct, i.selling_hours FROM incentive_plan i"
	        " WHERE i.org_id = ?1 AND i.starts_on <= ?2"
	        " AND (i.ends_on IS NULL OR i.ends_on >= ?2) ORDER BY i.coach, i.starts_on",
	[SQ_SENIOR_QUOTAS] = "SELECT r.rep, r.month, r.quota FROM sales_result r"
	                     " WHERE r.org_id = ?1 AND r.rep IN (SELECT c.person FROM coach c"
	                     "   WHERE c.org_id = ?1 AND c.kind = 'senior' AND c.active = 1)"
	                     " ORDER BY r.rep, r.month",
	/* CROSS JOIN keeps the coaches outside: few of them, each reached by index. */
	[SQ_SENIOR_SESSIONS] = "SELECT a.coach, s.at, s.minutes FROM coach c"
	                       " CROSS JOIN assignment a ON a.coach = c.id"
	                       " CROSS JOIN coaching_session s ON s.assignment = a.id"
	                       "   AND s.status = 'held' AND s.at >= ?2"
	                       " WHERE c.org_id = ?1 AND c.kind = 'senior' AND c.active = 1"
	                       " ORDER BY a.coach, s.at",
	[SQ_SURVEY_MEANS] = "SELECT v.coach, v.respondent, COUNT(*), AVG(v.respect), AVG(v.trust),"
	                    " AVG(v.not_reporting), COUNT(v.not_reporting), AVG(v.helps),"
	                    " AVG(v.part_of_team), AVG(v.feels_like_assessment),"
	                    " COUNT(v.feels_like_assessment) FROM survey_answer v"
	                    " WHERE v.org_id = ?1 AND v.answered_on >= ?2"
	                    " GROUP BY v.coach, v.respondent ORDER BY v.coach, v.respondent",
	[SQ_PRESENCE] = "SELECT g.coach, COUNT(DISTINCT g.present_on) FROM presence_log g"
	                " WHERE g.org_id = ?1 AND g.present_on >= ?2 AND g.present_on <= ?3"
	                " AND g.kind = 'sales_floor' GROUP BY g.coach ORDER BY g.coach",
	[SQ_APPOINTMENTS] =
	        "SELECT a.coach, s.at, NULL, 1 FROM coaching_session s"
	        " JOIN assignment a ON a.id = s.assignment JOIN coach c ON c.id = a.coach"
	        " WHERE s.org_id = ?1 AND s.at >= ?2 AND s.at < ?3"
	        " AND s.status = 'held' AND s.kind = 'ride_along'"
	        " AND c.kind IN ('internal', 'external') UNION ALL SELECT g.coach, NULL, "
	        "g.present_on, COUNT(*)"
	        " FROM presence_log g WHERE g.org_id = ?1 AND g.present_on >= ?4"
	        " AND g.present_on <= ?5 AND g.kind = 'customer_appointment'"
	        " GROUP BY g.coach, g.present_on ORDER BY 1",
	[SQ_TEAM_ATTENDANCE] =
	        "WITH ct AS (SELECT DISTINCT a.coach AS coach, p.team AS team FROM assignment a"
	        "   JOIN programme p ON p.id = a.programme JOIN coach c ON c.id = a.coach"
	        "   WHERE a.org_id = ?1 AND c.kind IN ('internal', 'external') AND c.active = 1"
	        "   AND " ACTIVE_ASSIGNMENT(
	                "a", "?2") ")"
	                           " SELECT ct.coach, ct.team, COUNT(ta.id),"
	                           " COUNT(DISTINCT (SELECT g.activity FROM presence_log g WHERE "
	                           "g.coach = ct.coach"
	                           "   AND g.activity = ta.id LIMIT 1))"
	                           " FROM ct LEFT JOIN team_activity ta ON ta.team = ct.team"
	                           "   AND ta.at >= ?3 AND ta.at < ?4"
	                           " GROUP BY ct.coach, ct.team ORDER BY ct.coach, ct.team",
	[SQ_ONBOARDING] =
	        "SELECT c.id,"
	        " (SELECT MIN(p.team) FROM assignment a JOIN programme p ON p.id = a.programme"
	        "   WHERE a.coach = c.id),"
	        " (SELECT COUNT(*) FROM team_activity ta WHERE ta.introduces = c.id"
	        "   AND ta.kind = 'team_meeting' AND ta.at < ?3),"
	        " (SELECT COUNT(DISTINCT a.coachee) FROM assignment a WHERE a.coach = c.id"
	        "   AND " ACTIVE_ASSIGNMENT(
	                "a", "?2") "),"
	                           " (SELECT COUNT(DISTINCT a.coachee) FROM assignment a WHERE "
	                           "a.coach = c.id"
	                           "   AND " ACTIVE_ASSIGNMENT(
	                                   "a", "?2") " AND EXISTS (SELECT 1"
	                                              "   FROM coaching_session s WHERE "
	                                              "s.assignment = a.id AND s.intro = 1"
	                                              "   AND s.status = 'held')),"
	                                              " (SELECT group_concat(d, ',') FROM (SELECT "
	                                              "DISTINCT v.answered_on AS d"
	                                              "   FROM survey_answer v WHERE v.coach = "
	                                              "c.id ORDER BY v.answered_on))"
	                                              " FROM coach c WHERE c.org_id = ?1 AND "
	                                              "c.kind = 'external' AND c.active = 1"
	                                              " ORDER BY c.id",
	[SQ_TEAMS] = "SELECT t.id, t.name, t.manager, m.name, p.id, p.model FROM team t"
	             " LEFT JOIN person m ON m.id = t.manager"
	             " LEFT JOIN programme p ON p.team = t.id AND p.starts_on <= ?2"
	             "   AND p.ends_on >= ?2"
	             " WHERE t.org_id = ?1 ORDER BY t.id",
	/* Each session lookup is an equality on (assignment, status) ordered by at: the
	 * coaching_session_held index answers it with one seek. */
	[SQ_COACHEES] =
	        "SELECT a.id, a.programme, a.status, p.id, p.name, p.email,"
	        " l.id, l.at, l.kind, l.status, l.minutes,"
	        " n.id, n.at, n.kind, n.status, n.minutes"
	        " FROM coach c JOIN assignment a ON a.coach = c.id AND a.status = 'active'"
	        " JOIN person p ON p.id = a.coachee"
	        " LEFT JOIN coaching_session l ON l.id = (SELECT s.id FROM coaching_session s"
	        "   WHERE s.assignment = a.id AND s.status = 'held' ORDER BY s.at DESC"
	        "   LIMIT 1)"
	        " LEFT JOIN coaching_session n ON n.id = (SELECT s.id FROM coaching_session s"
	        "   WHERE s.assignment = a.id AND s.status = 'planned' ORDER BY s.at"
	        "   LIMIT 1)"
	        " WHERE c.org_id = ?1 AND c.person = ?2", /* ordered by sort_rows */
	[SQ_ROLES] = "SELECT (SELECT role FROM account WHERE org_id = ?1 AND person = ?2),"
	             " EXISTS (SELECT 1 FROM person WHERE org_id = ?1 AND superior = ?2),"
	             " EXISTS (SELECT 1 FROM team WHERE org_id = ?1 AND manager = ?2),"
	             " EXISTS (SELECT 1 FROM coach WHERE org_id = ?1 AND person = ?2),"
	             " EXISTS (SELECT 1 FROM assignment WHERE org_id = ?1 AND coachee = ?2)",
	[SQ_ACCESS_REREAD] =
	        "UPDATE access_log SET reads = reads + 1, last_at = ?8, updated_at = ?8"
	        " WHERE id = (SELECT l.id FROM access_log l INDEXED BY access_log_reader"
	        "   WHERE l.reader = ?2 AND l.record_id = ?5 AND l.at > ?7 AND l.org_id = ?1"
	        "   AND l.subject = ?3 AND l.entity = ?4 AND l.fields = ?6"
	        "   ORDER BY l.at DESC, l.id DESC LIMIT 1)"
	        " RETURNING id",
	[SQ_SESSION_SCAN] = "SELECT COUNT(*), COALESCE(SUM(s.minutes), 0) FROM coaching_session s"
	                    " WHERE s.org_id = ?1",
	/* Each session's count is a seek on audit_log_record (org_id, entity, record_id). */
	[SQ_SESSION_CHANGES] =
	        "SELECT s.id, (SELECT COUNT(*) FROM audit_log l WHERE l.org_id = ?1"
	        "   AND l.entity = 'session' AND l.record_id = s.id AND l.action = 'update')"
	        " FROM coaching_session s JOIN assignment a ON a.id = s.assignment"
	        " JOIN coach c ON c.id = a.coach"
	        " WHERE s.org_id = ?1 AND (a.coachee = ?2 OR c.person = ?2) AND s.at >= ?3",
	[SQ_COVERAGE] = "SELECT a.id, p.id, p.model, p.team, t.name, a.coachee, a.starts_on,"
	                " COALESCE(a.ends_on, p.ends_on),"
	                " (SELECT GROUP_CONCAT(s.at) FROM coaching_session s"
	                "   WHERE s.assignment = a.id AND s.status = 'held'"
	                "   AND s.at >= ?4 AND s.at < ?5)"
	                " FROM assignment a JOIN programme p ON p.id = a.programme"
	                " JOIN team t ON t.id = p.team"
	                " WHERE a.org_id = ?1 AND a.status <> 'paused' AND a.starts_on <= ?3"
	                " AND COALESCE(a.ends_on, p.ends_on) >= ?2 ORDER BY a.id",
	[SQ_HOURS] = "SELECT a.id, p.id, p.model, p.team, t.name, a.coachee, a.starts_on,"
	             " COALESCE(a.ends_on, p.ends_on), p.target_hours,"
	             " (SELECT GROUP_CONCAT(s.at) || ';' || GROUP_CONCAT(s.minutes)"
	             "   FROM coaching_session s"
	             "   WHERE s.assignment = a.id AND s.status = 'held'"
	             "   AND s.at >= ?4 AND s.at < ?5)"
	             " FROM assignment a JOIN programme p ON p.id = a.programme"
	             " JOIN team t ON t.id = p.team"
	             " WHERE a.org_id = ?1 AND a.status <> 'paused' AND a.starts_on <= ?3"
	             " AND COALESCE(a.ends_on, p.ends_on) >= ?2 ORDER BY a.id",
	[SQ_COACH_LOAD] =
	        "SELECT c.id, c.person, cp.name, c.kind, c.capacity, c.active, x.id, x.coachee,"
	        " x.status, x.programme, x.model, x.team, x.target_hours, x.starts_on, x.ends,"
	        " (SELECT GROUP_CONCAT(s.at) || ';'"
	        "   || GROUP_CONCAT(s.minutes * 8 + COALESCE(s.feedback, 0))"
	        "   FROM coaching_session s WHERE s.assignment = x.id AND s.status = 'held'"
	        "   AND s.at >= ?4 AND s.at < ?5)"
	        " FROM coach c JOIN person cp ON cp.id = c.person"
	        " LEFT JOIN (SELECT a.id, a.coach, a.coachee, a.status, a.programme, p.model,"
	        "   p.team, p.target_hours, a.starts_on, COALESCE(a.ends_on, p.ends_on) AS ends"
	        "   FROM assignment a JOIN programme p ON p.id = a.programme"
	        "   WHERE a.org_id = ?1 AND a.starts_on <= ?3"
	        "   AND COALESCE(a.ends_on, p.ends_on) >= ?2) x ON x.coach = c.id"
	        " WHERE c.org_id = ?1 AND (?6 = 0 OR c.person = ?6) ORDER BY c.id, x.id",
	[SQ_IMPACT_ASSIGNMENTS] = "SELECT a.id, a.coach, a.coachee, p.id, p.team, p.model,"
	                          " a.starts_on, COALESCE(a.ends_on, p.ends_on), a.status"
	                          " FROM assignment a JOIN programme p ON p.id = a.programme"
	                          " WHERE a.org_id = ?1 AND a.starts_on <= ?3"
	                          " AND COALESCE(a.ends_on, p.ends_on) >= ?2 ORDER BY a.id",
	/* A third of the table or more: read in its order, not through the index by rep (7x). */
	[SQ_IMPACT_RESULTS] = "SELECT r.rep, r.month, r.quota, r.revenue, r.deals_won, r.deals_lost"
	                      " FROM sales_result r NOT INDEXED WHERE r.org_id = ?1"
	                      " AND r.month >= ?2 AND r.month <= ?3",
	[SQ_SURVEY_BY_KIND] =
	        "SELECT v.coach, COALESCE(v.coach_kind, c.kind), v.respondent, COUNT(*),"
	        " SUM(v.respect), COUNT(v.respect), SUM(v.trust), COUNT(v.trust),"
	        " SUM(v.helps), COUNT(v.helps), SUM(v.part_of_team), COUNT(v.part_of_team),"
	        " SUM(v.not_reporting), COUNT(v.not_reporting)"
	        " FROM survey_answer v JOIN coach c ON c.id = v.coach"
	        " WHERE v.org_id = ?1 AND v.answered_on >= ?2 AND v.answered_on <= ?3"
	        " GROUP BY 1, 2, 3 ORDER BY 1",
	[SQ_ACCEPTANCE] =
	        "SELECT v.coach, COALESCE(v.coach_kind, c.kind), c.person, pe.name, v.respondent,"
	        " substr(v.answered_on, 1, 7),"
	        " COUNT(*), SUM(v.respect), COUNT(v.respect), SUM(v.trust), COUNT(v.trust),"
	        " SUM(v.helps), COUNT(v.helps), SUM(v.part_of_team), COUNT(v.part_of_team),"
	        " SUM(v.not_reporting), COUNT(v.not_reporting), SUM(v.feels_like_assessment),"
	        " COUNT(v.feels_like_assessment),"
	        " (?4 = 0 AND ?5 = 0) OR v.coach IN (SELECT a.coach FROM assignment a"
	        "   JOIN programme p ON p.id = a.programme WHERE a.org_id = ?1"
	        "   AND (?4 = 0 OR p.team = ?4) AND (?5 = 0 OR p.id = ?5) AND a.starts_on <= ?3"
	        "   AND COALESCE(a.ends_on, p.ends_on) >= ?2)"
	        " FROM survey_answer v JOIN coach c ON c.id = v.coach JOIN person pe ON pe.id = "
	        "c.person"
	        " WHERE v.org_id = ?1 AND v.answered_on >= ?2 AND v.answered_on <= ?3"
	        " GROUP BY v.coach, COALESCE(v.coach_kind, c.kind), v.respondent,"
	        " substr(v.answered_on, 1, 7)"
	        " ORDER BY v.coach, COALESCE(v.coach_kind, c.kind), v.respondent,"
	        " substr(v.answered_on, 1, 7)",
	/* From the assignments, each reaching its sessions by the index on (assignment, status,
	 * at): faster than the sessions by org and date, then their assignments. */
	[SQ_PROGRAMME_HELD] = "SELECT a.programme, a.coachee, COUNT(*), SUM(s.minutes),"
	                      " SUM(s.feedback), COUNT(s.feedback) FROM assignment a"
	                      " CROSS JOIN coaching_session s ON s.assignment = a.id"
	                      "   AND s.status = 'held' AND s.at >= ?2"
	                      " WHERE a.org_id = ?1 AND s.org_id = ?1"
	                      " GROUP BY a.programme, a.coachee ORDER BY a.programme, a.coachee",
};

static enum sc_result fail(struct sqlite_store *st, struct sc_error *err, const char *what)
{
	return sc_fail(err, SC_STORE, NULL, "database: %s: %s", what, sqlite3_errmsg(st->db));
}

static bool grow(struct qrows *out, size_t ncols)
{
	size_t need = (out->nrows + 1) * ncols;

	if (need <= out->cap)
		return true;
	size_t cap = out->cap ? out->cap * 2 : 64 * ncols;
	while (cap < need)
		cap *= 2;
	struct qcell *p = realloc(out->cells, cap * sizeof(*p));
	if (!p)
		return false;
	out->cells = p;
	out->cap = cap;
	return true;
}

/*
 * Whether row a of rows comes after row b: by the text of column tcol (NULL
 * first, then as SQLite's BINARY collation: bytewise), then by the whole
 * number of column icol.
 */
static bool row_after(const struct qrows *rows, size_t a, size_t b, size_t tcol, size_t icol)
{
	const char *ta = qrows_text(rows, a, tcol), *tb = qrows_text(rows, b, tcol);
	int by_text = ta && tb ? strcmp(ta, tb) : (ta != NULL) - (tb != NULL);
	if (by_text)
		return by_text > 0;
	return qrows_int(rows, a, icol) > qrows_int(rows, b, icol);
}

/*
 * Sort rows first.. of out as ORDER BY tcol, icol would. For the few rows of
 * one person's view (SQ_COACHEES), where SQLite's sorter costs more than the
 * rest of the query: an insertion sort, moving whole rows.
 */
static void sort_rows(struct qrows *out, size_t first, size_t tcol, size_t icol)
{
	struct qcell row[32];
	size_t n = out->ncols;

	if (n > sizeof(row) / sizeof(row[0]))
		return;
	for (size_t i = first + 1; i < out->nrows; i++) {
		size_t j = i;
		while (j > first && row_after(out, j - 1, i, tcol, icol))
			j--;
		if (j == i)
			continue;
		memcpy(row, &out->cells[i * n], n * sizeof(*row));
		memmove(&out->cells[(j + 1) * n], &out->cells[j * n], (i - j) * n * sizeof(*row));
		memcpy(&out->cells[j * n], row, n * sizeof(*row));
	}
}

enum sc_result sqlite_query(struct store *base, int64_t org, enum store_query q,
                            const struct qparam *params, size_t nparams, struct qrows *out,
                            struct sc_error *err)
{
	struct sqlite_store *st = (struct sqlite_store *)base;
	sqlite3_stmt *stmt = NULL;
	enum sc_result rc = SC_OK;

	if ((rc = sqlite_cached(st, queries[q], &stmt, err)))
		return rc;
	sqlite3_bind_int64(stmt, 1, org);
	for (size_t i = 0; i < nparams; i++) {
		if (params[i].s)
			sqlite3_bind_text(stmt, (int)i + 2, params[i].s, -1, SQLITE_STATIC);
		else
			sqlite3_bind_int64(stmt, (int)i + 2, params[i].i);
	}
	size_t first = out->nrows;
	rc = sqlite_rows(st, stmt, out, err);
	if (rc == SC_OK && q == SQ_COACHEES)
		sort_rows(out, first, 4, 0); /* the coachee's name, the assignment */
	sqlite_release(st, stmt);
	return rc;
}

enum sc_result sqlite_rows(struct sqlite_store *st, sqlite3_stmt *stmt, struct qrows *out,
                           struct sc_error *err)
{
	enum sc_result rc = SC_OK;
	int step;
	size_t ncols = (size_t)sqlite3_column_count(stmt);

	if (out->nrows && out->ncols != ncols)
		return sc_fail(err, SC_INTERNAL, NULL, "query rows of different shapes");
	out->ncols = ncols;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (!grow(out, ncols))
			return sc_fail(err, SC_NOMEM, NULL, "out of memory");
		struct qcell *row = &out->cells[out->nrows * ncols];
		memset(row, 0, ncols * sizeof(*row));
		out->nrows++;
		for (size_t c = 0; c < ncols; c++) {
			switch (sqlite3_column_type(stmt, (int)c)) {
			case SQLITE_INTEGER:
				row[c].type = QT_INT;
				row[c].i = sqlite3_column_int64(stmt, (int)c);
				break;
			case SQLITE_FLOAT:
				row[c].type = QT_REAL;
				row[c].r = sqlite3_column_double(stmt, (int)c);
				break;
			case SQLITE_NULL:
				row[c].type = QT_NULL;
				break;
			default: {
				const char *text = (const char *)sqlite3_column_text(stmt, (int)c);
				size_t n = (size_t)sqlite3_column_bytes(stmt, (int)c);
				if (!text || !qrows_add_text(out, text, n, &row[c].text))
					return sc_fail(err, SC_NOMEM, NULL, "out of memory");
				row[c].type = QT_TEXT;
			}
			}
		}
	}
	if (step != SQLITE_DONE)
		rc = fail(st, err, "running a query");
	return rc;
}
