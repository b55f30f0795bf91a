import type { AttributeSpec } from '@paidan/shared';
import type { Tx } from '../platform/db/database';

// The products of seed 000 (翼企购) with the specifications and prices an enterprise sees in the shop.
// Prices in fen: 39900 = ¥399.00.

type Opt = [value: string, label: string, oneTimeFen?: number, monthlyFen?: number];
const attr = (key: string, label: string, opts: Opt[], required = true): AttributeSpec => ({
  key,
  label,
  required,
  options: opts.map(([value, l, o = 0, m = 0]) => ({ value, label: l, oneTimeFen: o, monthlyFen: m })),
});
interface SeedOffer {
  code: string;
  name: string;
  fixed: Record<string, string>;
  once: number;
  monthly: number;
  months?: number;
  requires?: string[];
  excludes?: string[];
  description?: string;
}
interface SeedProduct {
  code: string;
  name: string;
  summary: string;
  description: string;
  ends?: number;
  attributes: AttributeSpec[];
  offers: SeedOffer[];
}

const BW = (xs: string[]) =>
  attr(
    'bandwidth',
    '带宽',
    xs.map((x) => [x, x.replace('G', 'G').replace('M', 'M')] as Opt),
  );
const FIXED_IP = attr(
  'fixedIp',
  '固定公网 IP',
  [
    ['0', '不需要'],
    ['1', '1 个', 0, 5000],
    ['8', '8 个（/29）', 20000, 30000],
  ],
  false,
);
const CIRCUIT = attr('circuitLevel', '电路等级', [
  ['normal', '普通'],
  ['A', 'A 级', 0, 50000],
  ['AA', 'AA 级', 0, 150000],
  ['AAA', 'AAA 级', 0, 300000],
]);

