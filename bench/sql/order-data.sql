-- The order data set of bench/orders.mjs: :n orders across the seeded enterprises in one transaction. Every 40th
-- belongs to the enterprise :cust that looks them up, and those are whole orders as placing and progressing them
-- leaves them: an item, a service order, four work orders (review, resource, install, billing) assigned to the
-- district's teams, and a timeline with one entry per stage reached. Stages cycle through 受理, 资源调配, 施工, 起租.
-- bench_order_meta records the generation, so BENCH_REUSE=1 can tell the data is there.
\set ON_ERROR_STOP on
set client_min_messages = warning;
begin;

-- every enterprise certified: only certified ones order
update customers set certification_status = 'certified';

create temporary table gen_stage (k int primary key, state text, stage text, idx int) on commit drop;
insert into gen_stage values
  (0, 'acknowledged', 'accepted', 0),
  (1, 'in_progress', 'resourcing', 1),
  (2, 'completed', 'billing_started', 4),
  (3, 'in_progress', 'installing', 2);

insert into orders (number, channel, state, stage, stage_entered_at, stage_deadline, customer_id, district_org_id,
                    org_path, title, contact_name, contact_phone, install_address, total_one_time_fen,
                    total_monthly_fen, created_by, created_at, completed_at)
select 'SB' || lpad(g::text, 10, '0'), 'shop', s.state, s.stage,
       now() - (g % 720) * interval '1 hour' + s.idx * interval '20 minutes',
       case when s.stage = 'billing_started' then null else now() + interval '4 hours' end,
       case when g % 40 = 0 then me.id else c.id end,
       case when g % 40 = 0 then me.district_org_id else c.district_org_id end,
       case when g % 40 = 0 then me.org_path else c.org_path end, '商务宽带（商务宽带 100M 包月）',
       '郑晓东', '13916000002', '上海市浦东新区张江路 1388 号', 0, 19900,
       case when g % 40 = 0 then mu.id end,
       now() - (g % 720) * interval '1 hour',
       case when s.stage = 'billing_started' then now() - (g % 720) * interval '1 hour' + interval '80 minutes' end
  from generate_series(1, :n) g
  join gen_stage s on s.k = (g + g / 40) % 4
  join (select (row_number() over (order by id) - 1)::int as k, id, district_org_id, org_path from customers) c
    on c.k = g % (select count(*) from customers)::int
  join customers me on me.id = :cust
  left join lateral (select id from users where customer_id = :cust order by id limit 1) mu on true;

-- the looked-up enterprise's orders, whole
create temporary table gen_mine on commit drop as
select o.id, o.number, o.created_at, o.district_org_id, s.idx,
       (select id from orgs where parent_id = o.district_org_id and "function" = 'account' order by id limit 1) as account_team,
       (select id from orgs where parent_id = o.district_org_id and "function" = 'dispatch' order by id limit 1) as dispatch_team,
       (select id from orgs where parent_id = o.district_org_id and "function" = 'field' order by id limit 1) as field_team
  from orders o
  join gen_stage s on s.stage = o.stage
 where o.customer_id = :cust and o.number like 'SB%';

insert into order_items (order_id, offer_id, product_id, product_code, product_name, offer_name, quantity,
                         one_time_fen, monthly_fen)
select m.id, f.id, p.id, p.code, p.name, f.name, 1, 0, 19900
  from gen_mine m
  cross join product_offers f
  join products p on p.id = f.product_id
 where f.code = 'BIZ_BB_100' and f.status = 'published';

insert into service_orders (order_id, order_item_id, number, product_name, end_label, state, created_at)
select m.id, i.id, m.number || '-S01', i.product_name, '本端', case when m.idx = 4 then 'done' else 'open' end,
       m.created_at
  from gen_mine m
  join order_items i on i.order_id = m.id;

-- task t (0 review … 3 billing) is done below the order's stage, ready at it, waiting above it
insert into order_work_orders (order_id, service_order_id, number, task, state, assignee_org_id, assignee_org_path,
                               started_at, done_at, result, created_at)
select m.id, case when t.t in (1, 2) then so.id end, m.number || '-W0' || (t.t + 1), t.task,
       case when t.t < m.idx then 'done' when t.t = m.idx then 'ready' else 'waiting' end,
       g.id, g.path,
       case when t.t < m.idx then m.created_at + t.t * interval '20 minutes' end,
       case when t.t < m.idx then m.created_at + (t.t + 1) * interval '20 minutes' end,
       case when t.t < m.idx then '完成' end,
       m.created_at
  from gen_mine m
  join service_orders so on so.order_id = m.id
  cross join (values (0, 'review'), (1, 'resource'), (2, 'install'), (3, 'billing')) t(t, task)
  join orgs g on g.id = case t.t when 0 then m.account_team when 1 then m.dispatch_team
                                 when 2 then m.field_team else m.account_team end;

insert into order_events (order_id, kind, from_state, to_state, from_stage, to_stage, note, actor_id, actor_name,
                          created_at)
select m.id, 'created', null::text, 'acknowledged', null::text, 'accepted', '企业在线下单', null::integer, '郑晓东',
       m.created_at
  from gen_mine m
union all
select m.id, 'stage', case when k.idx = 1 then 'acknowledged' else 'in_progress' end,
       case when k.idx = 4 then 'completed' else 'in_progress' end,
       (array['accepted', 'resourcing', 'installing', 'completed'])[k.idx], k.stage, '上一环节完成', null::integer, '系统',
       m.created_at + k.idx * interval '20 minutes'
  from gen_mine m
  join (values (1, 'resourcing'), (2, 'installing'), (3, 'completed'), (4, 'billing_started')) k(idx, stage)
    on k.idx <= m.idx;

create table if not exists bench_order_meta (
  n          integer not null,
  customer   integer not null,
  loaded_at  timestamptz not null default now()
);
insert into bench_order_meta (n, customer) values (:n, :cust);
commit;

analyze orders;
analyze order_items;
analyze service_orders;
analyze order_work_orders;
analyze order_events;
