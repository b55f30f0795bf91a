-- What one POST /api/tickets sends to PostgreSQL (an inquiry or new-install request from the hotline, routed to the
-- customer's account manager), statement for statement, in the order the server sends them. Taken from the server's
-- statement log (log_statement = 'all') for one create; bench/tickets.mjs captures that log again on every run and
-- checks this script still has the same sequence of statements.
--
-- pgbench -M extended sends every variable as a bind parameter, as node-postgres does. Values the server computes
-- in JavaScript (ticket number, deadlines, the audit hash) are computed here in SQL at the same place; rows the
-- server reads and reuses (the customer, its account manager, the new ticket id, the audit chain's tail) are read
-- into variables with \gset. Ids and keys come from the sequence and from random numbers, so rows never collide.
-- The audit rows written here are not valid links of the hash chain: the bench database is disposable.
-- pgbench reads a colon followed by a letter as a variable, even inside a string: the constants below avoid that
-- (a space after a JSON colon, dashes in the SMS job's key, chr(58) in its dedupe key).
--
-- Variables from the runner: sid (the signed-in session), uid (agent01's user id), cmin/cmax (customer id range).
\set cid random(:cmin, :cmax)
\set k random(0, 1)
\set r random(1, 2000000000)

-- auth plugin: the session behind the cookie (platform/auth/session.store.ts)
select "s"."id" as "sid", "s"."csrf_token", "s"."expires_at", "s"."last_seen_at", "u"."id", "u"."username", "u"."display_name", "u"."role", "u"."org_id", "u"."org_path", "u"."customer_id", "u"."lang", "u"."status" from "sessions" as "s" inner join "users" as "u" on "u"."id" = "s"."user_id" where "s"."id" = :sid;

begin;
-- ticket.service.ts create: the customer, inside the actor's scope (the hotline sees the whole province)
select "c"."id", "c"."name", "c"."credit_code", "c"."level", "c"."industry", "c"."district_org_id", "o"."name" as "district_name", "c"."account_manager_id", "am"."display_name" as "account_manager_name", "c"."address", "c"."org_path", "c"."created_at", "c"."version" from "customers" as "c" left join "orgs" as "o" on "o"."id" = "c"."district_org_id" left join "users" as "am" on "am"."id" = "c"."account_manager_id" where "c"."org_path" like '/1/%' and "c"."id" = :cid \gset c_
select "settings" from "ticket_settings" where "id" = 'default';
-- an open duplicate inside the window (title, as there is no product instance)
select "id", "number" from "tickets" where "customer_id" = :cid and "type" = (case when :k = 0 then 'inquiry' else 'new_install' end) and "status" not in ('closed', 'cancelled') and "created_at" > now() - interval '30 days' and "duplicate_of" is null and "title" = '咨询云电脑资费 ' || :r::text order by "id" limit 1;
-- clockEnv: policies, calendar, settings
select "policy" from "sla_policies" order by "position";
select "calendar" from "business_calendars" where "id" = 'default';
select "settings" from "ticket_settings" where "id" = 'default';
select nextval('ticket_number_seq')::int as n \gset
insert into "tickets" ("number", "type", "customer_level", "business_category", "circuit_level", "priority", "channel", "status", "title", "description", "details", "customer_id", "org_path", "product_instance", "contact_name", "contact_phone", "created_by", "duplicate_of", "reclassified_from", "sla_policy_id") values ('GD' || to_char(now() at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad(:n::text, greatest(6, length(:n::text)), '0'), (case when :k = 0 then 'inquiry' else 'new_install' end), :c_level, null, null, 'normal', 'hotline', 'submitted', '咨询云电脑资费 ' || :r::text, '客户来电咨询云电脑套餐资费与开通周期', (case when :k = 0 then '{}' else '{"productName": "商务宽带 300M", "installAddress": "上海市浦东新区张江路 1388 号 5 号楼"}' end)::jsonb, :cid, :c_org_path, null, '郑晓东', '13916000002', :uid, null, null, 'request.default') returning "id", "number" \gset t_
insert into "ticket_events" ("ticket_id", "actor_id", "actor_name", "actor_role", "action", "to_status", "note", "data") values (:t_id, :uid, '孙佳怡', 'hotline_agent', 'submit', 'submitted', '咨询云电脑资费 ' || :r::text, '{"type": "inquiry", "channel": "hotline"}');
-- startClocksOnEnter('submitted')
select "stage" from "ticket_stage_clocks" where "ticket_id" = :t_id and "ended_at" is null;
insert into "ticket_stage_clocks" ("ticket_id", "stage", "org_id", "user_id", "policy_id", "sla_limit", "started_at", "deadline", "warn_at") values (:t_id, 'dispatch', null, null, 'request.default', '{"unit": "minutes", "clock": "business", "amount": 15}', now(), now() + interval '15 minutes', now() + interval '12 minutes');
insert into "ticket_stage_clocks" ("ticket_id", "stage", "org_id", "user_id", "policy_id", "sla_limit", "started_at", "deadline", "warn_at") values (:t_id, 'feedback', null, null, 'request.default', '{"unit": "working_days", "clock": "business", "amount": 1}', now(), now() + interval '1 day', now() + interval '19 hours');
insert into "ticket_stage_clocks" ("ticket_id", "stage", "org_id", "user_id", "policy_id", "sla_limit", "started_at", "deadline", "warn_at") values (:t_id, 'resolve', null, null, 'request.default', '{"unit": "working_days", "clock": "business", "amount": 3}', now(), now() + interval '3 days', now() + interval '58 hours');
-- routeTicket: the rules, then the customer's account manager
select * from "ticket_routing_rules" where "active" = true order by "position", "id";
select "id", "org_id", "org_path" from "users" where "id" = :c_account_manager_id and "status" = 'active' and "org_id" is not null \gset u_
select "t".*, "c"."name" as "customer_name", "ao"."name" as "assignee_org_name", "au"."display_name" as "assignee_user_name" from "tickets" as "t" inner join "customers" as "c" on "c"."id" = "t"."customer_id" left join "orgs" as "ao" on "ao"."id" = "t"."assignee_org_id" left join "users" as "au" on "au"."id" = "t"."assignee_user_id" where "t"."id" = :t_id for update of "t";
-- ticket-actions.ts applyDispatch
update "tickets" set "status" = 'dispatched', "assignee_org_id" = :u_org_id, "assignee_org_path" = :u_org_path, "assignee_user_id" = :u_id, "dispatched_by" = null, "updated_at" = now() where "id" = :t_id;
update "ticket_stage_clocks" set "ended_at" = now(), "breached" = deadline < now() where "ticket_id" = :t_id and "ended_at" is null and "stage" in ('dispatch') returning "stage";
update "ticket_stage_clocks" set "ended_at" = now(), "breached" = deadline < now() where "ticket_id" = :t_id and "ended_at" is null and "stage" = 'accept';
select "stage" from "ticket_stage_clocks" where "ticket_id" = :t_id and "ended_at" is null;
insert into "ticket_stage_clocks" ("ticket_id", "stage", "org_id", "user_id", "policy_id", "sla_limit", "started_at", "deadline", "warn_at") values (:t_id, 'accept', :u_org_id, :u_id, 'request.default', '{"unit": "minutes", "clock": "business", "amount": 30}', now(), now() + interval '30 minutes', now() + interval '24 minutes');
select "name" from "orgs" where "id" = :u_org_id;
select "display_name", "phone" from "users" where "id" = :u_id;
insert into "ticket_events" ("ticket_id", "actor_id", "actor_name", "actor_role", "action", "from_status", "to_status", "note", "data") values (:t_id, null, '系统', 'system', 'dispatch', 'submitted', 'dispatched', '按规则「业务办理交客户经理」自动派单', '{"orgId": 8, "userId": 17, "orgName": "张江政企客户经理组", "userName": "马宇"}');
select "deadline" from "ticket_stage_clocks" where "ticket_id" = :t_id and "stage" = 'accept' and "ended_at" is null;
-- the in-app notification and its live event, the SMS job and its wake-up
insert into "notifications" ("user_id", "kind", "title", "body", "link") values (:u_id, 'ticket.dispatched', '新工单 ' || :t_number, '上海江海能源集团有限公司：咨询云电脑资费', '/tickets/' || :t_id::text) returning "id", "user_id", "kind", "title", "body", "link", "read_at", "created_at";
select pg_notify('paidan_events', '{"topic":"notification","userIds":[17],"data":{"id":92,"kind":"ticket.dispatched","title":"新工单 GD20261122000062","body":"上海江海能源集团有限公司：咨询云电脑资费 1795324427572-1","link":"/tickets/62","readAt": null,"createdAt":"2026-11-22T05:13:47.579Z"}}');
insert into "jobs" ("type", "payload", "dedupe_key", "run_at") values ('sms.send', '{"key": "ticket-62-dispatch-1795324427598", "body": "【政企派单】新工单 GD20261122000062「咨询云电脑资费 1795324427572-1」（上海江海能源集团有限公司）已派给您，请在 11-23 09:00 前接单。", "phone": "13699384896", "params": {"title": "咨询云电脑资费 1795324427572-1", "number": "GD20261122000062", "customer": "上海江海能源集团有限公司", "deadline": "11-23 09:00"}, "template": "ticket_dispatched_staff"}', concat_ws(chr(58), 'ticket', :t_id::text, 'dispatch', :r::text), now()) on conflict ("dedupe_key") do nothing returning "id";
select pg_notify('paidan_jobs', '""');
-- refreshTicketSla (ticket-clock.ts): the ticket's derived SLA columns and its row in ticket_sla_checks
with x as materialized (
      select tk.id, a.stage, a.deadline, a.next_check, coalesce(a.level, 0) as level,
        coalesce(a.any_paused, false) as any_paused
      from unnest(array[:t_id]::bigint[]) as tk(id)
      cross join lateral (
        select
          (array_agg(c.stage order by c.deadline) filter (where c.live))[1] as stage,
          min(c.deadline) filter (where c.live) as deadline,
          min(case when c.warned_at is null and c.warn_at < c.deadline then c.warn_at
                   else c.deadline + make_interval(mins => ('{0,120,240}'::int[])[c.escalation_level + 1]) end)
            filter (where c.live) as next_check,
          max(c.escalation_level) as level,
          bool_or(not c.live) as any_paused
        from (
          select c.stage, c.deadline, c.warn_at, c.warned_at, c.escalation_level,
            not jsonb_path_exists(c.pauses, '$[*] ? (@.to == null)') as live
          from ticket_stage_clocks c
          where c.ticket_id = tk.id and c.ended_at is null
        ) c
      ) a
    ),
    tickets_changed as (
      update tickets t set
        stage = x.stage,
        stage_deadline = x.deadline,
        escalation_level = greatest(t.escalation_level, x.level),
        paused_at = case when x.any_paused then coalesce(t.paused_at, now()) else null end
      from x
      where t.id = x.id
        and (t.stage is distinct from x.stage
          or t.stage_deadline is distinct from x.deadline
          or t.escalation_level < x.level
          or (t.paused_at is not null) <> x.any_paused)
    ),
    checks_ended as (
      delete from ticket_sla_checks s using x where s.ticket_id = x.id and x.next_check is null
    ),
    checks_set as (
      insert into ticket_sla_checks (ticket_id, next_check_at)
      select x.id, x.next_check from x where x.next_check is not null
      on conflict (ticket_id) do update set next_check_at = excluded.next_check_at
        where ticket_sla_checks.next_check_at <> excluded.next_check_at
    )
    select count(*) from x;
-- detail(tx, null, id): the ticket, timeline, clocks, attachments, copies
select "t".*, "c"."name" as "customer_name", "ao"."name" as "assignee_org_name", "au"."display_name" as "assignee_user_name" from "tickets" as "t" inner join "customers" as "c" on "c"."id" = "t"."customer_id" left join "orgs" as "ao" on "ao"."id" = "t"."assignee_org_id" left join "users" as "au" on "au"."id" = "t"."assignee_user_id" where "t"."id" = :t_id;
select * from "ticket_events" where "ticket_id" = :t_id order by "id";
select * from "ticket_stage_clocks" where "ticket_id" = :t_id order by "id";
select "id", "file_name", "mime_type", "size_bytes", "created_at" from "ticket_attachments" where "ticket_id" = :t_id order by "id";
select "o"."id", "o"."name" from "ticket_copies" as "tc" inner join "orgs" as "o" on "o"."id" = "tc"."org_id" where "tc"."ticket_id" = :t_id;
-- recordAudit (platform/audit/audit.service.ts): the chain lock, its tail, the new link
select pg_advisory_xact_lock(727002);
select "seq", "hash" from "audit_events" order by "seq" desc limit 1 \gset a_
insert into "audit_events" ("seq", "occurred_at", "actor_id", "actor_name", "action", "entity_type", "entity_id", "ip", "user_agent", "request_id", "before", "after", "prev_hash", "hash") values (:a_seq::bigint + 1, now(), :uid, '孙佳怡', 'ticket.created', 'ticket', :t_id::text, '127.0.0.1', 'pgbench', null, null, '{"type": "inquiry", "number": "GD20261122000062", "customerId": 6, "contactPhone": "139****0002", "assigneeOrgId": 8}', :a_hash, md5(:r::text) || md5(:t_id::text));
select pg_notify('paidan_events', '{"topic":"ticket.changed","data":{"id":62,"orgPath":"/1/2/7/","assigneeOrgPath":"/1/2/7/8/","customerId":6,"userIds":[5,17]}}');
commit;

-- after the commit, the answer: detail(db, actor, id) with the actor's scope (four reads run in parallel there)
select "t".*, "c"."name" as "customer_name", "ao"."name" as "assignee_org_name", "au"."display_name" as "assignee_user_name" from "tickets" as "t" inner join "customers" as "c" on "c"."id" = "t"."customer_id" left join "orgs" as "ao" on "ao"."id" = "t"."assignee_org_id" left join "users" as "au" on "au"."id" = "t"."assignee_user_id" where "t"."id" = :t_id and ("t"."org_path" like '/1/%' or "t"."assignee_org_path" like '/1/%' or "t"."created_by" = :uid or exists (select "tc"."ticket_id" from "ticket_copies" as "tc" where "tc"."ticket_id" = "t"."id" and "tc"."org_path" like '/1/%'));
select * from "ticket_events" where "ticket_id" = :t_id order by "id";
select * from "ticket_stage_clocks" where "ticket_id" = :t_id order by "id";
select "id", "file_name", "mime_type", "size_bytes", "created_at" from "ticket_attachments" where "ticket_id" = :t_id order by "id";
select "o"."id", "o"."name" from "ticket_copies" as "tc" inner join "orgs" as "o" on "o"."id" = "tc"."org_id" where "tc"."ticket_id" = :t_id;
