-- The writes of one POST /api/orders (a one-item broadband order from the shop), as one transaction:
-- reads of the session, customer, certification, agreements, offer and settings; the order-number counter;
-- the order, its item, one service order, four work orders, the timeline event, the SMS outbox job, the
-- hash-chained audit event (under the chain's advisory lock) and the live-update NOTIFY.
-- The offer needs no other product, so the look-up of products already in service is not sent.
-- Variables from the runner: sid (the signed-in session), cid (the customer), oid (the offer), uid (the user).
\set r random(1, 2000000000)
select "s"."id", "u"."id", "u"."role", "u"."customer_id" from "sessions" as "s" inner join "users" as "u" on "u"."id" = "s"."user_id" where "s"."id" = :sid;
begin;
select "c"."id", "c"."org_path" from "customers" as "c" where "c"."id" = :cid;
select "certification_status", "district_org_id", "org_path", "account_manager_id" from "customers" where "id" = :cid \gset c_
select "id", "version" from "agreement_templates" where "code" = 'marketing' and "status" = 'published';
select "id", "version" from "agreement_templates" where "code" = 'security' and "status" = 'published';
select "o"."id", "o"."fixed_specs", "o"."one_time_fen", "o"."monthly_fen", "p"."attributes" from "product_offers" as "o" inner join "products" as "p" on "p"."id" = "o"."product_id" where "o"."id" in (:oid);
select "number_format", "stage_targets" from "order_settings" where "id" = 1;
select "number_format" from "order_settings" where "id" = 1;
insert into "order_number_seq" ("period", "last") values ('bench|' || to_char(now(), 'YYYY-MM-DD'), 1) on conflict ("period") do update set "last" = "order_number_seq"."last" + 1 returning "last" \gset s_
insert into "orders" ("number", "channel", "state", "stage", "stage_entered_at", "stage_deadline", "customer_id", "district_org_id", "org_path", "title", "contact_name", "contact_phone", "install_address", "note", "total_one_time_fen", "total_monthly_fen", "contract_months", "pre_acceptance_no", "promoter_id", "created_by", "agreements", "external_id", "created_at") values ('PB' || :r::text || '-' || :s_last::text, 'shop', 'acknowledged', 'accepted', now(), now() + interval '4 hours', :cid, :c_district_org_id, :c_org_path, '商务宽带（商务宽带 100M 包月）', '郑晓东', '13916000002', '上海市浦东新区张江路 1388 号 5 号楼', '', 0, 19900, 0, null, null, :uid, '[]', null, now()) returning "id" \gset o_
insert into "order_items" ("order_id", "offer_id", "product_id", "product_code", "product_name", "offer_name", "specs", "spec_text", "quantity", "one_time_fen", "monthly_fen", "contract_months") values (:o_id, :oid, 1, 'BIZ_BB', '商务宽带', '商务宽带 100M 包月', '{"bandwidth": "100M"}', '带宽 100M', 1, 0, 19900, 0) returning "id" \gset i_
insert into "service_orders" ("order_id", "order_item_id", "number", "product_name", "end_label") values (:o_id, :i_id, 'PB' || :r::text || '-' || :s_last::text || '-S01', '商务宽带', '本端') returning "id" \gset so_
select "id", "path" from "orgs" where "parent_id" = :c_district_org_id and "function" = 'account' order by "id" limit 1;
select "id", "path" from "orgs" where "parent_id" = :c_district_org_id and "function" = 'dispatch' order by "id" limit 1;
select "id", "path" from "orgs" where "parent_id" = :c_district_org_id and "function" = 'field' order by "id" limit 1;
insert into "order_work_orders" ("order_id", "service_order_id", "number", "task", "state", "assignee_org_id", "assignee_org_path", "assignee_user_id", "created_at") values (:o_id, null, 'PB' || :r::text || '-' || :s_last::text || '-W01', 'review', 'ready', null, null, null, now()), (:o_id, :so_id, 'PB' || :r::text || '-' || :s_last::text || '-W02', 'resource', 'waiting', null, null, null, now()), (:o_id, :so_id, 'PB' || :r::text || '-' || :s_last::text || '-W03', 'install', 'waiting', null, null, null, now()), (:o_id, null, 'PB' || :r::text || '-' || :s_last::text || '-W04', 'billing', 'waiting', null, null, null, now());
insert into "order_events" ("order_id", "kind", "to_state", "to_stage", "note", "actor_id", "actor_name", "created_at") values (:o_id, 'created', 'acknowledged', 'accepted', '企业在线下单', :uid, '吴秀英', now());
insert into "jobs" ("type", "payload", "dedupe_key", "run_at") values ('sms.send', '{"phone": "13916000002", "template": "order_accepted"}', 'order-' || :o_id::text || '-accepted', now()) on conflict do nothing;
select pg_advisory_xact_lock(727002);
select "seq", "hash" from "audit_events" order by "seq" desc limit 1 \gset a_
insert into "audit_events" ("seq", "occurred_at", "actor_id", "actor_name", "action", "entity_type", "entity_id", "ip", "user_agent", "request_id", "before", "after", "prev_hash", "hash") values (:a_seq + 1, now(), :uid, '吴秀英', 'order.create', 'order', :o_id::text, '127.0.0.1', 'pgbench', null, null, '{"channel": "shop"}', :a_hash, md5(:r::text) || md5(:o_id::text));
select pg_notify('paidan_events', '{"topic": "order.changed"}');
commit;
