-- Bulk ticket generator for the ticket benchmarks (bench/tickets.mjs): :n open tickets with their SLA stage
-- clocks, spread over the seeded demo customers, districts, teams and people, built with generate_series.
--
--   psql -v n=1000000 -v due_every=100 -f bench/sql/ticket-data.sql <url>
--
-- Every generated ticket is open (submitted … resolved) and carries the clocks its status implies: ended ones
-- for stages already met, running ones with stored deadline and warning time, a paused resolve clock while it
-- waits for the customer. The rows are what the running system would hold if the SLA sweep had run at :t0 (the
-- moment of generation, kept in bench_ticket_meta): warnings sent, escalation rungs fired, so no row is due at
-- :t0 — except every :due_every-th ticket, whose resolve clock is left due (about 60 % for its warning, 40 % for
-- the first escalation rung). bench/sql/ticket-sweep-prime.sql restores exactly that state before each sweep.
--
-- Stage, stage_deadline, escalation_level and paused_at on the ticket, and its next check time in ticket_sla_checks,
-- are derived from its running clocks with the same rules as refreshTicketsSla (ticket-clock.ts). Deadlines are plain elapsed time
-- (the business calendar is not applied); the limits and priority factors are the demo defaults.
\set ON_ERROR_STOP on
set client_min_messages = warning;
-- Foreign keys are not re-checked row by row during the load: every reference below comes from the seeded rows.
set session_replication_role = replica;
set synchronous_commit = off;
set work_mem = '256MB';
set maintenance_work_mem = '512MB';
set max_parallel_workers_per_gather = 0;
set enable_nestloop = off;
select setseed(0.20261122) as seeded \gset

create table if not exists bench_ticket_meta (
  t0         timestamptz not null,
  first_id   bigint not null,
  last_id    bigint not null,
  n          integer not null,
  due_every  integer not null,
  loaded_at  timestamptz not null default now()
);

begin;
select now() as t0, coalesce(max(id), 0) + 1 as first_id from tickets \gset

-- The demo organisation, people and customers the tickets are spread over.
create temp table b_cust as
  select row_number() over (order by c.id) as rn, c.id, c.level, c.org_path, c.district_org_id,
         c.account_manager_id, am.org_id as am_org, am.org_path as am_path, cc.name as contact, cc.phone
  from customers c
  left join users am on am.id = c.account_manager_id
  left join lateral (select name, phone from customer_contacts x where x.customer_id = c.id order by is_primary desc, id limit 1) cc on true;
select count(*) as ncust from b_cust \gset

create temp table b_dist as
  select d.id as district_id, dsp.id as dsp_org, dsp.path as dsp_path, fld.id as fld_org, fld.path as fld_path,
         (select min(u.id) from users u where u.org_id = dsp.id and u.status = 'active') as dsp_user,
         (select array_agg(u.id order by u.id) from users u where u.org_id = fld.id and u.status = 'active') as fld_users
  from orgs d
  join orgs dsp on dsp.parent_id = d.id and dsp.function = 'dispatch'
  join orgs fld on fld.parent_id = d.id and fld.function = 'field'
  where d.type = 'district';

select o.id as noc_org, o.path as noc_path, (select min(u.id) from users u where u.org_id = o.id) as noc_user
  from orgs o where o.function = 'monitoring' order by o.id limit 1 \gset
select array_agg(id order by id) as agents from users where role = 'hotline_agent' and status = 'active' \gset