export const DEMO_LINES: { code: string; name: string; description: string; products: SeedProduct[] }[] = [
  {
    code: 'BROADBAND',
    name: '宽带与组网',
    description: '办公与门店上网、全光组网',
    products: [
      {
        code: 'BIZ_BB',
        name: '商务宽带',
        summary: '办公上网，上下行对称可选，可加固定公网 IP',
        description:
          '面向企业办公的光纤宽带，7×24 小时政企专属客服，故障 4 小时上门。含光猫，装机地址需在光网覆盖范围内。',
        attributes: [BW(['100M', '300M', '500M', '1000M']), FIXED_IP],
        offers: [
          {
            code: 'BIZ_BB_100',
            name: '商务宽带 100M 包月',
            fixed: { bandwidth: '100M' },
            once: 0,
            monthly: 19900,
            excludes: ['SHOP_BB'],
          },
          {
            code: 'BIZ_BB_300',
            name: '商务宽带 300M 包月',
            fixed: { bandwidth: '300M' },
            once: 0,
            monthly: 39900,
            excludes: ['SHOP_BB'],
          },
          {
            code: 'BIZ_BB_1000_12',
            name: '商务宽带 1000M 年约',
            fixed: { bandwidth: '1000M' },
            once: 30000,
            monthly: 99900,
            months: 12,
            excludes: ['SHOP_BB'],
            description: '签约 12 个月，合约期内撤销需审批',
          },
        ],
      },
      {
        code: 'SHOP_BB',
        name: '旺铺宽带',
        summary: '沿街商铺专享，含天翼看店摄像头 1 个',
        description: '面向个体工商户与连锁门店，宽带 + 看店摄像头 + 收银机上网，一次装好。',
        attributes: [
          BW(['100M', '300M']),
          attr('camera', '看店摄像头', [
            ['1', '1 个'],
            ['2', '2 个', 0, 1000],
          ]),
        ],
        offers: [
          {
            code: 'SHOP_BB_100',
            name: '旺铺宽带 100M',
            fixed: { bandwidth: '100M' },
            once: 0,
            monthly: 9900,
            excludes: ['BIZ_BB'],
          },
          {
            code: 'SHOP_BB_300',
            name: '旺铺宽带 300M',
            fixed: { bandwidth: '300M' },
            once: 0,
            monthly: 16900,
            excludes: ['BIZ_BB'],
          },
        ],
      },
      {
        code: 'FTTR',
        name: 'FTTR 全光组网',
        summary: '光纤到房间，千兆 Wi-Fi 6 全覆盖',
        description: '主光猫 + 从光猫，每个办公室、会议室都是千兆光纤与 Wi-Fi 6，漫游不断线。',
        attributes: [
          BW(['500M', '1000M']),
          attr('rooms', '从光猫数量', [
            ['2', '2 个'],
            ['3', '3 个', 30000, 2000],
            ['4', '4 个', 60000, 4000],
          ]),
        ],
        offers: [
          {
            code: 'FTTR_500',
            name: 'FTTR 500M 套餐',
            fixed: { bandwidth: '500M' },
            once: 0,
            monthly: 29900,
            months: 24,
          },
          {
            code: 'FTTR_1000',
            name: 'FTTR 千兆套餐',
            fixed: { bandwidth: '1000M' },
            once: 0,
            monthly: 39900,
            months: 24,
          },
        ],
      },
      {
        code: 'BIZ_NET',
        name: '商企组网',
        summary: '总部与门店一张网，SD-WAN 智能选路',
        description: '多点互联，云端统一管理，含 SD-WAN 终端，适合连锁门店与多分支机构。',
        attributes: [
          attr('sites', '接入点数', [
            ['3', '3 个点'],
            ['5', '5 个点', 60000, 40000],
            ['10', '10 个点', 210000, 140000],
          ]),
        ],
        offers: [{ code: 'BIZ_NET_STD', name: '商企组网 标准版', fixed: {}, once: 90000, monthly: 60000, months: 12 }],
      },
    ],
  },
  {
    code: 'LEASED',
    name: '数据专线',
    description: '点对点与互联网专线，SLA 保障',
    products: [
      {
        code: 'EIP',
        name: '互联网专线 EIP',
        summary: '独享带宽、上下行对称，含 8 个公网 IP',
        description: '企业互联网专线，带宽独享，7×24 小时监控，故障 4 小时恢复（AAA 级 2 小时）。',
        attributes: [BW(['20M', '50M', '100M', '200M', '1000M']), CIRCUIT],
        offers: [
          {
            code: 'EIP_50',
            name: '互联网专线 50M',
            fixed: { bandwidth: '50M' },
            once: 200000,
            monthly: 280000,
            months: 12,
          },
          {
            code: 'EIP_100',
            name: '互联网专线 100M',
            fixed: { bandwidth: '100M' },
            once: 200000,
            monthly: 480000,
            months: 12,
          },
          {
            code: 'EIP_1000',
            name: '互联网专线 1000M',
            fixed: { bandwidth: '1000M' },
            once: 500000,
            monthly: 1980000,
            months: 36,
          },
        ],
      },
      {
        code: 'MSTP',
        name: 'MSTP 专线',
        summary: '两点间数据专线，时延稳定',
        description: '基于 MSTP 传输网的点对点电路，适合总部与分支、银行网点、政务外网。',
        ends: 2,
        attributes: [BW(['2M', '10M', '20M', '50M', '100M']), CIRCUIT],
        offers: [
          { code: 'MSTP_10', name: 'MSTP 10M', fixed: { bandwidth: '10M' }, once: 500000, monthly: 300000, months: 36 },
          {
            code: 'MSTP_100',
            name: 'MSTP 100M',
            fixed: { bandwidth: '100M' },
            once: 500000,
            monthly: 1200000,
            months: 36,
          },
        ],
      },
      {
        code: 'SDH',
        name: 'SDH 专线',
        summary: '传统 E1/155M 电路，金融与政务常用',
        description: 'SDH 数字电路，保护倒换 50 ms，适合对可靠性要求最高的业务。',
        ends: 2,
        attributes: [BW(['2M', '155M']), CIRCUIT],
        offers: [
          {
            code: 'SDH_2',
            name: 'SDH 2M（E1）',
            fixed: { bandwidth: '2M' },
            once: 300000,
            monthly: 150000,
            months: 36,
          },
          {
            code: 'SDH_155',
            name: 'SDH 155M',
            fixed: { bandwidth: '155M' },
            once: 800000,
            monthly: 2500000,
            months: 36,
          },
        ],
      },
      {
        code: 'IPRAN',
        name: 'IPRAN 专线',
        summary: '分组化专线，带宽灵活升级',
        description: '基于 IPRAN 承载网的以太网专线，支持在线提速。',
        ends: 2,
        attributes: [BW(['10M', '50M', '100M', '1000M']), CIRCUIT],
        offers: [
          {
            code: 'IPRAN_50',
            name: 'IPRAN 50M',
            fixed: { bandwidth: '50M' },
            once: 300000,
            monthly: 350000,
            months: 24,
          },
          {
            code: 'IPRAN_100',
            name: 'IPRAN 100M',
            fixed: { bandwidth: '100M' },
            once: 300000,
            monthly: 550000,
            months: 24,
          },
        ],
      },
      {
        code: 'IPMAN',
        name: 'IPMAN 专线',
        summary: '城域网以太网专线',
        description: '同城多点以太网互联，适合园区与同城分支。',
        ends: 2,
        attributes: [BW(['10M', '100M', '1000M']), CIRCUIT],
        offers: [
          {
            code: 'IPMAN_100',
            name: 'IPMAN 100M',
            fixed: { bandwidth: '100M' },
            once: 200000,
            monthly: 400000,
            months: 24,
          },
        ],
      },
    ],
  },
  {
    code: 'CLOUD',
    name: '云与视频应用',
    description: '云电脑、云会议、视频监控',
    products: [
      {
        code: 'CLOUD_PC',
        name: '天翼云电脑',
        summary: '随时随地办公，数据不落地',
        description: '企业云桌面，统一管理、数据留在云端；含瘦终端可选。',
        attributes: [
          attr('spec', '配置', [
            ['4C8G', '4 核 8G'],
            ['8C16G', '8 核 16G'],
          ]),
          attr('disk', '数据盘', [
            ['100G', '100G'],
            ['200G', '200G', 0, 1000],
          ]),
          attr(
            'terminal',
            '瘦终端',
            [
              ['0', '不需要'],
              ['1', '需要', 39900, 0],
            ],
            false,
          ),
        ],
        offers: [
          { code: 'CLOUD_PC_4C8G', name: '云电脑 办公版', fixed: { spec: '4C8G' }, once: 0, monthly: 8900 },
          { code: 'CLOUD_PC_8C16G', name: '云电脑 设计版', fixed: { spec: '8C16G' }, once: 0, monthly: 15900 },
        ],
      },
      {
        code: 'CLOUD_MEET',
        name: '云会议',
        summary: '高清视频会议，手机电脑会议室都能入会',
        description: '最多 300 方同时在线，支持会议室终端、录制与直播。',
        attributes: [
          attr('seats', '方数', [
            ['25', '25 方'],
            ['100', '100 方'],
            ['300', '300 方'],
          ]),
        ],
        offers: [
          { code: 'CLOUD_MEET_25', name: '云会议 25 方', fixed: { seats: '25' }, once: 0, monthly: 30000 },
          { code: 'CLOUD_MEET_100', name: '云会议 100 方', fixed: { seats: '100' }, once: 0, monthly: 98000 },
        ],
      },
      {
        code: 'CLOUD_EYE',
        name: '天翼云眼',
        summary: '视频监控上云，手机随时看',
        description: '摄像头 + 云存储，AI 告警（区域入侵、人员聚集），需有我司宽带。',
        attributes: [
          attr('cameras', '摄像头数量', [
            ['4', '4 路'],
            ['8', '8 路', 80000, 6000],
            ['16', '16 路', 240000, 18000],
          ]),
          attr('storage', '云存储', [
            ['7', '7 天循环'],
            ['30', '30 天循环', 0, 4000],
          ]),
        ],
        offers: [
          {
            code: 'CLOUD_EYE_STD',
            name: '天翼云眼 标准版',
            fixed: {},
            once: 0,
            monthly: 6000,
            requires: ['BIZ_BB', 'SHOP_BB', 'FTTR'],
          },
        ],
      },
      {
        code: 'BRIGHT_KITCHEN',
        name: '明厨亮灶',
        summary: '餐饮后厨视频公示，对接市场监管平台',
        description: '后厨摄像头 + AI 识别（未戴厨师帽、鼠患），视频同步至监管平台，需有我司宽带。',
        attributes: [
          attr('cameras', '摄像头数量', [
            ['2', '2 路'],
            ['4', '4 路', 40000, 3000],
          ]),
          attr(
            'ai',
            'AI 识别',
            [
              ['0', '不需要'],
              ['1', '需要', 0, 5000],
            ],
            false,
          ),
        ],
        offers: [
          {
            code: 'BRIGHT_KITCHEN_STD',
            name: '明厨亮灶 标准版',
            fixed: {},
            once: 20000,
            monthly: 5000,
            months: 12,
            requires: ['BIZ_BB', 'SHOP_BB', 'FTTR'],
          },
        ],
      },
      {
        code: 'VIDEO_RBT',
        name: '视频彩铃',
        summary: '企业形象视频，来电即展示',
        description: '员工手机来电时主叫方看到企业宣传视频，内容由企业上传、运营商审核。',
        attributes: [
          attr('members', '成员数', [
            ['50', '50 人'],
            ['100', '100 人'],
            ['500', '500 人'],
          ]),
        ],
        offers: [
          { code: 'VIDEO_RBT_50', name: '视频彩铃 50 人', fixed: { members: '50' }, once: 0, monthly: 25000 },
          { code: 'VIDEO_RBT_100', name: '视频彩铃 100 人', fixed: { members: '100' }, once: 0, monthly: 45000 },
        ],
      },
    ],
  },
  {
    code: 'SECURE',
    name: '安全与特种通信',
    description: '量子加密通话、卫星通信',
    products: [
      {
        code: 'QUANTUM_CALL',
        name: '量子密话',
        summary: '量子密钥加密通话，防窃听',
        description: '量子安全 SIM 卡 + 加密通话，适合政务与高管通信。',
        attributes: [
          attr('users', '用户数', [
            ['10', '10 人'],
            ['50', '50 人'],
            ['100', '100 人'],
          ]),
        ],
        offers: [
          {
            code: 'QUANTUM_CALL_10',
            name: '量子密话 10 人包',
            fixed: { users: '10' },
            once: 100000,
            monthly: 99000,
            months: 12,
          },
        ],
      },
      {
        code: 'SATELLITE',
        name: '卫星通信',
        summary: '天通卫星电话，无地面信号也能通话',
        description: '应急、海事、野外作业场景；手持或车载终端。',
        attributes: [
          attr('terminal', '终端', [
            ['handheld', '手持终端', 380000, 0],
            ['vehicle', '车载终端', 980000, 0],
          ]),
          attr('minutes', '通话套餐', [
            ['100', '100 分钟/月'],
            ['500', '500 分钟/月', 0, 30000],
          ]),
        ],
        offers: [{ code: 'SATELLITE_STD', name: '天通卫星 标准版', fixed: {}, once: 0, monthly: 9900, months: 12 }],
      },
    ],
  },
];

