import { OPPORTUNITY_PRODUCTS, productByCode } from '@paidan/shared';
import type { AppContext } from '../platform/app-context';
import { withTx } from '../platform/db/database';
import { opportunityRepo } from '../modules/opportunities/opportunity.repo';
import type { Rng } from './seed-random';

// A living opportunity desk: a pool to grab from, agent01's claimed, valid and converted items with calls,
// am_pd01's pipeline across the stages (one major opportunity waiting for approval), over the last month, and two
// agents kept to a part of the pool.

const NEEDS: Record<string, string[]> = {
  BIZ_BB: ['新开 500M 商务宽带，办公室搬迁', '现有 200M 提速到 1000M', '新门店开通宽带'],
  SHOP_BB: ['沿街店铺旺铺宽带加收银', '连锁门店 6 家统一开通'],
  FTTR: ['办公楼层全光 Wi-Fi 覆盖', '会议室与前台无线信号差'],
  LINE_MSTP: ['总部至数据中心 10M 数字电路', '银行网点专线新开'],
  LINE_IPRAN: ['总部 200M 互联网专线', '工厂 100M 专线双路由'],
  LINE_EIP: ['跨境精品专线 50M', '视频会议专用精品网'],
  SDWAN: ['总部与 3 个分支商企组网', '门店组网统一出口'],
  CLOUD_PC: ['20 台云电脑替换老旧 PC', '呼叫中心 60 席云电脑'],
  CLOUD_EYE: ['园区 40 路天翼云眼', '仓库出入口监控上云'],
  CLOUD_MEET: ['全员视频会议，200 方', '分支机构周会'],
  SAT: ['海上作业船只卫星通信', '应急指挥车卫星回传'],
  QUANTUM: ['高管量子密话 30 张卡', '政务保密通话'],
  KITCHEN: ['学校食堂明厨亮灶改造', '连锁餐饮后厨可视化'],
  VRBT: ['企业视频彩铃宣传', '门店统一视频彩铃'],
};
const SOURCES = [
  ['group_oao', '集团OAO'],
  ['lead_page', '翼企购'],
  ['wecom', '企业微信'],
  ['hotline', '10000 号'],
  ['campaign', '双十二政企节'],
  ['import', '展会名单.xlsx'],
] as const;
const CONTACTS = ['王经理', '李总', '张主任', '陈女士', '刘先生', '周经理', '吴工', '郑女士', '孙总', '赵主任'];