-- One row per ticket: who, what, how urgent, where it stands, since when, and with whom.
create temp table b_gen as
with r as (
  select g, random() as r_cust, random() as r_type, random() as r_status, random() as r_prio, random() as r_age,
         random() as r_cat, random() as r_circ, random() as r_due, random() as r_chan, random() as r_title, random() as r_fb
  from generate_series(1, :n) as g
), a as (
  select r.*,
    (g % :due_every = 0) as due,
    case when r_type < 0.30 then 'fault' when r_type < 0.40 then 'terminal_repair' when r_type < 0.55 then 'inquiry'
         when r_type < 0.68 then 'new_install' when r_type < 0.82 then 'product_change' when r_type < 0.93 then 'complaint'
         else 'suggestion' end as type,
    case when r_prio < 0.02 then 'low' when r_prio < 0.72 then 'normal' when r_prio < 0.92 then 'high' else 'urgent' end as priority,
    case when r_status < 0.02 then 'submitted' when r_status < 0.24 then 'dispatched' when r_status < 0.42 then 'accepted'
         when r_status < 0.80 then 'in_progress' when r_status < 0.88 then 'pending_customer' else 'resolved' end as status0
  from r
), b as (
  select a.*,
    -- a due ticket is one being worked on, so its resolve clock runs
    case when due and status0 not in ('dispatched', 'accepted', 'in_progress') then 'in_progress' else status0 end as status,
    type in ('fault', 'terminal_repair') as fault,
    case priority when 'high' then 0.75 when 'urgent' then 0.5 else 1 end as f,
    case when type <> 'fault' then null
         when r_cat < 0.40 then 'broadband' when r_cat < 0.70 then 'dedicated_line' when r_cat < 0.80 then 'virtual_network'
         when r_cat < 0.85 then 'number_4008' when r_cat < 0.95 then 'industry_app' else 'ict' end as category,
    case when r_circ < 0.10 then 'AAA' when r_circ < 0.30 then 'AA' when r_circ < 0.60 then 'A' else 'normal' end as circuit
  from a
), c as (
  select b.*, cu.id as customer_id, cu.level, cu.org_path, cu.district_org_id, cu.account_manager_id, cu.am_org, cu.am_path,
         cu.contact, cu.phone,
    case when not fault then 'request.default'
         when category = 'dedicated_line' then 'fault.dedicated_line.' || circuit
         when category = 'virtual_network' then 'fault.virtual_network.' || cu.level
         when category = 'number_4008' then 'fault.number_4008.' || cu.level
         when category in ('industry_app', 'ict') then 'fault.' || category
         else 'fault.default' end as policy_id,
    -- resolve limit in minutes before the priority factor (3 working days read as 3 days)
    case when not fault then 4320
         when category = 'dedicated_line' then 60 * (case circuit when 'AAA' then 4 when 'AA' then 6 when 'A' then 8 else 24 end)
         when category = 'virtual_network' then 60 * (case when cu.level in ('group', 'province') then 20 when cu.level = 'local_a' then 24 else 48 end)
         when category = 'number_4008' then 60 * (case when cu.level in ('local_b', 'local_c') then 24 else 12 end)
         else 2880 end as resolve_min
  from b
  join b_cust cu on cu.rn = 1 + least(:ncust - 1, floor(:ncust * power(b.r_cust, 1.5))::int)
), d as (
  select c.*, resolve_min * f as resolve_budget,
    -- minutes since submission; due tickets sit in the warning window (60 %) or just past the deadline (40 %)
    case when due and r_due < 0.6 then resolve_min * f * (0.8 + 0.19 * r_age)
         when due then resolve_min * f + 1 + 100 * r_age
         else case status
           when 'submitted' then 1 + 120 * r_age * r_age
           when 'dispatched' then 1 + 600 * r_age * r_age
           when 'accepted' then 30 + 2880 * r_age * r_age
           when 'in_progress' then 60 + 7200 * r_age * r_age
           when 'pending_customer' then 120 + 14400 * r_age * r_age
           else 90 + 3600 * r_age + 4000 * r_age * r_age end
    end as age_min
  from c
)
select d.g, :first_id::bigint + d.g - 1 as id, d.due, d.type, d.priority, d.status, d.fault, d.f, d.category,
  case when d.category = 'dedicated_line' then d.circuit end as circuit_level,
  d.customer_id, d.level, d.org_path, d.contact, d.phone, d.policy_id, d.resolve_min, d.resolve_budget,
  case when d.fault then 'minutes' else 'working_days' end as resolve_unit,
  case when d.fault then d.resolve_min / 60.0 else 3 end as resolve_amount,
  case when d.type = 'fault' and d.r_chan < 0.15 then 'monitoring' when d.r_chan < 0.70 then 'hotline' else 'account_manager' end as channel,
  case when d.type = 'fault' and d.r_chan < 0.15 then :noc_user
       when d.r_chan < 0.70 then (:'agents'::int[])[1 + (d.g % cardinality(:'agents'::int[]))]
       else d.account_manager_id end as created_by,
  case d.type
    when 'fault' then (array['专线中断', '宽带频繁掉线', '虚拟网分机无法外呼', '4008 热线呼入无声', '专线时延高丢包', '云眼画面离线'])[1 + floor(d.r_title * 6)::int]
    when 'terminal_repair' then (array['前台话机无拨号音', '光猫指示灯异常', '会议电话无法接通'])[1 + floor(d.r_title * 3)::int]
    when 'inquiry' then (array['咨询云电脑资费', '咨询发票开具方式', '咨询专线续约优惠'])[1 + floor(d.r_title * 3)::int]
    when 'new_install' then (array['新办公点开通商务宽带', '新增一条 IPRAN 互联网专线', '门店开通天翼云眼监控'])[1 + floor(d.r_title * 3)::int]
    when 'product_change' then (array['专线带宽 20M 升级到 50M', '宽带提速至 500M', '总机增加 10 个分机'])[1 + floor(d.r_title * 3)::int]
    when 'complaint' then (array['装机人员未按约上门', '故障处理太慢', '账单金额有误'])[1 + floor(d.r_title * 3)::int]
    else '建议增加微信进度提醒' end as title,
  -- the routing the demo rules would have made (demo-tickets-config.ts)
  case when d.status = 'submitted' then null when d.fault and d.type = 'fault' then :noc_org
       when d.type = 'terminal_repair' then ds.fld_org when d.type = 'complaint' then ds.dsp_org else d.am_org end as assignee_org_id,
  case when d.status = 'submitted' then null when d.fault and d.type = 'fault' then :'noc_path'
       when d.type = 'terminal_repair' then ds.fld_path when d.type = 'complaint' then ds.dsp_path else d.am_path end as assignee_org_path,
  case when d.status = 'submitted' then null
       when d.type = 'fault' then (case when d.status = 'dispatched' then null else :noc_user end)
       when d.type = 'terminal_repair' then ds.fld_users[1 + (d.g % cardinality(ds.fld_users))]
       when d.type = 'complaint' then ds.dsp_user else d.account_manager_id end as assignee_user_id,
  d.r_fb,
  :'t0'::timestamptz - make_interval(secs => d.age_min * 60) as created_at,
  d.age_min
