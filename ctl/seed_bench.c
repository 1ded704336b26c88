/*
 * seed_bench.c — `burenhulpctl seed-bench`: a realistic volume of data for
 * the benchmark (tests/bench/run), made in minutes rather than hours.
 *
 *   burenhulpctl seed-bench [--users N] [--requests N] [--offers N]
 *                           [--matches N] [--alerts N] [--daily N]
 *                           [--mails N] [--vacancies N] [--quiet] [--trace]
 *
 * Defaults 100 000 users, 1 000 000 requests, 200 000 offers, about 500 000
 * matches, 50 000 alerts, no daily events and no mail. Every run ADDS that
 * many to what a previous run made, so the benchmark can measure at 10 000
 * requests, then add 990 000 more. --trace prints how long each statement
 * took.
 *
 * How:
 *   - users are made in C, because their e-mail addresses are sealed
 *     (crypto_field_seal, bound to the row) and blind-indexed exactly as the
 *     accounts handler does; 128 rows per prepared INSERT, one shared
 *     Argon2id hash of the bench password (BENCH_PASSWORD) for all of them.
 *     Bench user n logs in as bench<n>@bench.burenhulp.nl.
 *   - requests, matches and offers are made by the database itself:
 *     INSERT ... SELECT over MariaDB's sequence engine (seq_1_to_N) in
 *     chunks, each chunk first drawn into a TEMPORARY table of random
 *     numbers (so that one draw decides several columns consistently),
 *     ids from RANDOM_BYTES as 22 characters of base64url like
 *     crypto_id_new. The private columns of requests stay NULL (they can
 *     only be sealed in C, per row); every text the API shows is set.
 *   - geography: users live in real PC4 areas of postcodes, weighted to the
 *     demo municipality (Emmen, 7811-7891) and a few cities (Amsterdam,
 *     Utrecht, Groningen, Zwolle, Assen) plus a thin sample of the rest of
 *     the country — a few hundred areas in all. A request is placed where
 *     its owner lives, an offer where its volunteer lives, and a response
 *     comes from a volunteer of the same or a neighbouring area.
 *   - time: three years of history, busier lately; a request younger than
 *     its 30 days of expiry is mostly open (or matched, completed,
 *     cancelled, pending), an older one completed, expired, cancelled,
 *     rejected or hidden: about 7 % of all requests are open.
 *   - matches follow their request: a completed request has one completed
 *     match, a matched one an accepted match, an open one responses or
 *     invitations; others were declined. response_count agrees.
 *   - alerts (--alerts) belong to bench volunteers and lie where they live,
 *     so they are spread like the users: 20 % take any category, the rest
 *     1-3; radius 1, 3, 5, 10, 15 or 25 km; 30 % instant, the rest daily.
 *     alert_targets gets one row per category ('' for any), as the
 *     accounts handler writes them.
 *   - daily events (--daily N): the first N bench users (by n) get 1-5
 *     events each of the last day, email 'daily', in no digest yet: what
 *     `burenhulpctl digest --now` collects.
 *   - mail (--mails N): N instant events of random bench users, each with
 *     its queued outbox row, held: due_at is a day ahead, so that the
 *     benchmark releases them at once (UPDATE due_at) when it starts the
 *     clock. The mailer renders and sends them like any alert mail.
 *
 *   - vacancies (--vacancies N, issue 18; none unless asked): of bench
 *     organisations (one per 100 vacancies, ids "bo" + number), each
 *     placed where a bench user lives (so spread like the users, weighted
 *     to Emmen), ids "bv" + number (a later run goes on counting), 70 %
 *     open, the rest closed, pending, rejected or hidden; one or two of
 *     the 16 talents and one category each, of the last year. They are
 *     marked as told to the alerts (alerted_at), so that the mailer's
 *     vacancy_alerts job does not work through them during the bench.
 *
 * bench_users (n, id, area, poster and volunteer numbers) is a scratch
 * table of the bench database only: it lets a later run draw owners and
 * volunteers, and lets tests/bench/run find the e-mail of a request's owner.
 * It holds nothing private.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "arena.h"
#include "crypto.h"
#include "ctl.h"
#include "db.h"
#include "valid.h"

#define BENCH_PASSWORD		"burenhulp-bench"
#define BENCH_EMAIL_FMT		"bench%lu@bench.burenhulp.nl"
#define USER_BATCH		128		/* rows per multi-row INSERT */
#define REQUEST_CHUNK		50000		/* requests per INSERT ... SELECT */
#define OFFER_CHUNK		50000
#define HISTORY_S		(3L * 365 * 86400)
#define NEAR_VOLUNTEERS		40		/* "neighbouring": this many places */

/* 128 = 1 + 127 rows of a VALUES list, spelt out by the preprocessor so
 * that the statement text stays a constant. */
#define X1(s)	s
#define X2(s)	X1(s) X1(s)
#define X4(s)	X2(s) X2(s)
#define X8(s)	X4(s) X4(s)
#define X16(s)	X8(s) X8(s)
#define X32(s)	X16(s) X16(s)
#define X64(s)	X32(s) X32(s)
#define X127(s)	X64(s) X32(s) X16(s) X8(s) X4(s) X2(s) X1(s)

/* 22 characters of base64url from 16 random bytes, as crypto_id_new. */
#define RANDOM_ID \
	"REPLACE(REPLACE(LEFT(TO_BASE64(RANDOM_BYTES(16)), 22), '+', '-'), '/', '_')"

#define USER_ROW	"(?, ?, ?, ?, ?, ?, ?, 1, NOW(3) - INTERVAL ? SECOND, NOW(3) - INTERVAL ? SECOND)"
#define USER_PARAMS	9
#define BUSER_ROW	"(?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define BUSER_PARAMS	9

/* Category of a draw r in [0, 1): how often people ask for each. */
#define CATEGORY_OF(r) \
	"CASE WHEN " r " < 0.20 THEN 'shopping' WHEN " r " < 0.35 THEN 'transport' " \
	"WHEN " r " < 0.50 THEN 'company' WHEN " r " < 0.62 THEN 'odd-jobs' " \
	"WHEN " r " < 0.72 THEN 'garden' WHEN " r " < 0.80 THEN 'paperwork' " \
	"WHEN " r " < 0.88 THEN 'digital' WHEN " r " < 0.92 THEN 'respite' " \
	"WHEN " r " < 0.97 THEN 'meals' ELSE 'pets' END"

enum bench_stmt {
	BS_FK_CHECKS_OFF,
	BS_BENCH_USERS_CREATE,
	BS_BENCH_USERS_MAX,
	BS_AREAS,
	BS_USERS_INSERT,
	BS_BENCH_USERS_INSERT,
	BS_USER_INSERT_ONE,
	BS_BENCH_USER_INSERT_ONE,
	BS_CREDENTIALS_INSERT,
	BS_TEXTS_CREATE,
	BS_TEXT_INSERT,
	BS_CATS_CREATE,
	BS_CATS_FILL,
	BS_RCHUNK_CREATE,
	BS_RCHUNK_CLEAR,
	BS_RCHUNK_FILL,
	BS_RCHUNK_DERIVE,
	BS_REQUESTS_INSERT,
	BS_MATCHES_INSERT,
	BS_OCHUNK_CREATE,
	BS_OCHUNK_CLEAR,
	BS_OCHUNK_FILL,
	BS_OFFERS_INSERT,
	BS_OFFER_CATS_INSERT,
	BS_OFFER_SLOTS_INSERT,
	BS_ACHUNK_CREATE,
	BS_ACHUNK_CLEAR,
	BS_ACHUNK_FILL,
	BS_ALERTS_INSERT,
	BS_ALERT_TARGETS_INSERT,
	BS_DAILY_INSERT,
	BS_MCHUNK_CREATE,
	BS_MCHUNK_CLEAR,
	BS_MCHUNK_FILL,
	BS_MAIL_EVENTS_INSERT,
	BS_MAIL_OUTBOX_INSERT,
	BS_VAC_COUNT,
	BS_VAC_ORGS_INSERT,
	BS_VACANCIES_INSERT,
	BS_VAC_TALENTS_INSERT,
	BS_VAC_CATS_INSERT,
	BS_ANALYZE,
	BS_COUNTS,
	BS__MAX
};