export async function seedCatalog(tx: Tx): Promise<void> {
  const now = new Date();
  for (const [li, l] of DEMO_LINES.entries()) {
    const line = await tx
      .insertInto('product_lines')
      .values({ code: l.code, name: l.name, description: l.description, sort: li + 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [pi, p] of l.products.entries()) {
      const prod = await tx
        .insertInto('products')
        .values({
          line_id: line.id,
          code: p.code,
          name: p.name,
          summary: p.summary,
          description: p.description,
          ends: p.ends ?? 1,
          status: 'published',
          attributes: JSON.stringify(p.attributes),
          sort: pi + 1,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('product_offers')
        .values(
          p.offers.map((o) => ({
            product_id: prod.id,
            code: o.code,
            name: o.name,
            description: o.description ?? '',
            status: 'published' as const,
            fixed_specs: JSON.stringify(o.fixed),
            one_time_fen: o.once,
            monthly_fen: o.monthly,
            contract_months: o.months ?? 0,
            requires: JSON.stringify(o.requires ?? []),
            excludes: JSON.stringify(o.excludes ?? []),
            published_at: now,
          })),
        )
        .execute();
    }
  }
  // A draft in preparation, so the catalogue admin shows the lifecycle.
  const cloud = await tx.selectFrom('products').select('id').where('code', '=', 'CLOUD_PC').executeTakeFirstOrThrow();
  await tx
    .insertInto('product_offers')
    .values({
      product_id: cloud.id,
      code: 'CLOUD_PC_EDU',
      name: '云电脑 教育版（筹备中）',
      fixed_specs: JSON.stringify({ spec: '4C8G' }),
      one_time_fen: 0,
      monthly_fen: 6900,
    })
    .execute();
}