from d
left join b_dist ds on ds.district_id = d.district_org_id;

-- When each step happened (all before :t0).
create temp table b_steps as
select id,
  created_at + interval '40 seconds' as dispatched_at,
  least(created_at + interval '40 seconds' + make_interval(secs => 60 * 30 * f * (0.2 + 1.1 * r_fb)), :'t0'::timestamptz - interval '1 minute') as accepted_at,
  -- resolved tickets were resolved up to 70 hours ago (the 72-hour auto-close has not come for any of them)
  :'t0'::timestamptz - make_interval(secs => 60 * least(age_min - 60, 4200) * r_fb) as resolved_at,
  :'t0'::timestamptz - make_interval(secs => 60 * (age_min - 60) * r_fb * 0.5) as paused_from
from b_gen;

-- Clocks: one row per stage the ticket went through, with its limit, deadline and warning time.
create temp table b_clk as
with s as (
  select t.id as ticket_id, t.due, t.status, t.policy_id, t.assignee_org_id, t.assignee_user_id, st.paused_from as t_paused_from, x.*
  from b_gen t
  join b_steps st on st.id = t.id
  cross join lateral (values
    ('dispatch', true, t.status = 'submitted', false, t.created_at, st.dispatched_at, 15 * t.f,
       jsonb_build_object('amount', 15 * t.f, 'unit', 'minutes', 'clock', case when t.fault then '24x7' else 'business' end)),
    ('accept', t.status <> 'submitted', t.status = 'dispatched', false, st.dispatched_at, st.accepted_at, 30 * t.f,
       jsonb_build_object('amount', 30 * t.f, 'unit', 'minutes', 'clock', case when t.fault then '24x7' else 'business' end)),
    ('feedback', not t.fault,
       t.status in ('submitted', 'dispatched', 'accepted') or (t.status = 'in_progress' and t.r_fb < 0.5), false,
       t.created_at, st.accepted_at + interval '20 minutes', 1440 * t.f,
       jsonb_build_object('amount', 1 * t.f, 'unit', 'working_days', 'clock', 'business')),
    ('resolve', true, t.status <> 'resolved', t.status = 'pending_customer', t.created_at, st.resolved_at, t.resolve_budget,
       jsonb_build_object('amount', t.resolve_amount * t.f, 'unit', t.resolve_unit, 'clock', case when t.fault then '24x7' else 'business' end)),
    ('recovery_confirm', t.fault and t.status = 'resolved', t.status = 'resolved', false, st.resolved_at, null::timestamptz, 15 * t.f,
       jsonb_build_object('amount', 15 * t.f, 'unit', 'minutes', 'clock', '24x7'))
  ) as x(stage, applies, running, paused, started_at, ended_at0, budget_min, sla_limit)
  where x.applies
), k as (
  select s.*,
    s.started_at + make_interval(secs => 60 * s.budget_min) as deadline,
    s.started_at + make_interval(secs => 60 * s.budget_min * 0.8) as warn_at,
    case when s.running then null else least(s.ended_at0, :'t0'::timestamptz) end as ended_at,
    case when s.paused then s.t_paused_from end as paused_from
  from s
)
select k.ticket_id, k.stage, k.policy_id, k.sla_limit, k.started_at, k.deadline, k.warn_at, k.ended_at, k.running, k.paused,
  k.paused_from,
  -- as startClocksOnEnter does: only the accept clock is started with a holder
  case when k.stage = 'accept' then k.assignee_org_id end as org_id,
  case when k.stage = 'accept' then k.assignee_user_id end as user_id,
  -- what the sweep has already done by :t0 (by the end, for a met clock); the due tickets' resolve clock is left due
  case when k.due and k.stage = 'resolve' then (case when k.deadline > :'t0' then null else k.warn_at + interval '30 seconds' end)
       when k.warn_at <= coalesce(k.ended_at, k.paused_from, :'t0') then least(k.warn_at + interval '30 seconds', coalesce(k.ended_at, k.paused_from, :'t0'))
  end as warned_at,
  case when k.due and k.stage = 'resolve' then 0
       else (case when coalesce(k.ended_at, k.paused_from, :'t0') <= k.deadline then 0
                  when coalesce(k.ended_at, k.paused_from, :'t0') < k.deadline + interval '120 minutes' then 1
                  when coalesce(k.ended_at, k.paused_from, :'t0') < k.deadline + interval '240 minutes' then 2 else 3 end)
  end as escalation_level,
  case when k.ended_at is not null then k.ended_at > k.deadline end as breached