static const char *const bench_stmts[BS__MAX] = {
	/* BS_FK_CHECKS_OFF: rows are consistent by construction; checking
	 * each reference would double the cost of a bulk load. */
	"SET SESSION foreign_key_checks = 0",
	/* BS_BENCH_USERS_CREATE */
	"CREATE TABLE IF NOT EXISTS bench_users ("
	" n INT UNSIGNED NOT NULL PRIMARY KEY,"
	" id CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,"
	" pc4 CHAR(4) CHARACTER SET ascii NOT NULL,"
	" lat DOUBLE NOT NULL, lon DOUBLE NOT NULL,"
	" poster_k INT UNSIGNED NULL, posted_as VARCHAR(16) CHARACTER SET ascii NULL,"
	" volunteer_k INT UNSIGNED NULL,"
	" near_volunteer_k INT UNSIGNED NOT NULL,"
	" UNIQUE KEY bench_users_id (id),"
	" UNIQUE KEY bench_users_poster (poster_k),"
	" UNIQUE KEY bench_users_volunteer (volunteer_k)"
	") ENGINE=InnoDB",
	/* BS_BENCH_USERS_MAX: → last n, last poster, last volunteer */
	"SELECT COALESCE(MAX(n), 0), COALESCE(MAX(poster_k), 0), "
	"COALESCE(MAX(volunteer_k), 0) FROM bench_users",
	/* BS_AREAS: → every PC4 area, in order */
	"SELECT pc4, lat, lon FROM postcodes ORDER BY pc4",
	/* BS_USERS_INSERT: USER_BATCH x (id, e-mail ciphertext, blind index,
	 * display name, pc4, roles, locale, age in seconds x2) */
	"INSERT INTO users (id, email_ct, email_bidx, display_name, pc4, roles, "
	"locale, email_verified, created_at, updated_at) VALUES " USER_ROW X127(", " USER_ROW),
	/* BS_BENCH_USERS_INSERT: USER_BATCH x (n, id, pc4, lat, lon, poster_k,
	 * posted_as, volunteer_k, near_volunteer_k) */
	"INSERT INTO bench_users (n, id, pc4, lat, lon, poster_k, posted_as, "
	"volunteer_k, near_volunteer_k) VALUES " BUSER_ROW X127(", " BUSER_ROW),
	/* BS_USER_INSERT_ONE: the same, one row (the rest of the last batch) */
	"INSERT INTO users (id, email_ct, email_bidx, display_name, pc4, roles, "
	"locale, email_verified, created_at, updated_at) VALUES " USER_ROW,
	/* BS_BENCH_USER_INSERT_ONE */
	"INSERT INTO bench_users (n, id, pc4, lat, lon, poster_k, posted_as, "
	"volunteer_k, near_volunteer_k) VALUES " BUSER_ROW,
	/* BS_CREDENTIALS_INSERT: hash, first n, last n */
	"INSERT INTO credentials (user_id, password_hash, changed_at) "
	"SELECT b.id, ?, NOW(3) FROM bench_users b WHERE b.n BETWEEN ? AND ?",
	/* BS_TEXTS_CREATE */
	"CREATE TEMPORARY TABLE IF NOT EXISTS bench_texts ("
	" kind CHAR(1) NOT NULL, category VARCHAR(32) CHARACTER SET ascii NOT NULL,"
	" k TINYINT UNSIGNED NOT NULL, title VARCHAR(120) NOT NULL,"
	" description VARCHAR(1000) NOT NULL, PRIMARY KEY (kind, category, k)"
	") ENGINE=MEMORY DEFAULT CHARSET=utf8mb4",
	/* BS_TEXT_INSERT: kind (r: request, o: offer), category, k, title,
	 * description */
	"INSERT INTO bench_texts (kind, category, k, title, description) "
	"VALUES (?, ?, ?, ?, ?)",
	/* BS_CATS_CREATE */
	"CREATE TEMPORARY TABLE IF NOT EXISTS bench_cats ("
	" k TINYINT UNSIGNED NOT NULL PRIMARY KEY,"
	" id VARCHAR(32) CHARACTER SET ascii NOT NULL) ENGINE=MEMORY",
	/* BS_CATS_FILL */
	"INSERT IGNORE INTO bench_cats (k, id) VALUES (0, 'shopping'), "
	"(1, 'transport'), (2, 'company'), (3, 'odd-jobs'), (4, 'garden'), "
	"(5, 'paperwork'), (6, 'digital'), (7, 'respite'), (8, 'meals'), (9, 'pets')",
	/* BS_RCHUNK_CREATE: the draws of one chunk of requests */
	"CREATE TEMPORARY TABLE IF NOT EXISTS bench_rchunk ("
	" seq BIGINT UNSIGNED NOT NULL PRIMARY KEY,"
	" id CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,"
	" owner_k INT UNSIGNED NOT NULL, age_s INT UNSIGNED NOT NULL,"
	" r_status DOUBLE NOT NULL, r_cat DOUBLE NOT NULL,"
	" r_text TINYINT UNSIGNED NOT NULL, r_when DOUBLE NOT NULL,"
	" r_resp DOUBLE NOT NULL, r_vol INT UNSIGNED NOT NULL,"
	" category VARCHAR(32) CHARACTER SET ascii NULL,"
	" status VARCHAR(16) CHARACTER SET ascii NULL,"
	" responses TINYINT UNSIGNED NULL, created_at DATETIME(3) NULL"
	") ENGINE=MEMORY",
	/* BS_RCHUNK_CLEAR */
	"DELETE FROM bench_rchunk",
	/* BS_RCHUNK_FILL: posters, history seconds, first seq, last seq. Age
	 * is skewed to recent (the platform grows): about 12 % of requests
	 * are younger than 30 days. */
	"INSERT INTO bench_rchunk (seq, id, owner_k, age_s, r_status, r_cat, "
	"r_text, r_when, r_resp, r_vol) "
	"SELECT s.seq, " RANDOM_ID ", 1 + FLOOR(RAND() * ?), "
	"FLOOR(? * POW(RAND(), 1.7)), RAND(), RAND(), FLOOR(RAND() * 3), RAND(), "
	"RAND(), FLOOR(RAND() * 40) "
	"FROM seq_1_to_4000000000 s WHERE s.seq BETWEEN ? AND ?",
	/* BS_RCHUNK_DERIVE: extra-response scale x5. Status from age (30 days
	 * of expiry), responses from status (see the file's comment). */
	"UPDATE bench_rchunk SET "
	"category = " CATEGORY_OF("r_cat") ", "
	"created_at = NOW(3) - INTERVAL age_s SECOND, "
	"status = IF(age_s < 30 * 86400, "
	" CASE WHEN r_status < 0.60 THEN 'open' WHEN r_status < 0.72 THEN 'matched' "
	" WHEN r_status < 0.87 THEN 'completed' WHEN r_status < 0.95 THEN 'cancelled' "
	" ELSE 'pending' END, "
	" CASE WHEN r_status < 0.40 THEN 'completed' WHEN r_status < 0.75 THEN 'expired' "
	" WHEN r_status < 0.95 THEN 'cancelled' WHEN r_status < 0.98 THEN 'rejected' "
	" ELSE 'hidden' END), "
	"responses = CASE status "
	" WHEN 'completed' THEN 1 + (r_resp < 0.1 * ?) "
	" WHEN 'matched' THEN 1 + (r_resp < 0.1 * ?) "
	" WHEN 'open' THEN (r_resp < 0.4 * ?) + (r_resp < 0.15 * ?) "
	" WHEN 'cancelled' THEN (r_resp < 0.3 * ?) "
	" WHEN 'expired' THEN (r_resp < 0.2 * ?) "
	" ELSE 0 END",
	/* BS_REQUESTS_INSERT */
	"INSERT INTO requests (id, owner_id, posted_as, title, description, "
	"category_id, pc4, lat, lon, when_start, when_end, on_behalf_of, status, "
	"moderation_decision, moderation_reason, response_count, created_at, "
	"updated_at, expires_at, closed_at) "
	"SELECT c.id, p.id, p.posted_as, t.title, t.description, c.category, "
	"p.pc4, p.lat, p.lon, "
	"IF(c.r_when < 0.5, NULL, DATE(c.created_at) + INTERVAL (2 + FLOOR(c.r_when * 10)) DAY "
	" + INTERVAL (9 + FLOOR(c.r_when * 80) % 9) HOUR), "
	"IF(c.r_when < 0.5, NULL, DATE(c.created_at) + INTERVAL (2 + FLOOR(c.r_when * 10)) DAY "
	" + INTERVAL (11 + FLOOR(c.r_when * 80) % 9) HOUR), "
	"IF(p.posted_as = 'caregiver' OR (p.posted_as = 'professional' AND c.r_when < 0.8), "
	" ELT(1 + FLOOR(c.r_when * 97) % 6, 'Jan', 'Riet', 'Henk', 'Truus', 'Gerrit', 'Mien'), NULL), "
	"c.status, "
	"CASE c.status WHEN 'pending' THEN NULL WHEN 'rejected' THEN 'reject' "
	" WHEN 'hidden' THEN 'hide' ELSE 'approve' END, "
	"CASE c.status WHEN 'rejected' THEN 'Dit is geen hulpvraag.' "
	" WHEN 'hidden' THEN 'Gemeld en verborgen.' ELSE NULL END, "
	"c.responses, c.created_at, "
	"CASE c.status WHEN 'completed' THEN LEAST(NOW(3), c.created_at + INTERVAL 3 DAY) "
	" WHEN 'cancelled' THEN LEAST(NOW(3), c.created_at + INTERVAL 1 DAY) "
	" WHEN 'expired' THEN c.created_at + INTERVAL 30 DAY "
	" WHEN 'matched' THEN LEAST(NOW(3), c.created_at + INTERVAL 1 DAY) "
	" ELSE c.created_at END, "
	"c.created_at + INTERVAL 30 DAY, "
	"CASE c.status WHEN 'completed' THEN LEAST(NOW(3), c.created_at + INTERVAL 3 DAY) "
	" WHEN 'cancelled' THEN LEAST(NOW(3), c.created_at + INTERVAL 1 DAY) "
	" WHEN 'expired' THEN c.created_at + INTERVAL 30 DAY "
	" WHEN 'rejected' THEN c.created_at + INTERVAL 1 HOUR "
	" WHEN 'hidden' THEN c.created_at + INTERVAL 2 DAY ELSE NULL END "
	"FROM bench_rchunk c JOIN bench_users p ON p.poster_k = c.owner_k "
	"JOIN bench_texts t ON t.kind = 'r' AND t.category = c.category AND t.k = c.r_text",
	/* BS_MATCHES_INSERT: volunteers (count). Response j of a request comes
	 * from a volunteer of the owner's area or a neighbouring one; the first
	 * response of a completed or matched request is the one accepted. */
	"INSERT IGNORE INTO matches (id, request_id, volunteer_id, initiated_by, "
	"status, hours, thanks, cancel_reason, created_at, accepted_at, "
	"completed_at, updated_at) "
	"SELECT " RANDOM_ID ", c.id, v.id, "
	"IF(c.status = 'open' AND (c.r_vol + j.seq) % 5 = 0, 'requester', 'volunteer'), "
	"CASE WHEN c.status = 'completed' AND j.seq = 1 THEN 'completed' "
	" WHEN c.status = 'matched' AND j.seq = 1 THEN 'accepted' "
	" WHEN c.status = 'open' THEN IF((c.r_vol + j.seq) % 5 = 0, 'invited', 'responded') "
	" WHEN c.status = 'cancelled' AND j.seq = 1 AND c.r_resp < 0.05 THEN 'cancelled' "
	" ELSE 'declined' END, "
	"IF(c.status = 'completed' AND j.seq = 1, 1 + (c.r_vol % 7) * 0.5, NULL), "
	"IF(c.status = 'completed' AND j.seq = 1 AND c.r_vol % 2 = 0, "
	" ELT(1 + c.r_vol % 4, 'Heel erg bedankt!', 'Fijn geholpen, dank je wel.', "
	" 'Super, tot de volgende keer.', 'Dank voor je tijd en geduld.'), NULL), "
	"IF(c.status = 'cancelled' AND j.seq = 1 AND c.r_resp < 0.05, 'Toch niet meer nodig.', NULL), "
	"LEAST(NOW(3), c.created_at + INTERVAL (j.seq * 3600 + c.r_vol * 60) SECOND), "
	"IF(j.seq = 1 AND c.status IN ('completed', 'matched'), "
	" LEAST(NOW(3), c.created_at + INTERVAL 1 DAY), NULL), "
	"IF(j.seq = 1 AND c.status = 'completed', LEAST(NOW(3), c.created_at + INTERVAL 3 DAY), NULL), "
	"LEAST(NOW(3), c.created_at + INTERVAL 3 DAY) "
	"FROM bench_rchunk c JOIN seq_1_to_8 j ON j.seq <= c.responses "
	"JOIN bench_users p ON p.poster_k = c.owner_k "
	"JOIN bench_users v ON v.volunteer_k = 1 + (p.near_volunteer_k + c.r_vol + j.seq) % ? "
	"WHERE v.id <> p.id",
	/* BS_OCHUNK_CREATE: the draws of one chunk of offers */
	"CREATE TEMPORARY TABLE IF NOT EXISTS bench_ochunk ("
	" seq BIGINT UNSIGNED NOT NULL PRIMARY KEY,"
	" id CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,"
	" volunteer_k INT UNSIGNED NOT NULL, age_s INT UNSIGNED NOT NULL,"
	" r_status DOUBLE NOT NULL, cat0 TINYINT UNSIGNED NOT NULL,"
	" ncats TINYINT UNSIGNED NOT NULL, r_text TINYINT UNSIGNED NOT NULL,"
	" day0 TINYINT UNSIGNED NOT NULL, nslots TINYINT UNSIGNED NOT NULL,"
	" slot_from SMALLINT UNSIGNED NOT NULL, radius_km TINYINT UNSIGNED NOT NULL"
	") ENGINE=MEMORY",
	/* BS_OCHUNK_CLEAR */
	"DELETE FROM bench_ochunk",
	/* BS_OCHUNK_FILL: volunteers, history seconds, first seq, last seq */
	"INSERT INTO bench_ochunk (seq, id, volunteer_k, age_s, r_status, cat0, "
	"ncats, r_text, day0, nslots, slot_from, radius_km) "
	"SELECT s.seq, " RANDOM_ID ", 1 + FLOOR(RAND() * ?), "
	"FLOOR(? * POW(RAND(), 1.3)), RAND(), FLOOR(RAND() * 10), "
	"1 + FLOOR(RAND() * 3), FLOOR(RAND() * 2), FLOOR(RAND() * 7), "
	"1 + FLOOR(RAND() * 4), ELT(1 + FLOOR(RAND() * 3), 540, 780, 1080), "
	"ELT(1 + FLOOR(RAND() * 5), 3, 5, 10, 15, 25) "
	"FROM seq_1_to_4000000000 s WHERE s.seq BETWEEN ? AND ?",
	/* BS_OFFERS_INSERT: the text is that of the offer's first category. */
	"INSERT INTO offers (id, volunteer_id, title, description, pc4, lat, lon, "
	"radius_km, status, moderation_reason, created_at, updated_at) "
	"SELECT c.id, v.id, t.title, t.description, v.pc4, v.lat, v.lon, "
	"c.radius_km, "
	"CASE WHEN c.r_status < 0.70 THEN 'active' WHEN c.r_status < 0.82 THEN 'paused' "
	" WHEN c.r_status < 0.92 THEN 'deleted' WHEN c.r_status < 0.96 THEN 'pending' "
	" WHEN c.r_status < 0.98 THEN 'rejected' ELSE 'hidden' END, "
	"IF(c.r_status >= 0.96, 'Past niet bij de spelregels.', NULL), "
	"NOW(3) - INTERVAL c.age_s SECOND, NOW(3) - INTERVAL (c.age_s DIV 2) SECOND "
	"FROM bench_ochunk c JOIN bench_users v ON v.volunteer_k = c.volunteer_k "
	"JOIN bench_cats k ON k.k = (c.cat0 + 3) % 10 "
	"JOIN bench_texts t ON t.kind = 'o' AND t.category = k.id AND t.k = c.r_text",
	/* BS_OFFER_CATS_INSERT: 1-3 categories, (cat0 + 3j) mod 10: distinct */
	"INSERT INTO offer_categories (offer_id, category_id) "
	"SELECT c.id, k.id FROM bench_ochunk c JOIN seq_1_to_3 j ON j.seq <= c.ncats "
	"JOIN bench_cats k ON k.k = (c.cat0 + 3 * j.seq) % 10",
	/* BS_OFFER_SLOTS_INSERT: 1-4 slots of three hours, on days
	 * (day0 + 2j) mod 7: distinct */
	"INSERT INTO offer_slots (offer_id, day, from_min, to_min) "
	"SELECT c.id, (c.day0 + 2 * j.seq) % 7, c.slot_from, c.slot_from + 180 "
	"FROM bench_ochunk c JOIN seq_1_to_4 j ON j.seq <= c.nslots",
	/* BS_ACHUNK_CREATE: the draws of one chunk of alerts; ncats 0: any */
	"CREATE TEMPORARY TABLE IF NOT EXISTS bench_achunk ("
	" seq BIGINT UNSIGNED NOT NULL PRIMARY KEY,"
	" id CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,"
	" volunteer_k INT UNSIGNED NOT NULL, age_s INT UNSIGNED NOT NULL,"
	" cat0 TINYINT UNSIGNED NOT NULL, ncats TINYINT UNSIGNED NOT NULL,"
	" radius_km TINYINT UNSIGNED NOT NULL,"
	" frequency VARCHAR(8) CHARACTER SET ascii NOT NULL"
	") ENGINE=MEMORY",
	/* BS_ACHUNK_CLEAR */
	"DELETE FROM bench_achunk",
	/* BS_ACHUNK_FILL: volunteers, history seconds, first seq, last seq */
	"INSERT INTO bench_achunk (seq, id, volunteer_k, age_s, cat0, ncats, "
	"radius_km, frequency) "
	"SELECT s.seq, " RANDOM_ID ", 1 + FLOOR(RAND() * ?), "
	"FLOOR(? * POW(RAND(), 1.3)), FLOOR(RAND() * 10), "
	"IF(RAND() < 0.2, 0, 1 + FLOOR(RAND() * 3)), "
	"ELT(1 + FLOOR(RAND() * 6), 1, 3, 5, 10, 15, 25), "
	"IF(RAND() < 0.3, 'instant', 'daily') "
	"FROM seq_1_to_4000000000 s WHERE s.seq BETWEEN ? AND ?",
	/* BS_ALERTS_INSERT: an alert where its volunteer lives */
	"INSERT INTO alerts (id, user_id, pc4, lat, lon, radius_km, frequency, "
	"offer_id, created_at) "
	"SELECT c.id, v.id, v.pc4, v.lat, v.lon, c.radius_km, c.frequency, NULL, "
	"NOW(3) - INTERVAL c.age_s SECOND "
	"FROM bench_achunk c JOIN bench_users v ON v.volunteer_k = c.volunteer_k",
	/* BS_ALERT_TARGETS_INSERT: one row per category, (cat0 + 3j) mod 10,
	 * or one '' row for an alert that takes any */
	"INSERT INTO alert_targets (alert_id, category_id, user_id, lat, lon, "
	"radius_km, frequency) "
	"SELECT c.id, COALESCE(k.id, ''), v.id, v.lat, v.lon, c.radius_km, c.frequency "
	"FROM bench_achunk c JOIN bench_users v ON v.volunteer_k = c.volunteer_k "
	"JOIN seq_1_to_3 j ON j.seq <= GREATEST(c.ncats, 1) "
	"LEFT JOIN bench_cats k ON c.ncats > 0 AND k.k = (c.cat0 + 3 * j.seq) % 10",
	/* BS_DAILY_INSERT: last bench user n. 1-5 daily events per user of the
	 * last 20 hours, about requests that may not exist: the digest reads
	 * only the events. */
	"INSERT INTO notifications (id, user_id, kind, link, arg, alert_id, "
	"bundled, email, digest_id, created_at) "
	"SELECT " RANDOM_ID ", b.id, ELT(1 + (b.n + j.seq) % 3, 'alert.request', "
	"'match.responded', 'message.new'), "
	"CONCAT('/hulpvraag.html?id=', " RANDOM_ID "), "
	"ELT(1 + (b.n + j.seq) % 4, 'Boodschappen doen op dinsdag', "
	"'Vervoer naar het ziekenhuis', 'Gezelschap voor een kopje koffie', "
	"'Heg snoeien voor de zomer'), NULL, 1, 'daily', NULL, "
	"NOW(3) - INTERVAL FLOOR(RAND() * 72000) SECOND "
	"FROM bench_users b JOIN seq_1_to_5 j ON j.seq <= 1 + b.n % 5 "
	"WHERE b.n <= ?",
	/* BS_MCHUNK_CREATE: the draws of the held mail */
	"CREATE TEMPORARY TABLE IF NOT EXISTS bench_mchunk ("
	" seq BIGINT UNSIGNED NOT NULL PRIMARY KEY,"
	" id CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,"
	" user_n INT UNSIGNED NOT NULL, r_text TINYINT UNSIGNED NOT NULL"
	") ENGINE=MEMORY",
	/* BS_MCHUNK_CLEAR */
	"DELETE FROM bench_mchunk",
	/* BS_MCHUNK_FILL: users, first seq, last seq */
	"INSERT INTO bench_mchunk (seq, id, user_n, r_text) "
	"SELECT s.seq, " RANDOM_ID ", 1 + FLOOR(RAND() * ?), FLOOR(RAND() * 4) "
	"FROM seq_1_to_4000000000 s WHERE s.seq BETWEEN ? AND ?",
	/* BS_MAIL_EVENTS_INSERT: one instant alert event per mail */
	"INSERT INTO notifications (id, user_id, kind, link, arg, bundled, email, "
	"created_at) "
	"SELECT c.id, b.id, 'alert.request', CONCAT('/hulpvraag.html?id=', " RANDOM_ID "), "
	"ELT(1 + c.r_text, 'Boodschappen doen op dinsdag', 'Vervoer naar het ziekenhuis', "
	"'Gezelschap voor een kopje koffie', 'Heg snoeien voor de zomer'), 1, 'instant', NOW(3) "
	"FROM bench_mchunk c JOIN bench_users b ON b.n = c.user_n",
	/* BS_MAIL_OUTBOX_INSERT: its mail, queued but held a day */
	"INSERT INTO outbox (user_id, kind, notification_id, state, due_at, created_at) "
	"SELECT b.id, 'alert.request', c.id, 'queued', NOW(3) + INTERVAL 1 DAY, NOW(3) "
	"FROM bench_mchunk c JOIN bench_users b ON b.n = c.user_n ORDER BY c.seq",
	/* BS_VAC_COUNT: → bench vacancies so far */
	"SELECT COUNT(*) FROM vacancies WHERE id LIKE 'bv%'",
	/* BS_VAC_ORGS_INSERT: bench users (count), first org, last org. An
	 * organisation where a bench user lives. */
	"INSERT IGNORE INTO organisations (id, name, description, pc4, lat, lon, active, "
	"created_at, updated_at) "
	"SELECT CONCAT('bo', LPAD(s.seq, 20, '0')), CONCAT('Bench organisatie ', s.seq), "
	"'Een vrijwilligersorganisatie van de benchmark.', b.pc4, b.lat, b.lon, 1, "
	"NOW(3) - INTERVAL 2 YEAR, NOW(3) - INTERVAL 2 YEAR "
	"FROM seq_1_to_4000000000 s JOIN bench_users b ON b.n = 1 + (s.seq * 7919) % ? "
	"WHERE s.seq BETWEEN ? AND ?",
	/* BS_VACANCIES_INSERT: organisations (count), bench users (count),
	 * first seq, last seq */
	"INSERT INTO vacancies (id, organisation_id, posted_by, title, description, pc4, "
	"lat, lon, hours_per_month, needs_vog, status, lang, created_at, updated_at, alerted_at) "
	"SELECT CONCAT('bv', LPAD(s.seq, 20, '0')), "
	"CONCAT('bo', LPAD(1 + s.seq % ?, 20, '0')), NULL, "
	"ELT(1 + s.seq % 6, 'Maatje voor een oudere buurtgenoot', 'Chauffeur voor de buurtbus', "
	"'Tuinman voor het hospice', 'Kok voor de buurtmaaltijd', 'Computerhulp in de bibliotheek', "
	"'Voorlezer op de basisschool'), "
	"'Wij zoeken een vrijwilliger die een paar uur per maand wil helpen. "
	"U krijgt een inwerkperiode en een vaste contactpersoon.', "
	"b.pc4, b.lat, b.lon, ELT(1 + s.seq % 4, 4, 8, 12, 16), (s.seq % 5 = 0), "
	"ELT(1 + s.seq % 20, 'open', 'open', 'open', 'open', 'open', 'open', 'open', "
	"'open', 'open', 'open', 'open', 'open', 'open', 'open', 'closed', 'closed', "
	"'pending', 'pending', 'rejected', 'hidden'), 'nl', "
	"NOW(3) - INTERVAL ((s.seq * 104729) % 31536000) SECOND, "
	"NOW(3) - INTERVAL ((s.seq * 104729) % 31536000) SECOND, NOW(3) "
	"FROM seq_1_to_4000000000 s JOIN bench_users b ON b.n = 1 + (s.seq * 2654435761) % ? "
	"WHERE s.seq BETWEEN ? AND ?",
	/* BS_VAC_TALENTS_INSERT: first seq, last seq. One or two talents. */
	"INSERT IGNORE INTO vacancy_talents (vacancy_id, talent_id) "
	"SELECT CONCAT('bv', LPAD(s.seq, 20, '0')), ELT(1 + (s.seq * k.k) % 16, "
	"'cooking', 'gardening', 'computer_help', 'paperwork', 'driving_licence', "
	"'odd_jobs', 'company', 'reading', 'music', 'sport', 'organising', 'first_aid', "
	"'care_experience', 'languages', 'photography', 'transport') "
	"FROM seq_1_to_4000000000 s JOIN (SELECT 1 AS k UNION ALL SELECT 7) k "
	"ON k.k = 1 OR s.seq % 2 = 0 WHERE s.seq BETWEEN ? AND ?",
	/* BS_VAC_CATS_INSERT: first seq, last seq. One category. */
	"INSERT IGNORE INTO vacancy_categories (vacancy_id, category_id) "
	"SELECT CONCAT('bv', LPAD(s.seq, 20, '0')), c.id "
	"FROM seq_1_to_4000000000 s JOIN bench_cats c ON c.k = s.seq % 10 "
	"WHERE s.seq BETWEEN ? AND ?",
	/* BS_ANALYZE: fresh statistics for the optimizer after a bulk load */
	"ANALYZE TABLE users, requests, matches, offers, offer_categories, offer_slots, "
	"alerts, alert_targets, notifications, outbox, vacancies, vacancy_talents, "
	"vacancy_categories",
	/* BS_COUNTS */
	"SELECT (SELECT COUNT(*) FROM users), (SELECT COUNT(*) FROM requests), "
	"(SELECT COUNT(*) FROM requests WHERE status = 'open' AND expires_at > NOW(3)), "
	"(SELECT COUNT(*) FROM offers), (SELECT COUNT(*) FROM matches), "
	"(SELECT COUNT(DISTINCT pc4) FROM requests), "
	"(SELECT COUNT(*) FROM alerts), (SELECT COUNT(*) FROM alert_targets)",
};

