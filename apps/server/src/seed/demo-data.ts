import { sql, type Insertable } from 'kysely';
import type { DB } from '../db.types';
import type { Role } from '@paidan/shared';
import type { AppContext } from '../platform/app-context';
import { withTx, type Tx } from '../platform/db/database';
import { hashPassword } from '../platform/auth/password';
import { recordAudit } from '../platform/audit/audit.service';
import { systemActor } from '../platform/auth/context';
import { DEMO_BRANCHES, DISTRICT_TEAMS, STREETS } from './demo-org';
import { mobileFactory, personName } from './demo-people';
import { creditCodeFor, demoEnterprises } from './demo-enterprises';
import { rng } from './seed-random';
import { seedTicketConfig } from './demo-tickets-config';
import { seedCatalog } from './demo-catalog';
import { seedOnboardingDemo } from './demo-onboarding';

export const DEMO_PASSWORD = 'Paidan@2026';
export const DEMO_ENTERPRISE = '上海浦江智造科技有限公司';

/** The documented demo logins (README): username → role and where it sits. */
export const DEMO_LOGINS: { username: string; displayName: string; role: Role; org: string | null; phone: string }[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin', org: 'SH', phone: '13916000100' },
  { username: 'sup_city', displayName: '周卫东', role: 'supervisor', org: 'SH-PD', phone: '13916000101' },
  { username: 'sup_pd', displayName: '陈建华', role: 'supervisor', org: 'SH-PD-ZJ', phone: '13916000102' },
  { username: 'disp_pd', displayName: '刘海燕', role: 'dispatcher', org: 'SH-PD-ZJ-DSP', phone: '13916000103' },
  { username: 'agent01', displayName: '孙佳怡', role: 'hotline_agent', org: 'SH-ZQ-HL-1', phone: '13916000104' },
  { username: 'am_pd01', displayName: '王志强', role: 'account_manager', org: 'SH-PD-ZJ-AM', phone: '13916000105' },
  { username: 'tech_pd01', displayName: '赵磊', role: 'technician', org: 'SH-PD-ZJ-FLD', phone: '13916000106' },
  { username: 'partner01', displayName: '天翼云眼厂家-李工', role: 'partner', org: 'SH', phone: '13916000107' },
  { username: 'cust_admin', displayName: '吴秀英', role: 'customer_admin', org: null, phone: '13916000001' },
  { username: 'cust_user', displayName: '郑晓东', role: 'customer_user', org: null, phone: '13916000002' },
];

const DIVISION_NAMES: Record<string, string> = {
  '310115': '浦东新区',
  '310104': '徐汇区',
  '310101': '黄浦区',
  '310112': '闵行区',
  '310106': '静安区',
  '310107': '普陀区',
  '310113': '宝山区',
  '310110': '杨浦区',
  '310105': '长宁区',
  '310114': '嘉定区',
  '310118': '青浦区',
  '310117': '松江区',
};

