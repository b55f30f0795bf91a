-- What one authenticated GET /api/me sends to PostgreSQL, as Kysely compiles it (checked against the
-- server's statements with log_statement = 'all'). pgbench -M extended sends :sid and :uid as bind
-- parameters, the way node-postgres does. The sliding-expiry UPDATE runs at most once a minute per
-- session, so it is left out.

-- 1. auth plugin: the session behind the cookie, with its user (platform/auth/session.store.ts, findSession)
select "s"."id" as "sid", "s"."csrf_token", "s"."expires_at", "s"."last_seen_at", "u"."id", "u"."username", "u"."display_name", "u"."role", "u"."org_id", "u"."org_path", "u"."customer_id", "u"."lang", "u"."status"
  from "sessions" as "s" inner join "users" as "u" on "u"."id" = "s"."user_id"
  where "s"."id" = :sid;

-- 2. the profile (modules/auth/auth.repo.ts, me)
select "u"."id", "u"."username", "u"."display_name", "u"."role", "u"."org_id", "o"."name" as "org_name", "u"."customer_id", "c"."name" as "customer_name", "u"."phone", "u"."lang", "u"."password_hash"
  from "users" as "u" left join "orgs" as "o" on "o"."id" = "u"."org_id" left join "customers" as "c" on "c"."id" = "u"."customer_id"
  where "u"."id" = :uid;