/* ---- texts ----------------------------------------------------------- */

struct text {
	const char	*kind, *category, *title, *description;
};

/* Three requests and two offers per category, as people write them. */
static const struct text texts[] = {
	{ "r", "shopping", "Boodschappen doen op dinsdag",
	  "Sinds mijn heupoperatie kan ik niet zelf naar de supermarkt. Wie wil er een keer per week boodschappen voor mij doen? Het lijstje en het geld liggen klaar." },
	{ "r", "shopping", "Hulp bij de weekboodschappen",
	  "Mijn moeder woont alleen en kan de zware tassen niet meer dragen. We zoeken iemand die op zaterdag met haar mee wil naar de winkel in het dorp." },
	{ "r", "shopping", "Apotheek en bakker",
	  "Ik ben een paar weken slecht ter been. Kan iemand mijn medicijnen bij de apotheek ophalen en een brood meenemen van de bakker?" },
	{ "r", "transport", "Vervoer naar het ziekenhuis",
	  "Ik heb volgende week een afspraak op de poli in het ziekenhuis en heb geen vervoer. Wie kan mij brengen en halen? Ik betaal de benzine graag." },
	{ "r", "transport", "Rit naar de fysiotherapeut",
	  "Twee keer per week moet ik naar de fysiotherapeut aan de andere kant van de stad. De bus is lastig met mijn rollator. Wie rijdt er een keer mee?" },
	{ "r", "transport", "Meerijden naar de kerk",
	  "Op zondagochtend zou ik graag naar de dienst gaan, maar ik rijd zelf geen auto meer. Misschien woont er iemand in de buurt die toch gaat?" },
	{ "r", "company", "Gezelschap voor een kopje koffie",
	  "Mijn vader is weduwnaar en zit veel alleen thuis. Hij houdt van een praatje over vroeger, voetbal en de krant. Wie komt er eens per week langs?" },
	{ "r", "company", "Samen wandelen in het park",
	  "Ik mag van de dokter meer bewegen maar vind het alleen niet leuk. Wie wil er een uurtje met mij wandelen, rustig tempo, met een bankje onderweg?" },
	{ "r", "company", "Spelletjesmiddag",
	  "Mijn buurvrouw van negentig houdt van klaverjassen en rummikub. Zoek iemand die op woensdagmiddag een spelletje met haar wil doen." },
	{ "r", "odd-jobs", "Lamp ophangen en gordijnrails",
	  "In mijn nieuwe woning moeten nog twee lampen worden opgehangen en een gordijnrail vastgezet. Ik heb zelf geen boormachine en geen ladder." },
	{ "r", "odd-jobs", "Lekkende kraan in de keuken",
	  "De kraan in de keuken druppelt al weken. Waarschijnlijk moet er alleen een nieuw rubbertje in. Wie is een beetje handig en wil kijken?" },
	{ "r", "odd-jobs", "Kast in elkaar zetten",
	  "Ik heb een kast gekocht die nog in de doos zit. Met mijn reuma lukt het me niet om hem in elkaar te zetten. Wie helpt een uurtje?" },
	{ "r", "garden", "Heg snoeien voor de zomer",
	  "De heg rond mijn tuin is te hoog geworden en ik kan niet meer op een trap staan. Wie wil helpen snoeien? Groenafval kan in de container." },
	{ "r", "garden", "Gras maaien",
	  "Mijn grasmaaier staat klaar maar mijn rug wil niet meer. Wie wil er eens in de twee weken het gras maaien in mijn kleine achtertuin?" },
	{ "r", "garden", "Onkruid wieden en bladeren harken",
	  "De tuin van mijn oma is een wildernis geworden. We zoeken iemand die een ochtend wil helpen wieden en de bladeren wil opruimen." },
	{ "r", "paperwork", "Hulp bij de belastingaangifte",
	  "Ik krijg elk jaar een brief van de belastingdienst en weet niet goed wat ik moet invullen. Wie kan mij helpen met de aangifte?" },
	{ "r", "paperwork", "Brieven van de gemeente begrijpen",
	  "Ik begrijp de brieven over de huurtoeslag en de zorgverzekering niet goed. Wie wil een keer samen met mij de post doornemen en ordenen?" },
	{ "r", "paperwork", "Formulier voor de WMO",
	  "Voor een scootmobiel moet ik een formulier van het WMO-loket invullen. Dat vind ik ingewikkeld. Wie helpt mij daarbij?" },
	{ "r", "digital", "Uitleg over de smartphone",
	  "Ik heb van mijn kinderen een smartphone gekregen maar weet niet hoe ik moet videobellen met de kleinkinderen. Wie legt het geduldig uit?" },
	{ "r", "digital", "Inloggen met DigiD",
	  "Ik moet inloggen bij de gemeente en de zorgverzekeraar met DigiD maar het lukt niet. Wie helpt mij de app op mijn telefoon te zetten?" },
	{ "r", "digital", "Printer aansluiten op de laptop",
	  "Mijn nieuwe printer doet het niet met mijn laptop. Ik heb van alles geprobeerd. Wie weet er meer van computers en wil even komen kijken?" },
	{ "r", "respite", "Even een middag vrij als mantelzorger",
	  "Ik zorg dag en nacht voor mijn man met dementie. Eén middag per week vrij zou mij enorm helpen. Wie wil bij hem zijn, koffie drinken, een stukje lopen?" },
	{ "r", "respite", "Oppas voor mijn moeder",
	  "Mijn moeder kan na haar beroerte niet lang alleen zijn. Ik wil graag naar een verjaardag. Wie kan op zaterdagavond een paar uur bij haar zijn?" },
	{ "r", "respite", "Respijt voor een weekend",
	  "Als mantelzorger voor mijn zoon met een beperking ben ik toe aan een adempauze. We zoeken iemand voor een paar uur op zondag." },
	{ "r", "meals", "Warme maaltijd koken",
	  "Mijn buurman eet sinds het overlijden van zijn vrouw vooral brood. Wie wil er een keer per week een warme maaltijd voor hem koken of meenemen?" },
	{ "r", "meals", "Samen eten",
	  "Ik eet elke dag alleen. Is er iemand die het leuk vindt om een keer samen te koken en te eten? Ik zorg voor de boodschappen." },
	{ "r", "meals", "Soep brengen na ziekenhuisopname",
	  "Na mijn opname ben ik nog zwak. Een pan soep of een maaltijd voor een paar dagen zou mij heel erg helpen." },
	{ "r", "pets", "Hond uitlaten",
	  "Mijn hond Bobby moet drie keer per dag uit, maar ik loop slecht. Wie wil 's middags een rondje met hem lopen? Hij is lief en goed opgevoed." },
	{ "r", "pets", "Kat voeren tijdens opname",
	  "Ik moet een week het ziekenhuis in. Wie wil mijn kat eten geven en de kattenbak verschonen? De sleutel geef ik van tevoren." },
	{ "r", "pets", "Naar de dierenarts",
	  "Mijn konijn moet naar de dierenarts voor een controle. Ik heb geen auto. Wie kan ons brengen?" },
	{ "o", "shopping", "Ik doe graag boodschappen voor u",
	  "Ik ga zelf twee keer per week naar de supermarkt en neem graag iets voor u mee. Ook de apotheek of de bakker is geen probleem." },
	{ "o", "shopping", "Boodschappenhulp op zaterdag",
	  "Op zaterdag heb ik tijd om met u mee te gaan naar de winkel of de boodschappen te bezorgen. Ik heb een auto met ruimte voor een rollator." },
	{ "o", "transport", "Chauffeur voor afspraken",
	  "Gepensioneerd en graag onderweg. Ik breng u naar het ziekenhuis, de huisarts of familie en wacht als het nodig is." },
	{ "o", "transport", "Rijden op doordeweekse ochtenden",
	  "Ik werk parttime en heb doordeweeks 's ochtends tijd. Ik rijd u naar de fysiotherapeut, de kapper of de markt." },
	{ "o", "company", "Een praatje en een kop koffie",
	  "Ik kom graag bij u op bezoek voor een praatje, een wandeling of een spelletje. Ik ben een goede luisteraar en houd van verhalen." },
	{ "o", "company", "Wandelmaatje",
	  "Ik wandel elke dag en vind het gezellig als iemand meeloopt. Rustig tempo, ook met rollator of rolstoel." },
	{ "o", "odd-jobs", "Handige klusser",
	  "Lamp ophangen, kraan repareren, kastje in elkaar zetten: ik heb gereedschap en ervaring. Kleine klussen in huis doe ik graag." },
	{ "o", "odd-jobs", "Klusjes in en om het huis",
	  "Ik ben timmerman geweest en help graag met kleine reparaties. Materiaal betaalt u zelf, mijn tijd is gratis." },
	{ "o", "garden", "Tuinhulp",
	  "Ik houd van tuinieren en help graag met snoeien, maaien en wieden. Ik neem mijn eigen heggenschaar mee." },
	{ "o", "garden", "Samen de tuin bijhouden",
	  "Een paar uur per week help ik u met de tuin, zodat u er zelf weer van kunt genieten." },
	{ "o", "paperwork", "Hulp bij post en formulieren",
	  "Als oud-administrateur help ik met de post, belastingaangifte, toeslagen en formulieren van de gemeente. Alles blijft vertrouwelijk." },
	{ "o", "paperwork", "Orde in de administratie",
	  "Ik help u uw papieren te ordenen en brieven te begrijpen. Geduldig en discreet." },
	{ "o", "digital", "Computer- en telefoonhulp",
	  "Ik leg geduldig uit hoe de smartphone, tablet of laptop werkt: videobellen, DigiD, foto's, internetbankieren." },
	{ "o", "digital", "Digitaal maatje",
	  "Student informatica die graag helpt met printers, wifi en apps. Avonden en weekenden." },
	{ "o", "respite", "Respijtzorg: even vrij voor de mantelzorger",
	  "Ik ben een paar uur bij uw naaste zodat u even vrij bent. Ervaring met dementie en niet-aangeboren hersenletsel." },
	{ "o", "respite", "Oppas voor een middag",
	  "Als gepensioneerd verpleegkundige pas ik graag een middag op, zodat u als mantelzorger tijd voor uzelf heeft." },
	{ "o", "meals", "Ik kook een maaltijd mee",
	  "Ik kook toch elke dag en maak graag een portie extra voor iemand in de buurt. Ook samen eten kan." },
	{ "o", "meals", "Soep en maaltijden",
	  "Voor wie net uit het ziekenhuis komt of even niet kan koken breng ik verse soep en een warme maaltijd." },
	{ "o", "pets", "Hondenuitlater",
	  "Ik laat graag uw hond uit, ook meerdere keren per week. Ik ben gek op dieren en heb zelf twee honden gehad." },
	{ "o", "pets", "Oppas voor huisdieren",
	  "Bij opname of vakantie verzorg ik uw kat, konijn of vogels. Voeren, schoonmaken en een beetje aandacht." },
};

