-- Puts the generated tickets back into the state bench/sql/ticket-data.sql left them in, so that exactly :due tickets
-- are due for the SLA sweep at the generation time t0 (bench_ticket_meta), whatever earlier sweeps did.
--
--   psql -v due=10000 -f bench/sql/ticket-sweep-prime.sql <url>
--
-- Every due_every-th generated ticket is a candidate; its resolve clock sits in the warning window or just past its
-- deadline. The first (:due − rows of the demo history that are due at t0) candidates get the clock state the
-- sweep acts on (not yet warned / no rung fired); the other candidates get the state after a sweep. Each touched
-- ticket row and its next check time (ticket_sla_checks) are then derived again from its clocks with
-- refreshTicketsSla's rules (ticket-clock.ts).
\set ON_ERROR_STOP on
set client_min_messages = warning;

select t0, first_id, last_id, due_every from bench_ticket_meta order by loaded_at desc limit 1 \gset

select count(*) as others_due from ticket_sla_checks
  where next_check_at <= :'t0' and not (ticket_id between :first_id and :last_id and (ticket_id - :first_id + 1) % :due_every = 0) \gset
select greatest(0, :due - :others_due) as want \gset

begin;
create temp table b_cand on commit drop as
  select id, row_number() over (order by id) as rn from tickets
  where id between :first_id and :last_id and (id - :first_id + 1) % :due_every = 0;

update ticket_stage_clocks c set
  warned_at = case when k.rn <= :want and c.deadline > :'t0' then null else c.warn_at + interval '30 seconds' end,
  escalation_level = case when k.rn <= :want or c.deadline > :'t0' then 0 else 1 end
from b_cand k
where c.ticket_id = k.id and c.stage = 'resolve' and c.ended_at is null;

create temp table b_derived on commit drop as
select tk.id,
  (select c.stage from ticket_stage_clocks c where c.ticket_id = tk.id and c.ended_at is null and not jsonb_path_exists(c.pauses, '$[*] ? (@.to == null)') order by c.deadline limit 1) as stage,
  (select min(c.deadline) from ticket_stage_clocks c where c.ticket_id = tk.id and c.ended_at is null and not jsonb_path_exists(c.pauses, '$[*] ? (@.to == null)')) as deadline,
  (select min(case when c.warned_at is null and c.warn_at < c.deadline then c.warn_at
                   else c.deadline + make_interval(mins => ('{0,120,240}'::int[])[c.escalation_level + 1]) end)
     from ticket_stage_clocks c where c.ticket_id = tk.id and c.ended_at is null and not jsonb_path_exists(c.pauses, '$[*] ? (@.to == null)')) as next_check,
  coalesce((select max(c.escalation_level) from ticket_stage_clocks c where c.ticket_id = tk.id and c.ended_at is null), 0) as level,
  exists (select 1 from ticket_stage_clocks c where c.ticket_id = tk.id and c.ended_at is null
            and jsonb_path_exists(c.pauses, '$[*] ? (@.to == null)')) as any_paused
from b_cand tk;

-- The escalation level is set back (not only raised, as refreshTicketsSla does): the clocks were put back.
update tickets t set
  stage = x.stage,
  stage_deadline = x.deadline,
  escalation_level = x.level,
  paused_at = case when x.any_paused then coalesce(t.paused_at, now()) else null end
from b_derived x
where t.id = x.id
  and (t.stage is distinct from x.stage or t.stage_deadline is distinct from x.deadline
    or t.escalation_level <> x.level or (t.paused_at is not null) <> x.any_paused);

delete from ticket_sla_checks s using b_derived x where s.ticket_id = x.id and x.next_check is null;
insert into ticket_sla_checks (ticket_id, next_check_at)
select id, next_check from b_derived where next_check is not null
on conflict (ticket_id) do update set next_check_at = excluded.next_check_at
  where ticket_sla_checks.next_check_at <> excluded.next_check_at;
commit;

select count(*) as due_now from ticket_sla_checks where next_check_at <= :'t0' \gset
\echo due_at_t0 :due_now
