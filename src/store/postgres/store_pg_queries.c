/*
 * store_pg_queries.c - the named queries of store.h in PostgreSQL's SQL.
 *
 * The same queries as store_sqlite_query.c, with the same parameters, the
 * same columns in the same order and the same rows in the same order
 * (where SQLite's order among equal keys was left open, a stable one: the
 * id last). $1 is always the organisation, $2... the documented parameters
 * in order. Parameters arrive as text without a declared type, so every use
 * of one is cast to its type ($n::bigint for ids and numbers, $n::int for
 * day counts, $n::text for dates, instants, months and names); a parameter
 * has the same type at each of its uses.
 *
 * Every table read is limited to the organisation, directly or through a
 * join or correlated subquery that matches org_id as well as the id: every
 * key and index begins with org_id, and the tables can be distributed on it.
 *
 * What differs from SQLite's text: GROUP_CONCAT is string_agg with an
 * explicit order; a comparison read as a value is cast to int (0/1); SQLite's
 * date() arithmetic is date arithmetic formatted back to 'YYYY-MM-DD';
 * SQLite's bare columns of a grouped query are grouped on (or depend on the
 * primary key grouped on); AVG is cast to double precision, the REAL SQLite
 * gives. The planner hints of SQLite's texts (CROSS JOIN, INDEXED BY, NOT
 * INDEXED) are left out.
 */
#include "store/postgres/store_pg_int.h"

/* The organisation. */
#define ORG "$1::bigint"

/*
 * The assignment a is active: status active, started on or before today ($2)
 * and not ended before it.
 */
#define A_ACTIVE                                                                                   \
	"a.status = 'active' AND a.starts_on <= $2::text"                                          \
	" AND (a.ends_on IS NULL OR a.ends_on >= $2::text)"

