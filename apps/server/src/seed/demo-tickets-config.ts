import { sql } from 'kysely';
import type { Tx } from '../platform/db/database';
import type { Rng } from './seed-random';

// The demo's routing rules and customers' lines, in the demo organisation (codes from demo-org.ts).
export async function seedTicketConfig(tx: Tx, r: Rng): Promise<void> {
  await sql`update orgs set function = case
      when code like '%-AM' then 'account' when code like '%-DSP' then 'dispatch' when code like '%-FLD' then 'field'
      when code like 'SH-ZQ-HL-%' then 'hotline' when code = 'SH-ZQ-NOC-1' then 'monitoring' end
    where type = 'team'`.execute(tx);
  const noc = await tx.selectFrom('orgs').select('id').where('code', '=', 'SH-ZQ-NOC-1').executeTakeFirstOrThrow();
  const partner = await tx
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'partner01')
    .executeTakeFirstOrThrow();
  let position = 10;
  const rule = (v: Record<string, unknown>) => ({
    position: (position += 10),
    request_types: [],
    business_categories: [],
    customer_levels: [],
    ...v,
  });
  await tx
    .insertInto('ticket_routing_rules')
    .values([
      rule({
        name: '天翼云眼故障交厂家',
        request_types: ['fault', 'terminal_repair'],
        product_pattern: '云眼',
        target_kind: 'user',
        target_user_id: partner.id,
      }),
      rule({
        name: '故障申告统一由监控中心受理',
        request_types: ['fault'],
        target_kind: 'org',
        target_org_id: noc.id,
        strategy: 'queue',
      }),
      rule({
        name: '终端维修派区局装维班',
        request_types: ['terminal_repair'],
        target_kind: 'district_function',
        target_function: 'field',
        strategy: 'round_robin',
      }),
      rule({
        name: '业务办理交客户经理',
        request_types: [
          'new_install',
          'product_change',
          'cancel_reservation',
          'cancel_formal',
          'new_idea',
          'suggestion',
          'inquiry',
        ],
        target_kind: 'account_manager',
      }),
      rule({
        name: '投诉派区局调度组',
        request_types: ['complaint'],
        target_kind: 'district_function',
        target_function: 'dispatch',
        strategy: 'least_loaded',
      }),
      rule({
        name: '其余进区局调度组待派',
        target_kind: 'district_function',
        target_function: 'dispatch',
        strategy: 'queue',
      }),
    ] as never)
    .execute();

  // Each customer gets a few lines and services; a few are suspended so reclassification can be seen.
  const customers = await tx.selectFrom('customers').select(['id', 'name', 'address']).orderBy('id').execute();
  const products: { name: string; category: string; prefix: string; circuit?: boolean }[] = [
    { name: '商务宽带 300M', category: 'broadband', prefix: 'KD021' },
    { name: '数字电路专线 MSTP 20M', category: 'dedicated_line', prefix: 'SHZX', circuit: true },
    { name: 'IPRAN 互联网专线 100M', category: 'dedicated_line', prefix: 'SHIP', circuit: true },
    { name: '虚拟网（VPN 总机）', category: 'virtual_network', prefix: '02150' },
    { name: '天翼云眼 视频监控', category: 'industry_app', prefix: 'YY' },
    { name: '4008 企业热线', category: 'number_4008', prefix: '4008' },
  ];
  const rows = customers.flatMap((c, i) =>
    products
      .filter((_, j) => (i + j) % 3 !== 0)
      .map((p) => ({
        customer_id: c.id,
        service_number: `${p.prefix}${String(100000 + c.id * 10 + products.indexOf(p)).padStart(7, '0')}`,
        product_name: p.name,
        business_category: p.category,
        circuit_level: p.circuit ? r.pick(['AAA', 'AA', 'A', 'normal']) : 'normal',
        status: r.next() < 0.04 ? 'suspended_arrears' : r.next() < 0.02 ? 'suspended_request' : 'active',
        address: c.address,
      })),
  );
  for (let i = 0; i < rows.length; i += 500)
    await tx
      .insertInto('customer_services')
      .values(rows.slice(i, i + 500) as never)
      .execute();
}