/* ---- geography -------------------------------------------------------- */

/* Where bench users live: PC4 ranges with their share of all users. The
 * rest of the country is sampled (every 20th area) so that the data
 * covers a few hundred areas, weighted to where the demo is. */
static const struct region {
	const char	*first, *last;
	double		 share;
	int		 every;
} regions[] = {
	{ "7811", "7891", 0.35, 1 },	/* Emmen, the demo municipality */
	{ "1011", "1109", 0.20, 1 },	/* Amsterdam */
	{ "3511", "3585", 0.12, 1 },	/* Utrecht */
	{ "9711", "9747", 0.12, 1 },	/* Groningen */
	{ "8011", "8043", 0.08, 1 },	/* Zwolle */
	{ "9401", "9411", 0.05, 1 },	/* Assen */
	{ "0000", "9999", 0.08, 20 },	/* a sample of the rest */
};
#define NREGIONS (sizeof(regions) / sizeof(regions[0]))

struct area {
	char	 pc4[5];
	double	 lat, lon;
	double	 cum;		/* cumulative weight up to and with this one */
};

/* ---- a fast random source for C's own draws ---------------------------- */

static uint64_t rng_state;

static uint64_t
rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static double
rng_unit(void)
{
	return (double)(rng_next() >> 11) / 9007199254740992.0;
}