from k;

-- The ticket row carries its most urgent live clock (refreshTicketsSla's rules).
create temp table b_agg as
select ticket_id,
  (array_agg(stage order by deadline) filter (where live))[1] as stage,
  min(deadline) filter (where live) as stage_deadline,
  min(case when warned_at is null and warn_at < deadline then warn_at
           else deadline + make_interval(mins => (array[0, 120, 240])[escalation_level + 1]) end) filter (where live) as next_check,
  coalesce(max(escalation_level), 0) as escalation_level,
  min(paused_from) filter (where paused) as paused_at
from (select *, running and not paused as live from b_clk where running) x
group by ticket_id;

-- Loading is faster without the secondary indexes: drop them here and build them again from their own definitions
-- below, all in this one transaction (a failed load leaves the schema as it was).
create temp table b_idx as
  select indexrelid::regclass::text as name, pg_get_indexdef(indexrelid) as def
  from pg_index i
  where indrelid in ('tickets'::regclass, 'ticket_stage_clocks'::regclass, 'ticket_sla_checks'::regclass)
    and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid);
select format('drop index %s', name) from b_idx \gexec

insert into tickets (id, number, type, channel, status, priority, title, description, details, customer_id, customer_level,
  org_path, business_category, circuit_level, product_instance, contact_name, contact_phone, created_by,
  assignee_org_id, assignee_org_path, assignee_user_id, resolved_org_id, resolved_user_id, sla_policy_id,
  stage, stage_deadline, paused_at, escalation_level, resolution, created_at, updated_at, resolved_at, version)