const char *const pg_queries[SQ_COUNT] = {
	/* Params: today $2, now $3. */
	/* Only the instant is read of each session: no tie-break by id, so that the covering
	 * index answers without reading a row. */
	[SQ_ACTIVE_ASSIGNMENTS] =
	        "SELECT a.id, p.id, p.model, p.team, c.id, c.person, cp.name, a.coachee, ce.name,"
	        " a.starts_on, a.ends_on, p.target_hours,"
	        " (SELECT s.at FROM coaching_session s WHERE s.org_id = a.org_id"
	        "   AND s.assignment = a.id AND s.status = 'held' ORDER BY s.at DESC LIMIT 1),"
	        " (SELECT s.at FROM coaching_session s WHERE s.org_id = a.org_id"
	        "   AND s.assignment = a.id AND s.status = 'planned' AND s.at >= $3::text"
	        "   ORDER BY s.at LIMIT 1),"
	        " (SELECT s.at FROM coaching_session s WHERE s.org_id = a.org_id"
	        "   AND s.assignment = a.id AND s.status = 'planned' AND s.at < $3::text"
	        "   ORDER BY s.at DESC LIMIT 1)"
	        " FROM assignment a"
	        " JOIN programme p ON p.org_id = a.org_id AND p.id = a.programme"
	        " JOIN coach c ON c.org_id = a.org_id AND c.id = a.coach"
	        " JOIN person cp ON cp.org_id = c.org_id AND cp.id = c.person"
	        " JOIN person ce ON ce.org_id = a.org_id AND ce.id = a.coachee"
	        " WHERE a.org_id = " ORG " AND " A_ACTIVE " ORDER BY a.id",
	/* Params: today $2, from $3, to $4 (instants). */
	[SQ_HELD_MINUTES] = "SELECT s.assignment, SUM(s.minutes), COUNT(*) FROM coaching_session s"
	                    " JOIN assignment a ON a.org_id = s.org_id AND a.id = s.assignment"
	                    " WHERE s.org_id = " ORG " AND s.at >= $3::text AND s.at < $4::text"
	                    " AND s.status = 'held' AND " A_ACTIVE
	                    " GROUP BY s.assignment ORDER BY s.assignment",
	/* Params: today $2. */
	[SQ_COACHES] =
	        "SELECT c.id, c.person, p.name, c.kind, c.capacity, c.hours_per_week,"
	        " (SELECT COUNT(DISTINCT a.coachee) FROM assignment a WHERE a.org_id = c.org_id"
	        "   AND a.coach = c.id AND " A_ACTIVE "),"
	        " (SELECT COUNT(*) FROM training t WHERE t.org_id = c.org_id AND t.coach = c.id"
	        "   AND t.completed_on IS NOT NULL AND t.completed_on <= $2::text),"
	        " (SELECT MIN(t.course) FROM training t WHERE t.org_id = c.org_id"
	        "   AND t.coach = c.id AND (t.completed_on IS NULL OR t.completed_on > $2::text)),"
	        " (SELECT MIN(a.starts_on) FROM assignment a WHERE a.org_id = c.org_id"
	        "   AND a.coach = c.id),"
	        " p.superior, sp.name, p.years_experience, p.track_record"
	        " FROM coach c JOIN person p ON p.org_id = c.org_id AND p.id = c.person"
	        " LEFT JOIN person sp ON sp.org_id = p.org_id AND sp.id = p.superior"
	        " WHERE c.org_id = " ORG " AND c.active = 1 ORDER BY c.id",
	/* Params: today $2. */
	[SQ_OVERDUE_ACTIONS] = "SELECT i.assignment, COUNT(*), MIN(i.due_on) FROM action_item i"
	                       " JOIN assignment a ON a.org_id = i.org_id AND a.id = i.assignment"
	                       " WHERE i.org_id = " ORG " AND i.done_on IS NULL"
	                       " AND i.due_on < $2::text AND " A_ACTIVE
	                       " GROUP BY i.assignment ORDER BY i.assignment",
	/*
	 * Params: today $2, until $3 (instant). (The subquery names the
	 * organisation by $1: s.org_id is not grouped on.)
	 */
	[SQ_UNRECORDED_SESSIONS] =
	        "SELECT s.assignment, COUNT(*), MIN(s.at), MAX(s.at),"
	        " (SELECT s2.id FROM coaching_session s2 WHERE s2.org_id = " ORG
	        "   AND s2.assignment = s.assignment AND s2.status = 'planned'"
	        "   AND s2.at < $3::text ORDER BY s2.at DESC, s2.id DESC LIMIT 1)"
	        " FROM coaching_session s"
	        " JOIN assignment a ON a.org_id = s.org_id AND a.id = s.assignment"
	        " WHERE s.org_id = " ORG " AND s.status = 'planned' AND s.at < $3::text"
	        " AND " A_ACTIVE " GROUP BY s.assignment ORDER BY s.assignment",
	/*
	 * Params: since $2 (date), days $3. The window is SQLite's date(recorded_on,
	 * '-(days + 1) days') to date(recorded_on, '+(days + 2) days'), as text
	 * (through timestamp, not timestamptz: no time zone of the session).
	 */
	/*
	 * The window's bounds are computed once per appraisal (a materialised
	 * CTE) and are "C" text, as the sessions' index is: compared with
	 * at in the index, under row-level security, where an expression of
	 * the appraisal's columns in the join would be applied to every
	 * session of the assignment. The sessions come by (assignment, at),
	 * their status checked after.
	 */
	[SQ_MIXED_APPRAISALS] =
	        "WITH w AS MATERIALIZED (SELECT ap.id, ap.org_id, ap.recorded_on, ap.manager, "
	        "ap.rep,"
	        "   ap.override_reason,"
	        "   to_char((ap.recorded_on::date - ($3::int + 1))::timestamp, 'YYYY-MM-DD')"
	        "     COLLATE \"C\" AS lo,"
	        "   to_char((ap.recorded_on::date + ($3::int + 2))::timestamp, 'YYYY-MM-DD')"
	        "     COLLATE \"C\" AS hi"
	        "   FROM appraisal ap WHERE ap.org_id = " ORG " AND ap.recorded_on >= $2::text)"
	        " SELECT w.id, w.recorded_on, w.manager, m.name, w.rep, r.name,"
	        " (COALESCE(w.override_reason, '') <> '')::int,"
	        " s.id, s.at, p.model, p.id, p.team, m.superior, sm.name"
	        " FROM w"
	        " JOIN person m ON m.org_id = w.org_id AND m.id = w.manager"
	        " JOIN person r ON r.org_id = w.org_id AND r.id = w.rep"
	        " LEFT JOIN person sm ON sm.org_id = m.org_id AND sm.id = m.superior"
	        " JOIN coach c ON c.org_id = w.org_id AND c.person = w.manager"
	        " JOIN assignment a ON a.org_id = c.org_id AND a.coach = c.id"
	        "   AND a.coachee = w.rep"
	        " JOIN programme p ON p.org_id = a.org_id AND p.id = a.programme"
	        " JOIN LATERAL (SELECT s.id, s.at, s.status FROM coaching_session s"
	        "   WHERE s.org_id = a.org_id AND s.assignment = a.id"
	        "   AND s.at >= w.lo AND s.at < w.hi OFFSET 0) s"
	        "   ON s.status IN ('held', 'planned')"
	        " ORDER BY w.id, s.at, s.id",
	/* Params: the named reviewer $2 (person id, 0: none). */
	[SQ_SUPERVISION] = "SELECT p.id, MAX(r.reviewed_on),"
	                   " (SELECT r2.next_review_on FROM supervision_review r2"
	                   "   WHERE r2.org_id = p.org_id AND r2.manager = p.id"
	                   "   AND (r2.reviewer = p.superior OR r2.reviewer = $2::bigint)"
	                   "   ORDER BY r2.reviewed_on DESC, r2.id DESC LIMIT 1)"
	                   " FROM person p JOIN supervision_review r ON r.org_id = p.org_id"
	                   "   AND r.manager = p.id"
	                   "   AND (r.reviewer = p.superior OR r.reviewer = $2::bigint)"
	                   " WHERE p.org_id = " ORG " GROUP BY p.org_id, p.id ORDER BY p.id",
	[SQ_MANAGER_TASKS] = "SELECT t.id, t.manager, t.name, t.hours_per_week, t.delegable,"
	                     " (t.delegated_to IS NOT NULL)::int FROM manager_task t"
	                     " WHERE t.org_id = " ORG " ORDER BY t.manager, t.id",
	/* Params: today $2, model $3. */
	[SQ_TEAM_SPANS] = "SELECT t.id, t.name, p.id, t.manager, m.name,"
	                  " (SELECT COUNT(*) FROM person d WHERE d.org_id = t.org_id"
	                  "   AND d.superior = t.manager AND d.active = 1)"
	                  " FROM team t JOIN programme p ON p.org_id = t.org_id AND p.team = t.id"
	                  " JOIN person m ON m.org_id = t.org_id AND m.id = t.manager"
	                  " WHERE t.org_id = " ORG " AND p.model = $3::text"
	                  " AND p.starts_on <= $2::text AND p.ends_on >= $2::text"
	                  " ORDER BY t.id, p.id",
	[SQ_READINESS] = "SELECT r.candidate, r.assessed_on, r.motivation, r.traits, r.ability,"
	                 " r.track_record, r.decision FROM readiness_assessment r"
	                 " WHERE r.org_id = " ORG " AND r.id = (SELECT r2.id"
	                 "   FROM readiness_assessment r2 WHERE r2.org_id = r.org_id"
	                 "   AND r2.candidate = r.candidate"
	                 "   ORDER BY r2.assessed_on DESC, r2.id DESC LIMIT 1)"
	                 " ORDER BY r.candidate",
	/* Params: today $2. */
	[SQ_INCENTIVES] = "SELECT i.id, i.coach, i.starts_on, i.ends_on, i.target_reduction_pct,"
	                  " i.bonus_share_pct, i.selling_hours FROM incentive_plan i"
	                  " WHERE i.org_id = " ORG " AND i.starts_on <= $2::text"
	                  " AND (i.ends_on IS NULL OR i.ends_on >= $2::text)"
	                  " ORDER BY i.coach, i.starts_on, i.id",
	/* The subquery names the organisation itself: uncorrelated, it is hashed once. */
	[SQ_SENIOR_QUOTAS] = "SELECT r.rep, r.month, r.quota FROM sales_result r"
	                     " WHERE r.org_id = " ORG " AND r.rep IN (SELECT c.person FROM coach c"
	                     "   WHERE c.org_id = " ORG " AND c.kind = 'senior' AND c.active = 1)"
	                     " ORDER BY r.rep, r.month",
	/* Params: since $2 (instant). */
	/*
	 * Each senior assignment's held sessions by the covering index (no row
	 * read: a LATERAL the planner keeps, rather than every session since);
	 * ties on (coach, at) by minutes, which is all that is read of them.
	 */
	[SQ_SENIOR_SESSIONS] = "SELECT a.coach, s.at, s.minutes FROM coach c"
	                       " JOIN assignment a ON a.org_id = c.org_id AND a.coach = c.id"
	                       " CROSS JOIN LATERAL (SELECT s.at, s.minutes FROM coaching_session s"
	                       "   WHERE s.org_id = a.org_id AND s.assignment = a.id"
	                       "   AND s.status = 'held' AND s.at >= $2::text OFFSET 0) s"
	                       " WHERE c.org_id = " ORG " AND c.kind = 'senior' AND c.active = 1"
	                       " ORDER BY a.coach, s.at, s.minutes",
	/* Params: since $2 (date). */
	[SQ_SURVEY_MEANS] =
	        "SELECT v.coach, v.respondent, COUNT(*), AVG(v.respect)::double precision,"
	        " AVG(v.trust)::double precision, AVG(v.not_reporting)::double precision,"
	        " COUNT(v.not_reporting), AVG(v.helps)::double precision,"
	        " AVG(v.part_of_team)::double precision,"
	        " AVG(v.feels_like_assessment)::double precision, COUNT(v.feels_like_assessment)"
	        " FROM survey_answer v WHERE v.org_id = " ORG " AND v.answered_on >= $2::text"
	        " GROUP BY v.coach, v.respondent ORDER BY v.coach, v.respondent",
	/* Params: from $2, to $3 (dates). */
	[SQ_PRESENCE] = "SELECT g.coach, COUNT(DISTINCT g.present_on) FROM presence_log g"
	                " WHERE g.org_id = " ORG " AND g.present_on >= $2::text"
	                " AND g.present_on <= $3::text AND g.kind = 'sales_floor'"
	                " GROUP BY g.coach ORDER BY g.coach",
	/* Params: from $2, to $3 (instants), from_date $4, to_date $5. */
	[SQ_APPOINTMENTS] =
	        "SELECT a.coach, s.at, NULL::text, 1::bigint FROM coaching_session s"
	        " JOIN assignment a ON a.org_id = s.org_id AND a.id = s.assignment"
	        " JOIN coach c ON c.org_id = a.org_id AND c.id = a.coach"
	        " WHERE s.org_id = " ORG " AND s.at >= $2::text AND s.at < $3::text"
	        " AND s.status = 'held' AND s.kind = 'ride_along'"
	        " AND c.kind IN ('internal', 'external')"
	        " UNION ALL SELECT g.coach, NULL::text, g.present_on, COUNT(*)"
	        " FROM presence_log g WHERE g.org_id = " ORG " AND g.present_on >= $4::text"
	        " AND g.present_on <= $5::text AND g.kind = 'customer_appointment'"
	        " GROUP BY g.coach, g.present_on ORDER BY 1, 2, 3",
	/*
	 * Params: today $2, from $3, to $4 (instants). The activities are of the
	 * organisation by $1: the planner does not carry it through ct.
	 */
	[SQ_TEAM_ATTENDANCE] =
	        "WITH ct AS (SELECT DISTINCT a.coach AS coach, p.team AS team"
	        "   FROM assignment a"
	        "   JOIN programme p ON p.org_id = a.org_id AND p.id = a.programme"
	        "   JOIN coach c ON c.org_id = a.org_id AND c.id = a.coach"
	        "   WHERE a.org_id = " ORG " AND c.kind IN ('internal', 'external')"
	        "   AND c.active = 1 AND " A_ACTIVE ")"
	        " SELECT ct.coach, ct.team, COUNT(ta.id),"
	        " COUNT(DISTINCT ta.id) FILTER (WHERE EXISTS (SELECT 1 FROM presence_log g"
	        "   WHERE g.org_id = ta.org_id AND g.activity = ta.id AND g.coach = ct.coach))"
	        " FROM ct LEFT JOIN team_activity ta ON ta.org_id = " ORG " AND ta.team = ct.team"
	        "   AND ta.at >= $3::text AND ta.at < $4::text"
	        " GROUP BY ct.coach, ct.team ORDER BY ct.coach, ct.team",
	/* Params: today $2, start of tomorrow $3 (instant). */
	[SQ_ONBOARDING] =
	        "SELECT c.id,"
	        " (SELECT MIN(p.team) FROM assignment a"
	        "   JOIN programme p ON p.org_id = a.org_id AND p.id = a.programme"
	        "   WHERE a.org_id = c.org_id AND a.coach = c.id),"
	        " (SELECT COUNT(*) FROM team_activity ta WHERE ta.org_id = c.org_id"
	        "   AND ta.introduces = c.id AND ta.kind = 'team_meeting' AND ta.at < $3::text),"
	        " (SELECT COUNT(DISTINCT a.coachee) FROM assignment a WHERE a.org_id = c.org_id"
	        "   AND a.coach = c.id AND " A_ACTIVE "),"
	        " (SELECT COUNT(DISTINCT a.coachee) FROM assignment a WHERE a.org_id = c.org_id"
	        "   AND a.coach = c.id AND " A_ACTIVE " AND EXISTS (SELECT 1"
	        "     FROM coaching_session s WHERE s.org_id = a.org_id AND s.assignment = a.id"
	        "     AND s.intro = 1 AND s.status = 'held')),"
	        " (SELECT string_agg(DISTINCT v.answered_on, ',' ORDER BY v.answered_on)"
	        "   FROM survey_answer v WHERE v.org_id = c.org_id AND v.coach = c.id)"
	        " FROM coach c WHERE c.org_id = " ORG " AND c.kind = 'external' AND c.active = 1"
	        " ORDER BY c.id",
	/* Params: today $2. */
	[SQ_TEAMS] = "SELECT t.id, t.name, t.manager, m.name, p.id, p.model FROM team t"
	             " LEFT JOIN person m ON m.org_id = t.org_id AND m.id = t.manager"
	             " LEFT JOIN programme p ON p.org_id = t.org_id AND p.team = t.id"
	             "   AND p.starts_on <= $2::text AND p.ends_on >= $2::text"
	             " WHERE t.org_id = " ORG " ORDER BY t.id, p.id",
	/*
	 * Params: the coach's person id $2. Ordered here by the coachee's name
	 * (bytewise, as the columns' collation "C"), then the assignment, as
	 * SQLite's store sorts them after the query.
	 */
	[SQ_COACHEES] =
	        "SELECT a.id, a.programme, a.status, p.id, p.name, p.email,"
	        " l.id, l.at, l.kind, l.status, l.minutes,"
	        " n.id, n.at, n.kind, n.status, n.minutes"
	        " FROM coach c"
	        " JOIN assignment a ON a.org_id = c.org_id AND a.coach = c.id"
	        "   AND a.status = 'active'"
	        " JOIN person p ON p.org_id = a.org_id AND p.id = a.coachee"
	        /* LATERAL: a join on a correlated subquery was planned as a scan of every session
	         */
	        " LEFT JOIN LATERAL (SELECT s.id, s.at, s.kind, s.status, s.minutes"
	        "   FROM coaching_session s WHERE s.org_id = a.org_id AND s.assignment = a.id"
	        "   AND s.status = 'held' ORDER BY s.at DESC, s.id DESC LIMIT 1) l ON true"
	        " LEFT JOIN LATERAL (SELECT s.id, s.at, s.kind, s.status, s.minutes"
	        "   FROM coaching_session s WHERE s.org_id = a.org_id AND s.assignment = a.id"
	        "   AND s.status = 'planned' ORDER BY s.at, s.id LIMIT 1) n ON true"
	        " WHERE c.org_id = " ORG " AND c.person = $2::bigint"
	        " ORDER BY p.name NULLS FIRST, a.id",
	/* Params: person id $2. */
	[SQ_ROLES] = "SELECT (SELECT x.role FROM account x WHERE x.org_id = " ORG
	             "   AND x.person = $2::bigint),"
	             " (EXISTS (SELECT 1 FROM person x WHERE x.org_id = " ORG
	             "   AND x.superior = $2::bigint))::int,"
	             " (EXISTS (SELECT 1 FROM team x WHERE x.org_id = " ORG
	             "   AND x.manager = $2::bigint))::int,"
	             " (EXISTS (SELECT 1 FROM coach x WHERE x.org_id = " ORG
	             "   AND x.person = $2::bigint))::int,"
	             " (EXISTS (SELECT 1 FROM assignment x WHERE x.org_id = " ORG
	             "   AND x.coachee = $2::bigint))::int",
	/*
	 * Params: reader $2, subject $3, entity $4, record id $5, fields $6, since
	 * $7, now $8. Under READ COMMITTED an update made meanwhile on another
	 * connection is waited for and then built on: each read is counted.
	 */
	[SQ_ACCESS_REREAD] =
	        "UPDATE access_log u SET reads = u.reads + 1, last_at = $8::text,"
	        " updated_at = $8::text"
	        " WHERE u.org_id = " ORG " AND u.id = (SELECT l.id FROM access_log l"
	        "   WHERE l.org_id = " ORG " AND l.reader = $2::bigint"
	        "   AND l.record_id = $5::bigint AND l.at > $7::text AND l.subject = $3::bigint"
	        "   AND l.entity = $4::text AND l.fields = $6::text"
	        "   ORDER BY l.at DESC, l.id DESC LIMIT 1)"
	        " RETURNING u.id",
	[SQ_SESSION_SCAN] = "SELECT COUNT(*), COALESCE(SUM(s.minutes), 0) FROM coaching_session s"
	                    " WHERE s.org_id = " ORG,
	/* Params: person id $2, since $3 (instant). */
	[SQ_SESSION_CHANGES] =
	        "SELECT s.id, (SELECT COUNT(*) FROM audit_log l WHERE l.org_id = s.org_id"
	        "   AND l.entity = 'session' AND l.record_id = s.id AND l.action = 'update')"
	        " FROM coaching_session s"
	        " JOIN assignment a ON a.org_id = s.org_id AND a.id = s.assignment"
	        " JOIN coach c ON c.org_id = a.org_id AND c.id = a.coach"
	        " WHERE s.org_id = " ORG " AND (a.coachee = $2::bigint OR c.person = $2::bigint)"
	        " AND s.at >= $3::text ORDER BY s.id",
	/* Params: first $2, last $3 (dates), from $4, to $5 (instants). */
	[SQ_COVERAGE] = "SELECT a.id, p.id, p.model, p.team, t.name, a.coachee, a.starts_on,"
	                " COALESCE(a.ends_on, p.ends_on),"
	                " (SELECT string_agg(s.at, ',' ORDER BY s.at, s.id)"
	                "   FROM coaching_session s WHERE s.org_id = a.org_id"
	                "   AND s.assignment = a.id AND s.status = 'held'"
	                "   AND s.at >= $4::text AND s.at < $5::text)"
	                " FROM assignment a"
	                " JOIN programme p ON p.org_id = a.org_id AND p.id = a.programme"
	                " JOIN team t ON t.org_id = p.org_id AND t.id = p.team"
	                " WHERE a.org_id = " ORG " AND a.status <> 'paused'"
	                " AND a.starts_on <= $3::text"
	                " AND COALESCE(a.ends_on, p.ends_on) >= $2::text ORDER BY a.id",
	/* Params: first $2, last $3 (dates), from $4, to $5 (instants). */
	[SQ_HOURS] = "SELECT a.id, p.id, p.model, p.team, t.name, a.coachee, a.starts_on,"
	             " COALESCE(a.ends_on, p.ends_on), p.target_hours,"
	             " (SELECT string_agg(s.at, ',' ORDER BY s.at, s.id) || ';'"
	             "   || string_agg(s.minutes::text, ',' ORDER BY s.at, s.id)"
	             "   FROM coaching_session s WHERE s.org_id = a.org_id"
	             "   AND s.assignment = a.id AND s.status = 'held'"
	             "   AND s.at >= $4::text AND s.at < $5::text)"
	             " FROM assignment a"
	             " JOIN programme p ON p.org_id = a.org_id AND p.id = a.programme"
	             " JOIN team t ON t.org_id = p.org_id AND t.id = p.team"
	             " WHERE a.org_id = " ORG " AND a.status <> 'paused'"
	             " AND a.starts_on <= $3::text"
	             " AND COALESCE(a.ends_on, p.ends_on) >= $2::text ORDER BY a.id",
	/*
	 * Params: first $2, last $3 (dates), from $4, to $5 (instants), person $6
	 * (0: every coach).
	 */
	[SQ_COACH_LOAD] =
	        "SELECT c.id, c.person, cp.name, c.kind, c.capacity, c.active, x.id, x.coachee,"
	        " x.status, x.programme, x.model, x.team, x.target_hours, x.starts_on, x.ends,"
	        " (SELECT string_agg(s.at, ',' ORDER BY s.at, s.id) || ';'"
	        "   || string_agg((s.minutes * 8 + COALESCE(s.feedback, 0))::text, ','"
	        "     ORDER BY s.at, s.id)"
	        "   FROM coaching_session s WHERE s.org_id = x.org_id AND s.assignment = x.id"
	        "   AND s.status = 'held' AND s.at >= $4::text AND s.at < $5::text)"
	        " FROM coach c JOIN person cp ON cp.org_id = c.org_id AND cp.id = c.person"
	        " LEFT JOIN (SELECT a.org_id, a.id, a.coach, a.coachee, a.status, a.programme,"
	        "   p.model, p.team, p.target_hours, a.starts_on,"
	        "   COALESCE(a.ends_on, p.ends_on) AS ends"
	        "   FROM assignment a"
	        "   JOIN programme p ON p.org_id = a.org_id AND p.id = a.programme"
	        "   WHERE a.org_id = " ORG " AND a.starts_on <= $3::text"
	        "   AND COALESCE(a.ends_on, p.ends_on) >= $2::text) x"
	        "   ON x.org_id = c.org_id AND x.coach = c.id"
	        " WHERE c.org_id = " ORG " AND ($6::bigint = 0 OR c.person = $6::bigint)"
	        " ORDER BY c.id, x.id",
	/* Params: first $2, last $3 (dates). */
	[SQ_IMPACT_ASSIGNMENTS] =
	        "SELECT a.id, a.coach, a.coachee, p.id, p.team, p.model,"
	        " a.starts_on, COALESCE(a.ends_on, p.ends_on), a.status"
	        " FROM assignment a JOIN programme p ON p.org_id = a.org_id AND p.id = a.programme"
	        " WHERE a.org_id = " ORG " AND a.starts_on <= $3::text"
	        " AND COALESCE(a.ends_on, p.ends_on) >= $2::text ORDER BY a.id",
	/* Params: first $2, last $3 (months). In no order. */
	[SQ_IMPACT_RESULTS] = "SELECT r.rep, r.month, r.quota, r.revenue, r.deals_won, r.deals_lost"
	                      " FROM sales_result r WHERE r.org_id = " ORG
	                      " AND r.month >= $2::text AND r.month <= $3::text",
	/* Params: from $2, to $3 (dates). */
	[SQ_SURVEY_BY_KIND] =
	        "SELECT v.coach, COALESCE(v.coach_kind, c.kind), v.respondent, COUNT(*),"
	        " SUM(v.respect), COUNT(v.respect), SUM(v.trust), COUNT(v.trust),"
	        " SUM(v.helps), COUNT(v.helps), SUM(v.part_of_team), COUNT(v.part_of_team),"
	        " SUM(v.not_reporting), COUNT(v.not_reporting)"
	        " FROM survey_answer v JOIN coach c ON c.org_id = v.org_id AND c.id = v.coach"
	        " WHERE v.org_id = " ORG " AND v.answered_on >= $2::text"
	        " AND v.answered_on <= $3::text GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
	/*
	 * Params: first $2, last $3 (dates), team $4, programme $5 (0: any). The
	 * coach's person and name are grouped on too: one of each per coach.
	 */
	[SQ_ACCEPTANCE] =
	        "SELECT v.coach, COALESCE(v.coach_kind, c.kind), c.person, pe.name, v.respondent,"
	        " substr(v.answered_on, 1, 7),"
	        " COUNT(*), SUM(v.respect), COUNT(v.respect), SUM(v.trust), COUNT(v.trust),"
	        " SUM(v.helps), COUNT(v.helps), SUM(v.part_of_team), COUNT(v.part_of_team),"
	        " SUM(v.not_reporting), COUNT(v.not_reporting), SUM(v.feels_like_assessment),"
	        " COUNT(v.feels_like_assessment),"
	        " (($4::bigint = 0 AND $5::bigint = 0) OR v.coach IN (SELECT a.coach"
	        "   FROM assignment a"
	        "   JOIN programme p ON p.org_id = a.org_id AND p.id = a.programme"
	        "   WHERE a.org_id = " ORG " AND ($4::bigint = 0 OR p.team = $4::bigint)"
	        "   AND ($5::bigint = 0 OR p.id = $5::bigint) AND a.starts_on <= $3::text"
	        "   AND COALESCE(a.ends_on, p.ends_on) >= $2::text))::int"
	        " FROM survey_answer v JOIN coach c ON c.org_id = v.org_id AND c.id = v.coach"
	        " JOIN person pe ON pe.org_id = c.org_id AND pe.id = c.person"
	        " WHERE v.org_id = " ORG " AND v.answered_on >= $2::text"
	        " AND v.answered_on <= $3::text"
	        " GROUP BY v.coach, COALESCE(v.coach_kind, c.kind), c.person, pe.name,"
	        " v.respondent, substr(v.answered_on, 1, 7)"
	        " ORDER BY v.coach, COALESCE(v.coach_kind, c.kind), v.respondent,"
	        " substr(v.answered_on, 1, 7)",
	/* Params: from $2 (instant). */
	[SQ_PROGRAMME_HELD] = "SELECT a.programme, a.coachee, COUNT(*), SUM(s.minutes),"
	                      " SUM(s.feedback), COUNT(s.feedback) FROM assignment a"
	                      " JOIN coaching_session s ON s.org_id = a.org_id"
	                      "   AND s.assignment = a.id AND s.status = 'held'"
	                      "   AND s.at >= $2::text"
	                      " WHERE a.org_id = " ORG
	                      " GROUP BY a.programme, a.coachee ORDER BY a.programme, a.coachee",
};