static double
seconds_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* ---- the command -------------------------------------------------------- */

struct seed {
	struct ctl	*c;
	struct db	*db;
	struct arena	 a;
	bool		 quiet, trace;
	long		 users, requests, offers, matches, alerts, daily, mails, vacancies;
	unsigned long	 last_n, last_poster, last_volunteer;
	struct area	*areas;
	size_t		 nareas;
};

static int
exec(struct seed *s, int idx, const struct db_param *p, size_t n, struct db_rows *rows)
{
	struct timespec t0;
	int rc;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = db_exec(s->db, &s->a, idx, p, n, rows);
	if (s->trace)
		fprintf(stderr, "seed-bench: statement %d took %.3f s\n", idx,
		    seconds_since(&t0));

	if (rc != DB_OK)
		fprintf(stderr, "burenhulpctl: seed-bench: statement %d failed (%d); "
		    "see the log above\n", idx, rc);
	return rc;
}

/* "seed-bench: 1000 users (2.5 s)" */
static void
say(const struct seed *s, const struct timespec *t0, long n, const char *what)
{
	if (s->quiet)
		return;
	printf("seed-bench: %ld %s (%.1f s)\n", n, what, seconds_since(t0));
	fflush(stdout);
}

static int
read_counts(struct seed *s)
{
	struct db_rows rows;

	if (exec(s, BS_BENCH_USERS_MAX, NULL, 0, &rows) != DB_OK)
		return -1;
	s->last_n = (unsigned long)db_int(&rows, 0, 0);
	s->last_poster = (unsigned long)db_int(&rows, 0, 1);
	s->last_volunteer = (unsigned long)db_int(&rows, 0, 2);
	return 0;
}