async function insertOrg(
  tx: Tx,
  parent: { id: number; path: string } | null,
  v: { name: string; type: 'province' | 'city' | 'district' | 'team'; code: string },
) {
  const { id } = await tx
    .insertInto('orgs')
    .values({ ...v, parent_id: parent?.id ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const path = `${parent?.path ?? '/'}${id}/`;
  await tx.updateTable('orgs').set({ path }).where('id', '=', id).execute();
  return { id, path };
}

export async function seedDemo(ctx: AppContext): Promise<void> {
  const r = rng(20261122);
  const mobile = mobileFactory(r);
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  await withTx(ctx.db, async (tx) => {
    const orgs = new Map<string, { id: number; path: string }>();
    const root = await insertOrg(tx, null, { name: '中国电信上海公司', type: 'province', code: 'SH' });
    orgs.set('SH', root);
    const districts: { code: string; id: number; path: string; division: string; area: string }[] = [];
    for (const b of DEMO_BRANCHES) {
      const city = await insertOrg(tx, root, { name: b.name, type: 'city', code: b.code });
      orgs.set(b.code, city);
      for (const d of b.districts) {
        const dist = await insertOrg(tx, city, { name: d.name, type: 'district', code: d.code });
        orgs.set(d.code, dist);
        districts.push({ code: d.code, ...dist, division: d.division, area: d.area });
        for (const t of DISTRICT_TEAMS) {
          orgs.set(
            `${d.code}-${t.suffix}`,
            await insertOrg(tx, dist, {
              name: `${d.name.replace('区局', '')}${t.name}`,
              type: 'team',
              code: `${d.code}-${t.suffix}`,
            }),
          );
        }
      }
    }
    const centre = await insertOrg(tx, root, { name: '政企客户服务中心', type: 'city', code: 'SH-ZQ' });
    const hotline = await insertOrg(tx, centre, { name: '政企热线运营部', type: 'district', code: 'SH-ZQ-HL' });
    orgs.set(
      'SH-ZQ-HL-1',
      await insertOrg(tx, hotline, { name: '10000号政企热线一班', type: 'team', code: 'SH-ZQ-HL-1' }),
    );
    orgs.set(
      'SH-ZQ-HL-2',
      await insertOrg(tx, hotline, { name: '10000号政企热线二班', type: 'team', code: 'SH-ZQ-HL-2' }),
    );
    const monitor = await insertOrg(tx, centre, { name: '网络监控中心', type: 'district', code: 'SH-ZQ-NOC' });
    orgs.set('SH-ZQ-NOC-1', await insertOrg(tx, monitor, { name: '集中监控班', type: 'team', code: 'SH-ZQ-NOC-1' }));

    const staff = (role: Role, orgCode: string, username: string, displayName: string, phone: string) => {
      const o = orgs.get(orgCode)!;
      return {
        username,
        display_name: displayName,
        role,
        org_id: o.id,
        org_path: o.path,
        phone,
        password_hash: passwordHash,
      };
    };

    // Named demo logins first, then a realistic roster per district.
    const rows = DEMO_LOGINS.filter((l) => l.org).map((l) => staff(l.role, l.org!, l.username, l.displayName, l.phone));
    let n = 1;
    const uname = (prefix: string) => `${prefix}${String(n++).padStart(3, '0')}`;
    for (const d of districts) {
      const short = d.code.split('-').slice(1).join('').toLowerCase();
      if (d.code !== 'SH-PD-ZJ') rows.push(staff('supervisor', d.code, `sup_${short}`, personName(r), mobile()));
      rows.push(staff('dispatcher', `${d.code}-DSP`, uname(`disp_${short}_`), personName(r), mobile()));
      for (let i = 0; i < 2; i++)
        rows.push(staff('account_manager', `${d.code}-AM`, uname(`am_${short}_`), personName(r), mobile()));
      for (let i = 0; i < 2; i++)
        rows.push(staff('technician', `${d.code}-FLD`, uname(`tech_${short}_`), personName(r), mobile()));
    }
    for (const b of DEMO_BRANCHES)
      if (b.code !== 'SH-PD')
        rows.push(staff('supervisor', b.code, `sup_${b.code.slice(3).toLowerCase()}`, personName(r), mobile()));
    for (let i = 0; i < 5; i++)
      rows.push(staff('hotline_agent', i % 2 ? 'SH-ZQ-HL-2' : 'SH-ZQ-HL-1', uname('agent_'), personName(r), mobile()));
    rows.push(staff('dispatcher', 'SH-ZQ-NOC-1', 'noc01', personName(r), mobile()));
    rows.push(staff('supervisor', 'SH', 'sup_sh', '黄振华', mobile()));
    await tx.insertInto('users').values(rows).execute();

    const ams = await tx.selectFrom('users').select(['id', 'org_path']).where('role', '=', 'account_manager').execute();
    const amFor = (districtPath: string) => {
      const list = ams.filter((a) => a.org_path?.startsWith(districtPath));
      return list.length ? r.pick(list).id : null;
    };

    const divisions = [...new Set(districts.map((d) => d.division))];
    const ents = demoEnterprises(
      r,
      divisions.map((dv) => DIVISION_NAMES[dv]!),
      200,
    );
    const zj = districts.find((d) => d.code === 'SH-PD-ZJ')!;
    const am01 = await tx.selectFrom('users').select('id').where('username', '=', 'am_pd01').executeTakeFirstOrThrow();
    const customers: Insertable<DB['customers']>[] = [
      {
        name: '上海浦江智造科技有限公司',
        credit_code: creditCodeFor(r, zj.division, 'company'),
        level: 'local_a',
        industry: '制造业',
        district_org_id: zj.id,
        org_path: zj.path,
        account_manager_id: am01.id,
        address: '上海市浦东新区张江路 1388 号 3 号楼',
        // The demo enterprise of cust_admin has been through 企业认证, so its users can order at once.
        certification_status: 'certified',
        certification_method: 'staff',
        certified_at: new Date(),
        legal_rep_name: '王浦江',
      },
    ];
    const usedCodes = new Set(customers.map((c) => c.credit_code));

    for (const e of ents) {
      const instDivision = Object.entries(DIVISION_NAMES).find(([, v]) => e.name.includes(v))?.[0];
      const candidates = instDivision ? districts.filter((d) => d.division === instDivision) : districts;
      const d = r.pick(candidates);
      let code = creditCodeFor(r, d.division, e.kind);
      while (usedCodes.has(code)) code = creditCodeFor(r, d.division, e.kind);
      usedCodes.add(code);
      customers.push({
        name: e.name,
        credit_code: code,
        level: e.level,
        industry: e.industry,
        district_org_id: d.id,
        org_path: d.path,
        account_manager_id: amFor(d.path),
        address: `上海市${DIVISION_NAMES[d.division]}${r.pick(STREETS[d.division] ?? ['中山路'])} ${r.int(1, 2999)} 号`,
      });
    }
    const inserted = await tx.insertInto('customers').values(customers).returning(['id', 'name']).execute();
    const contacts = inserted.flatMap((c) => [
      {
        customer_id: c.id,
        name: personName(r),
        phone: mobile(),
        title: r.pick(['信息中心主任', '行政经理', '办公室主任', 'IT 负责人']),
        is_primary: true,
      },
      {
        customer_id: c.id,
        name: personName(r),
        phone: mobile(),
        title: r.pick(['网络管理员', '采购专员', '财务经理']),
        is_primary: false,
      },
    ]);
    await tx.insertInto('customer_contacts').values(contacts).execute();

    const demo = inserted.find((c) => c.name === '上海浦江智造科技有限公司')!;
    await tx
      .insertInto('users')
      .values(
        DEMO_LOGINS.filter((l) => !l.org).map((l) => ({
          username: l.username,
          display_name: l.displayName,
          role: l.role,
          customer_id: demo.id,
          org_path: zj.path,
          phone: l.phone,
          password_hash: passwordHash,
        })),
      )
      .execute();

    await seedTicketConfig(tx, r);
    await seedCatalog(tx);
    await seedOnboardingDemo(tx);

    const counts = await sql<{ users: number; customers: number; orgs: number }>`
      select (select count(*) from users)::int as users, (select count(*) from customers)::int as customers,
             (select count(*) from orgs)::int as orgs`.execute(tx);
    await recordAudit(tx, systemActor, { action: 'seed.loaded', entityType: 'system', after: counts.rows[0] });
  });
}