select t.id,
  'GD' || to_char(t.created_at at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad(t.n::text, greatest(6, length(t.n::text)), '0'),
  t.type, t.channel, t.status, t.priority, t.title, '', '{}', t.customer_id, t.level, t.org_path, t.category, t.circuit_level,
  null, coalesce(t.contact, '联系人'), coalesce(t.phone, '13800000000'), t.created_by,
  t.assignee_org_id, t.assignee_org_path, t.assignee_user_id,
  case when t.status = 'resolved' then t.assignee_org_id end, case when t.status = 'resolved' then t.assignee_user_id end,
  t.policy_id, ag.stage, ag.stage_deadline, ag.paused_at, coalesce(ag.escalation_level, 0),
  case when t.status = 'resolved' then '已处理完毕，待客户确认' end,
  t.created_at,
  case t.status when 'submitted' then t.created_at when 'dispatched' then st.dispatched_at when 'resolved' then st.resolved_at
                when 'pending_customer' then st.paused_from else st.accepted_at end,
  case when t.status = 'resolved' then st.resolved_at end,
  case t.status when 'submitted' then 1 when 'dispatched' then 2 when 'accepted' then 3 when 'in_progress' then 4 else 5 end
from (select b_gen.*, nextval('ticket_number_seq') as n from b_gen order by id) t
join b_steps st on st.id = t.id
left join b_agg ag on ag.ticket_id = t.id
order by t.id;

insert into ticket_stage_clocks (ticket_id, stage, org_id, user_id, policy_id, sla_limit, started_at, deadline, warn_at,
  pauses, warned_at, escalation_level, ended_at, breached)
select ticket_id, stage, org_id, user_id, policy_id, sla_limit, started_at, deadline, warn_at,
  case when paused then jsonb_build_array(jsonb_build_object('from', paused_from, 'to', null)) else '[]'::jsonb end,
  warned_at, escalation_level, ended_at, breached
from b_clk
order by ticket_id, started_at;

-- The sweep's work list: every ticket with a live clock has its next check time.
insert into ticket_sla_checks (ticket_id, next_check_at)
select ticket_id, next_check from b_agg where next_check is not null order by ticket_id;

select def from b_idx \gexec

-- New tickets from the server must not collide with the generated ids.
select setval(pg_get_serial_sequence('tickets', 'id'), greatest(:first_id + :n - 1, (select max(id) from tickets))) as id_seq \gset

insert into bench_ticket_meta (t0, first_id, last_id, n, due_every) values (:'t0', :first_id, :first_id + :n - 1, :n, :due_every);
commit;