export async function seedDemoOpportunities(ctx: AppContext, r: Rng): Promise<void> {
  await withTx(ctx.db, async (tx) => {
    const users = await tx
      .selectFrom('users')
      .select(['id', 'username', 'display_name', 'role', 'org_path'])
      .where('role', 'in', ['hotline_agent', 'account_manager', 'supervisor'])
      .execute();
    const byName = (u: string) => users.find((x) => x.username === u)!;
    const agent01 = byName('agent01');
    const am01 = byName('am_pd01');
    const supPd = byName('sup_pd');
    const agents = users.filter((u) => u.role === 'hotline_agent' && u.username !== 'agent01' && u.org_path);
    const customers = await tx
      .selectFrom('customers as c')
      .innerJoin('orgs as d', 'd.id', 'c.district_org_id')
      .select(['c.id', 'c.name', 'c.credit_code', 'c.district_org_id', 'c.org_path', 'c.account_manager_id'])
      .orderBy('c.id')
      .execute();
    const amCustomers = customers.filter((c) => c.account_manager_id === am01.id);
    const now = Date.now();
    const contactPhone = () => `13${r.int(5, 9)}${String(r.int(0, 99_999_999)).padStart(8, '0')}`;

    let n = 0;
    const make = async (o: {
      ageHours: number;
      status: string;
      customer?: (typeof customers)[number];
      productCode?: string;
      source?: (typeof SOURCES)[number];
      claimedBy?: typeof agent01;
      am?: typeof am01;
      stage?: string;
      revenue?: number | null;
      orderNumber?: string;
      orderStage?: string;
      invalid?: string;
      terminated?: string;
      approval?: 'pending' | 'approved';
      calls?: number;
    }) => {
      n++;
      const customer = o.customer ?? r.pick(customers);
      const product = productByCode(o.productCode ?? r.pick(OPPORTUNITY_PRODUCTS).code)!;
      const source = o.source ?? r.pick(SOURCES);
      const created = new Date(now - o.ageHours * 3600_000);
      const at = (h: number) => new Date(Math.min(now - 60_000, created.getTime() + h * 3600_000));
      const claimedAt = o.claimedBy ? at(0.2 + r.next()) : null;
      const firstCall = o.claimedBy && (o.calls ?? 1) > 0 && o.status !== 'claimed' ? at(0.5 + r.next()) : null;
      const preNo =
        o.status === 'valid' || o.orderNumber || o.stage === 'order'
          ? await opportunityRepo.nextPreAcceptanceNo(tx, at(1.5))
          : null;
      const expiresAt = o.status === 'claimed' ? new Date(now + r.int(5, 25) * 60_000) : null;
      const row = await opportunityRepo.insert(tx, {
        number: await opportunityRepo.nextNumber(tx, created),
        source: source[0],
        source_channel: source[1],
        external_id: source[0] === 'group_oao' ? `OAO-${2026}${String(10000 + n)}` : null,
        customer_id: customer.id,
        customer_name: customer.name,
        credit_code: customer.credit_code,
        contact_name: r.pick(CONTACTS),
        contact_phone: contactPhone(),
        product_code: product.code,
        product_group: product.group,
        need: r.pick(NEEDS[product.code] ?? ['业务咨询']),
        expected_revenue: o.revenue === undefined ? r.int(1, 60) * 1000 : o.revenue,
        deadline: new Date(now + r.int(7, 60) * 86_400_000).toISOString().slice(0, 10),
        district_org_id: customer.district_org_id,
        region_path: customer.org_path,
        status: o.status,
        claimed_by: o.claimedBy?.id ?? null,
        claimed_at: claimedAt,
        claim_expires_at: expiresAt,
        first_call_at: firstCall,
        invalid_reason: o.invalid ?? null,
        pre_acceptance_no: preNo,
        account_manager_id: o.am?.id ?? null,
        dispatched_at: o.am ? at(2) : null,
        stage: o.stage ?? null,
        terminated_reason: o.terminated ?? null,
        approval_levels: o.approval ? 1 : 0,
        approval_level: o.approval === 'approved' ? 1 : 0,
        approval_status: o.approval ?? 'none',
        approval_round: o.approval ? 1 : 0,
        order_number: o.orderNumber ?? null,
        order_stage: o.orderStage ?? null,
        converted_at: o.orderNumber ? at(30) : null,
        closed_at: ['converted', 'invalid', 'terminated'].includes(o.status) ? at(30) : null,
        created_at: created,
        updated_at: at(3),
      });
      const ev = async (
        h: number,
        who: { id: number; display_name: string; role: string } | null,
        action: string,
        note?: string,
        data?: Record<string, unknown>,
      ) =>
        opportunityRepo.addEvent(tx, {
          opportunityId: row.id,
          actorId: who?.id ?? null,
          actorName: who?.display_name ?? '系统',
          actorRole: who?.role ?? 'system',
          action,
          note: note ?? null,
          data: data ?? {},
          at: at(h),
        });
      await ev(0, null, 'created', undefined, { source: source[0], sourceChannel: source[1] });
      if (o.claimedBy) await ev(0.2, o.claimedBy, 'claimed');
      if (firstCall && o.claimedBy) {
        for (let i = 0; i < (o.calls ?? 1); i++) {
          const result = i === (o.calls ?? 1) - 1 ? 'connected' : r.pick(['no_answer', 'busy'] as const);
          await tx
            .insertInto('opportunity_calls')
            .values({
              opportunity_id: row.id,
              user_id: o.claimedBy.id,
              called_at: at(0.5 + i * 0.3),
              result,
              note: result === 'connected' ? '客户确认需求，约定上门' : null,
            })
            .execute();
          await ev(0.5 + i * 0.3, o.claimedBy, 'called', undefined, { result });
        }
      }
      if (preNo && o.claimedBy && !o.am)
        await ev(1.5, o.claimedBy, 'marked_valid', undefined, { preAcceptanceNo: preNo });
      if (o.invalid && o.claimedBy) await ev(1.2, o.claimedBy, 'marked_invalid', undefined, { reason: o.invalid });
      if (o.am) {
        await ev(2, o.claimedBy ?? o.am, 'dispatched', undefined, { accountManagerName: o.am.display_name });
        const idx = ['discovery', 'requirement_confirmed', 'solution', 'contract', 'order'].indexOf(
          o.stage ?? 'discovery',
        );
        for (let i = 1; i <= idx; i++)
          await ev(2 + i * 20, o.am, 'stage_advanced', undefined, {
            from: ['discovery', 'requirement_confirmed', 'solution', 'contract', 'order'][i - 1],
            to: ['discovery', 'requirement_confirmed', 'solution', 'contract', 'order'][i],
          });
        if (o.approval) await ev(50, o.am, 'approval_requested', undefined, { levels: 1 });
        if (o.approval === 'approved') await ev(55, supPd, 'approval_approved', '方案合理，同意推进', { level: 1 });
        if (o.approval === 'approved')
          await tx
            .insertInto('opportunity_approvals')
            .values({
              opportunity_id: row.id,
              round: 1,
              level: 1,
              decision: 'approved',
              decided_by: supPd.id,
              comment: '方案合理，同意推进',
              at: at(55),
            })
            .execute();
        if (o.terminated) await ev(60, o.am, 'terminated', o.terminated);
      }
      if (o.orderNumber)
        await ev(30, o.am ?? o.claimedBy ?? null, 'feedback', `办结回填订单号 ${o.orderNumber}`, {
          orderNumber: o.orderNumber,
          verified: false,
        });
    };

    // The pool: a dozen waiting, newest a few minutes old.
    for (let i = 0; i < 12; i++) await make({ ageHours: 0.05 + i * 0.7, status: 'pool' });
    // agent01: claimed and being worked, valid awaiting the order, converted, invalid.
    for (let i = 0; i < 3; i++) await make({ ageHours: 1 + i, status: 'claimed', claimedBy: agent01, calls: 0 });
    for (let i = 0; i < 3; i++) await make({ ageHours: 20 + i * 5, status: 'valid', claimedBy: agent01, calls: 2 });
    for (let i = 0; i < 5; i++)
      await make({
        ageHours: 48 + i * 60,
        status: 'converted',
        claimedBy: agent01,
        calls: 1,
        orderNumber: `DD2026${String(11000 + i * 37).padStart(8, '0')}`,
      });
    for (const reason of ['no_need', 'unreachable'])
      await make({ ageHours: 30 + r.int(0, 200), status: 'invalid', claimedBy: agent01, invalid: reason, calls: 2 });
    // Other agents' history, for the rankings and the funnel.
    for (let i = 0; i < 14; i++) {
      const a = r.pick(agents);
      const kind = r.pick(['converted', 'invalid', 'valid', 'converted'] as const);
      await make({
        ageHours: 10 + r.int(0, 700),
        status: kind,
        claimedBy: a,
        calls: r.int(1, 3),
        ...(kind === 'converted' ? { orderNumber: `DD2026${String(20000 + i * 53).padStart(8, '0')}` } : {}),
        ...(kind === 'invalid' ? { invalid: r.pick(['no_need', 'unreachable', 'duplicate'] as const) } : {}),
      });
    }
    // am_pd01's pipeline.
    const amCust = () => (amCustomers.length ? r.pick(amCustomers) : r.pick(customers));
    const pipeline: { stage: string; revenue?: number; approval?: 'pending' | 'approved'; product: string }[] = [
      { stage: 'discovery', product: 'CLOUD_EYE' },
      { stage: 'discovery', product: 'FTTR' },
      { stage: 'requirement_confirmed', product: 'SDWAN' },
      { stage: 'solution', product: 'LINE_EIP', revenue: 1_800_000, approval: 'pending' },
      { stage: 'solution', product: 'CLOUD_PC' },
      { stage: 'contract', product: 'LINE_IPRAN', revenue: 2_400_000, approval: 'approved' },
    ];
    for (const [i, p] of pipeline.entries())
      await make({
        ageHours: 40 + i * 30,
        status: 'dispatched',
        customer: amCust(),
        productCode: p.product,
        claimedBy: i % 2 ? agent01 : undefined,
        am: am01,
        stage: p.stage,
        ...(p.revenue ? { revenue: p.revenue } : {}),
        ...(p.approval ? { approval: p.approval } : {}),
      });
    await make({
      ageHours: 400,
      status: 'converted',
      customer: amCust(),
      productCode: 'QUANTUM',
      am: am01,
      stage: 'order',
      orderNumber: 'DD202600031415',
    });
    await make({
      ageHours: 500,
      status: 'terminated',
      customer: amCust(),
      productCode: 'SAT',
      am: am01,
      stage: 'solution',
      terminated: '客户预算取消，明年再议',
    });

    // Two specialists: one takes lines and ICT only, one the Pudong districts only; the others take everything.
    const pudong = await tx
      .selectFrom('orgs')
      .select('path')
      .where('type', '=', 'district')
      .where('code', 'like', 'SH-PD-%')
      .orderBy('id')
      .execute();
    const [lineDesk, pudongDesk] = [...agents].sort((a, b) => b.id - a.id);
    if (lineDesk && pudongDesk)
      await tx
        .insertInto('opportunity_agent_scopes')
        .values([
          { user_id: lineDesk.id, product_groups: ['line', 'ict'] },
          { user_id: pudongDesk.id, region_paths: pudong.map((d) => d.path) },
        ])
        .execute();
  });
}