/* The weighted areas users are drawn from. */
static int
load_areas(struct seed *s)
{
	struct db_rows rows;
	size_t i, k, nin[NREGIONS] = { 0 }, seen[NREGIONS] = { 0 };
	double cum = 0;
	int *region_of;

	if (exec(s, BS_AREAS, NULL, 0, &rows) != DB_OK)
		return -1;
	region_of = arena_alloc(&s->a, (rows.nrows + 1) * sizeof(*region_of));
	/* First pass: which region (first that matches) takes each area. */
	for (i = 0; i < rows.nrows; i++) {
		const char *pc4 = db_str(&rows, i, 0);

		region_of[i] = -1;
		for (k = 0; k < NREGIONS; k++)
			if (strcmp(pc4, regions[k].first) >= 0 &&
			    strcmp(pc4, regions[k].last) <= 0) {
				if (regions[k].every > 1 && seen[k]++ % (size_t)regions[k].every != 0)
					break;
				region_of[i] = (int)k;
				nin[k]++;
				break;
			}
	}
	s->areas = calloc(rows.nrows + 1, sizeof(*s->areas));
	if (s->areas == NULL)
		return -1;
	for (i = 0; i < rows.nrows; i++) {
		struct area *a;

		if (region_of[i] < 0)
			continue;
		a = &s->areas[s->nareas++];
		snprintf(a->pc4, sizeof(a->pc4), "%s", db_str(&rows, i, 0));
		a->lat = db_double(&rows, i, 1);
		a->lon = db_double(&rows, i, 2);
		/* Areas differ in size: a weight of 0.3 to 1.7 times the
		 * region's average. */
		cum += regions[region_of[i]].share / (double)nin[region_of[i]] *
		    (0.3 + 1.4 * rng_unit());
		a->cum = cum;
	}
	if (s->nareas == 0) {
		fprintf(stderr, "burenhulpctl: seed-bench: no postcodes; run "
		    "import-postcodes first\n");
		return -1;
	}
	for (i = 0; i < s->nareas; i++)
		s->areas[i].cum /= cum;
	return 0;
}

static size_t
draw_area(const struct seed *s)
{
	double u = rng_unit();
	size_t lo = 0, hi = s->nareas - 1, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (s->areas[mid].cum < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int
by_index(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

static const char *const first_names[] = {
	"Anna", "Jan", "Fatima", "Henk", "Sanne", "Mohamed", "Ingrid", "Kees",
	"Lotte", "Ahmed", "Gerda", "Pieter", "Emma", "Mustafa", "Wilma", "Daan",
	"Sophie", "Bram", "Annie", "Youssef", "Marieke", "Johan", "Noor", "Theo",
	"Femke", "Ali", "Joke", "Ruud", "Lisa", "Hendrik", "Esra", "Bert",
};
#define NFIRST (sizeof(first_names) / sizeof(first_names[0]))

/* Inserts the nb rows of user and bench_users parameters: one multi-row
 * statement for a full batch, one row at a time for the last, short one. */
static int
flush_users(struct seed *s, const struct db_param *up, const struct db_param *bp,
    size_t nb)
{
	size_t i;

	if (nb == USER_BATCH)
		return exec(s, BS_USERS_INSERT, up, USER_BATCH * USER_PARAMS, NULL) == DB_OK &&
		    exec(s, BS_BENCH_USERS_INSERT, bp, USER_BATCH * BUSER_PARAMS, NULL) == DB_OK ?
		    0 : -1;
	for (i = 0; i < nb; i++)
		if (exec(s, BS_USER_INSERT_ONE, up + i * USER_PARAMS, USER_PARAMS, NULL) != DB_OK ||
		    exec(s, BS_BENCH_USER_INSERT_ONE, bp + i * BUSER_PARAMS, BUSER_PARAMS,
		    NULL) != DB_OK)
			return -1;
	return 0;
}

/* The users of this run: numbered after the last one, grouped by area so
 * that neighbours have neighbouring volunteer numbers. */
static int
seed_users(struct seed *s, const struct timespec *t0)
{
	static struct db_param up[USER_BATCH * USER_PARAMS], bp[USER_BATCH * BUSER_PARAMS];
	char hash[crypto_pwhash_STRBYTES];
	size_t *area_of = NULL, i, b, nb;
	unsigned long n0 = s->last_n + 1, poster = s->last_poster;
	unsigned long volunteer = s->last_volunteer;
	int rc = -1;

	if (s->users == 0)
		return 0;
	if (crypto_password_hash(hash, BENCH_PASSWORD, strlen(BENCH_PASSWORD)) != 0) {
		fprintf(stderr, "burenhulpctl: seed-bench: cannot hash the password\n");
		return -1;
	}
	if ((area_of = calloc((size_t)s->users, sizeof(*area_of))) == NULL)
		goto out;
	for (i = 0; i < (size_t)s->users; i++)
		area_of[i] = draw_area(s);
	qsort(area_of, (size_t)s->users, sizeof(*area_of), by_index);

	for (b = 0; b < (size_t)s->users; b += nb) {
		struct db_param *u = up, *q = bp;

		nb = (size_t)s->users - b < USER_BATCH ? (size_t)s->users - b : USER_BATCH;
		for (i = 0; i < nb; i++) {
			const struct area *ar = &s->areas[area_of[b + i]];
			unsigned long n = n0 + b + i;
			char *id = arena_alloc(&s->a, CRYPTO_ID_LEN + 1);
			unsigned char *bidx = arena_alloc(&s->a, CRYPTO_HASH_LEN), *ct;
			const char *email, *roles, *posted_as = NULL;
			size_t ctlen;
			double r = rng_unit();
			long age = (long)((double)HISTORY_S * rng_unit());
			bool is_volunteer = false;

			/* Most ask, a third give, a few professionals. */
			if (r < 0.50) {
				roles = "resident";
				posted_as = "resident";
			} else if (r < 0.60) {
				roles = "caregiver";
				posted_as = "caregiver";
			} else if (r < 0.65) {
				roles = "resident,volunteer";
				posted_as = "resident";
				is_volunteer = true;
			} else if (r < 0.97) {
				roles = "volunteer";
				is_volunteer = true;
			} else {
				roles = "professional";
				posted_as = "professional";
			}

			crypto_id_new(id);
			email = valid_email_normalise(&s->a,
			    arena_printf(&s->a, BENCH_EMAIL_FMT, n));
			if (email == NULL)
				goto out;
			crypto_blind_index(bidx, "email", email);
			if (crypto_field_seal(&s->a, &ct, &ctlen, "users", "email",
			    id, email, strlen(email)) != 0)
				goto out;
			*u++ = DB_STR(id);
			*u++ = DB_BLOB(ct, ctlen);
			*u++ = DB_BLOB(bidx, CRYPTO_HASH_LEN);
			*u++ = DB_STR(arena_printf(&s->a, "%s %lu",
			    first_names[n % NFIRST], n));
			*u++ = DB_STR(ar->pc4);
			*u++ = DB_STR(roles);
			*u++ = DB_STR(rng_unit() < 0.1 ? "en" : "nl");
			*u++ = DB_INT(age);
			*u++ = DB_INT(age);

			*q++ = DB_INT((long long)n);
			*q++ = DB_STR(id);
			*q++ = DB_STR(ar->pc4);
			*q++ = DB_DOUBLE(ar->lat);
			*q++ = DB_DOUBLE(ar->lon);
			*q++ = posted_as != NULL ? DB_INT((long long)++poster) : DB_NULL;
			*q++ = DB_STR(posted_as);
			*q++ = is_volunteer ? DB_INT((long long)++volunteer) : DB_NULL;
			*q++ = DB_INT((long long)volunteer);
		}
		if (flush_users(s, up, bp, nb) != 0)
			goto out;
		arena_reset(&s->a);
		if ((b / USER_BATCH) % 250 == 249)
			say(s, t0, (long)(b + nb), "users");
	}
	if (exec(s, BS_CREDENTIALS_INSERT, DB_PARAMS(DB_STR(hash),
	    DB_INT((long long)n0), DB_INT((long long)(n0 + (unsigned long)s->users - 1))),
	    NULL) != DB_OK)
		goto out;
	say(s, t0, s->users, "users with their credentials");
	rc = 0;
out:
	sodium_memzero(hash, sizeof(hash));
	arena_reset(&s->a);
	free(area_of);
	return rc;
}

/* Requests, and the matches that answer them, chunk by chunk. */
static int
seed_requests(struct seed *s, const struct timespec *t0, unsigned long posters,
    unsigned long volunteers)
{
	double extra;
	long done, n;
	int rc;

	if (s->requests == 0)
		return 0;
	if (posters == 0 || volunteers == 0) {
		fprintf(stderr, "burenhulpctl: seed-bench: requests need bench users "
		    "who ask and who volunteer (--users)\n");
		return -1;
	}
	/* About 0.38 matches per request follow from the statuses (one per
	 * completed or matched request); the rest of --matches is spread over
	 * extra responses, 0.2 per request at scale 1. */
	extra = ((double)s->matches / (double)s->requests - 0.38) / 0.2;
	if (extra < 0)
		extra = 0;
	if (extra > 5)
		extra = 5;
	for (done = 0; done < s->requests; done += n) {
		long first = done + 1;

		n = s->requests - done < REQUEST_CHUNK ? s->requests - done : REQUEST_CHUNK;
		if (exec(s, BS_RCHUNK_CLEAR, NULL, 0, NULL) != DB_OK ||
		    exec(s, BS_RCHUNK_FILL, DB_PARAMS(DB_INT((long long)posters),
		    DB_INT(HISTORY_S), DB_INT(first), DB_INT(first + n - 1)), NULL) != DB_OK ||
		    exec(s, BS_RCHUNK_DERIVE, DB_PARAMS(DB_DOUBLE(extra), DB_DOUBLE(extra),
		    DB_DOUBLE(extra), DB_DOUBLE(extra), DB_DOUBLE(extra), DB_DOUBLE(extra)),
		    NULL) != DB_OK)
			return -1;
		rc = exec(s, BS_REQUESTS_INSERT, NULL, 0, NULL);
		if (rc == DB_OK)
			rc = exec(s, BS_MATCHES_INSERT,
			    DB_PARAMS(DB_INT((long long)volunteers)), NULL);
		arena_reset(&s->a);
		if (rc != DB_OK)
			return -1;
		if ((done + n) % (REQUEST_CHUNK * 4) == 0 || done + n == s->requests)
			say(s, t0, done + n, "requests with their matches");
	}
	return 0;
}

/* Offers with their categories and weekly slots, chunk by chunk. */
static int
seed_offers(struct seed *s, const struct timespec *t0, unsigned long volunteers)
{
	long done, n;

	if (s->offers == 0)
		return 0;
	if (volunteers == 0) {
		fprintf(stderr, "burenhulpctl: seed-bench: offers need bench "
		    "volunteers (--users)\n");
		return -1;
	}
	for (done = 0; done < s->offers; done += n) {
		long first = done + 1;

		n = s->offers - done < OFFER_CHUNK ? s->offers - done : OFFER_CHUNK;
		if (exec(s, BS_OCHUNK_CLEAR, NULL, 0, NULL) != DB_OK ||
		    exec(s, BS_OCHUNK_FILL, DB_PARAMS(DB_INT((long long)volunteers),
		    DB_INT(HISTORY_S), DB_INT(first), DB_INT(first + n - 1)), NULL) != DB_OK ||
		    exec(s, BS_OFFERS_INSERT, NULL, 0, NULL) != DB_OK ||
		    exec(s, BS_OFFER_CATS_INSERT, NULL, 0, NULL) != DB_OK ||
		    exec(s, BS_OFFER_SLOTS_INSERT, NULL, 0, NULL) != DB_OK)
			return -1;
		arena_reset(&s->a);
	}
	say(s, t0, s->offers, "offers with categories and slots");
	return 0;
}

/* Vacancies of bench organisations (issue 18), chunk by chunk. */
static int
seed_vacancies(struct seed *s, const struct timespec *t0)
{
	struct db_rows rows;
	long have, last, orgs, first, n, done;

	if (s->vacancies == 0)
		return 0;
	if (s->last_n == 0) {
		fprintf(stderr, "burenhulpctl: seed-bench: vacancies need bench "
		    "users (--users)\n");
		return -1;
	}
	if (exec(s, BS_VAC_COUNT, NULL, 0, &rows) != DB_OK)
		return -1;
	have = (long)db_int(&rows, 0, 0);
	last = have + s->vacancies;
	orgs = last / 100 > 0 ? last / 100 : 1;
	if (exec(s, BS_VAC_ORGS_INSERT, DB_PARAMS(DB_INT((long long)s->last_n),
	    DB_INT(1), DB_INT(orgs)), NULL) != DB_OK)
		return -1;
	for (done = 0; done < s->vacancies; done += n) {
		first = have + done + 1;
		n = s->vacancies - done < OFFER_CHUNK ? s->vacancies - done : OFFER_CHUNK;
		if (exec(s, BS_VACANCIES_INSERT, DB_PARAMS(DB_INT(orgs),
		    DB_INT((long long)s->last_n), DB_INT(first), DB_INT(first + n - 1)),
		    NULL) != DB_OK ||
		    exec(s, BS_VAC_TALENTS_INSERT, DB_PARAMS(DB_INT(first),
		    DB_INT(first + n - 1)), NULL) != DB_OK ||
		    exec(s, BS_VAC_CATS_INSERT, DB_PARAMS(DB_INT(first),
		    DB_INT(first + n - 1)), NULL) != DB_OK)
			return -1;
		arena_reset(&s->a);
	}
	say(s, t0, s->vacancies, "vacancies with talents and categories");
	return 0;
}

/* Alerts of bench volunteers with their targets, chunk by chunk. */
static int
seed_alerts(struct seed *s, const struct timespec *t0, unsigned long volunteers)
{
	long done, n;

	if (s->alerts == 0)
		return 0;
	if (volunteers == 0) {
		fprintf(stderr, "burenhulpctl: seed-bench: alerts need bench "
		    "volunteers (--users)\n");
		return -1;
	}
	for (done = 0; done < s->alerts; done += n) {
		long first = done + 1;

		n = s->alerts - done < OFFER_CHUNK ? s->alerts - done : OFFER_CHUNK;
		if (exec(s, BS_ACHUNK_CLEAR, NULL, 0, NULL) != DB_OK ||
		    exec(s, BS_ACHUNK_FILL, DB_PARAMS(DB_INT((long long)volunteers),
		    DB_INT(HISTORY_S), DB_INT(first), DB_INT(first + n - 1)), NULL) != DB_OK ||
		    exec(s, BS_ALERTS_INSERT, NULL, 0, NULL) != DB_OK ||
		    exec(s, BS_ALERT_TARGETS_INSERT, NULL, 0, NULL) != DB_OK)
			return -1;
		arena_reset(&s->a);
	}
	say(s, t0, s->alerts, "alerts with their targets");
	return 0;
}

/* Daily events for the first --daily bench users; held mail. */
static int
seed_events(struct seed *s, const struct timespec *t0)
{
	if (s->daily > 0) {
		if ((unsigned long)s->daily > s->last_n) {
			fprintf(stderr, "burenhulpctl: seed-bench: --daily %ld but only "
			    "%lu bench users\n", s->daily, s->last_n);
			return -1;
		}
		if (exec(s, BS_DAILY_INSERT, DB_PARAMS(DB_INT(s->daily)), NULL) != DB_OK)
			return -1;
		say(s, t0, s->daily, "users with daily events");
	}
	if (s->mails > 0) {
		if (s->last_n == 0) {
			fprintf(stderr, "burenhulpctl: seed-bench: mail needs bench "
			    "users (--users)\n");
			return -1;
		}
		if (exec(s, BS_MCHUNK_CLEAR, NULL, 0, NULL) != DB_OK ||
		    exec(s, BS_MCHUNK_FILL, DB_PARAMS(DB_INT((long long)s->last_n),
		    DB_INT(1), DB_INT(s->mails)), NULL) != DB_OK ||
		    exec(s, BS_MAIL_EVENTS_INSERT, NULL, 0, NULL) != DB_OK ||
		    exec(s, BS_MAIL_OUTBOX_INSERT, NULL, 0, NULL) != DB_OK)
			return -1;
		say(s, t0, s->mails, "held mails (due in a day)");
	}
	return 0;
}

static int
prepare_scratch(struct seed *s)
{
	size_t i;

	if (exec(s, BS_FK_CHECKS_OFF, NULL, 0, NULL) != DB_OK ||
	    exec(s, BS_BENCH_USERS_CREATE, NULL, 0, NULL) != DB_OK ||
	    exec(s, BS_TEXTS_CREATE, NULL, 0, NULL) != DB_OK ||
	    exec(s, BS_CATS_CREATE, NULL, 0, NULL) != DB_OK ||
	    exec(s, BS_CATS_FILL, NULL, 0, NULL) != DB_OK ||
	    exec(s, BS_RCHUNK_CREATE, NULL, 0, NULL) != DB_OK ||
	    exec(s, BS_OCHUNK_CREATE, NULL, 0, NULL) != DB_OK ||
	    exec(s, BS_ACHUNK_CREATE, NULL, 0, NULL) != DB_OK ||
	    exec(s, BS_MCHUNK_CREATE, NULL, 0, NULL) != DB_OK)
		return -1;
	/* k counts the texts of a kind and category: 0, 1, 2. */
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		size_t j, k = 0;

		for (j = 0; j < i; j++)
			if (strcmp(texts[j].kind, texts[i].kind) == 0 &&
			    strcmp(texts[j].category, texts[i].category) == 0)
				k++;
		if (exec(s, BS_TEXT_INSERT, DB_PARAMS(DB_STR(texts[i].kind),
		    DB_STR(texts[i].category), DB_INT((long long)k),
		    DB_STR(texts[i].title), DB_STR(texts[i].description)), NULL) != DB_OK)
			return -1;
	}
	return 0;
}

static int
usage(void)
{
	fprintf(stderr, "usage: burenhulpctl seed-bench [--users N] [--requests N] "
	    "[--offers N] [--matches N] [--alerts N] [--daily N] [--mails N] "
	    "[--vacancies N] [--quiet] [--trace]\n"
	    "  adds N of each (defaults 100000, 1000000, 200000, 500000, 50000, 0, 0, 0)\n");
	return 2;
}

static bool
count_arg(const char *s, long *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < 0 || v > 100000000L)
		return false;
	*out = v;
	return true;
}

int
cmd_seed_bench(struct ctl *c, int argc, char **argv)
{
	struct seed s;
	struct db_rows rows;
	struct timespec t0;
	unsigned char seed_bytes[8];
	int i, rc = 1;

	memset(&s, 0, sizeof(s));
	s.c = c;
	s.users = 100000;
	s.requests = 1000000;
	s.offers = 200000;
	s.matches = 500000;
	s.alerts = 50000;
	for (i = 0; i < argc; i++) {
		long *target = NULL;

		if (strcmp(argv[i], "--quiet") == 0) {
			s.quiet = true;
			continue;
		}
		if (strcmp(argv[i], "--trace") == 0) {
			s.trace = true;
			continue;
		}
		if (strcmp(argv[i], "--users") == 0)
			target = &s.users;
		else if (strcmp(argv[i], "--requests") == 0)
			target = &s.requests;
		else if (strcmp(argv[i], "--offers") == 0)
			target = &s.offers;
		else if (strcmp(argv[i], "--matches") == 0)
			target = &s.matches;
		else if (strcmp(argv[i], "--alerts") == 0)
			target = &s.alerts;
		else if (strcmp(argv[i], "--daily") == 0)
			target = &s.daily;
		else if (strcmp(argv[i], "--mails") == 0)
			target = &s.mails;
		else if (strcmp(argv[i], "--vacancies") == 0)
			target = &s.vacancies;
		if (target == NULL || i + 1 >= argc || !count_arg(argv[i + 1], target))
			return usage();
		i++;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	randombytes_buf(seed_bytes, sizeof(seed_bytes));
	memcpy(&rng_state, seed_bytes, sizeof(rng_state));

	/* A connection of our own: the scratch tables are TEMPORARY, and the
	 * statements are this file's table, not ctl's. */
	if ((s.db = db_open(c->cfg, bench_stmts, BS__MAX)) == NULL) {
		fprintf(stderr, "burenhulpctl: seed-bench: cannot open the database\n");
		return 1;
	}
	if (prepare_scratch(&s) != 0 || read_counts(&s) != 0 || load_areas(&s) != 0)
		goto out;
	if (seed_users(&s, &t0) != 0 || read_counts(&s) != 0)
		goto out;
	if (seed_offers(&s, &t0, s.last_volunteer) != 0 ||
	    seed_requests(&s, &t0, s.last_poster, s.last_volunteer) != 0 ||
	    seed_alerts(&s, &t0, s.last_volunteer) != 0 ||
	    seed_vacancies(&s, &t0) != 0 ||
	    seed_events(&s, &t0) != 0)
		goto out;
	if (exec(&s, BS_ANALYZE, NULL, 0, NULL) != DB_OK ||
	    exec(&s, BS_COUNTS, NULL, 0, &rows) != DB_OK)
		goto out;
	printf("seed-bench: now %lld users, %lld requests (%lld open) in %lld areas, "
	    "%lld offers, %lld matches, %lld alerts (%lld targets); this run took "
	    "%.1f s\n",
	    db_int(&rows, 0, 0), db_int(&rows, 0, 1), db_int(&rows, 0, 2),
	    db_int(&rows, 0, 5), db_int(&rows, 0, 3), db_int(&rows, 0, 4),
	    db_int(&rows, 0, 6), db_int(&rows, 0, 7), seconds_since(&t0));
	rc = 0;
out:
	arena_reset(&s.a);
	free(s.areas);
	db_close(s.db);
	return rc;
}
