import { creditCodeCheckChar, type CustomerLevel } from '@paidan/shared';
import type { Rng } from './seed-random';

const BRANDS = [
  '浦江',
  '申城',
  '东方明',
  '金桥',
  '华腾',
  '博远',
  '汇通',
  '启航',
  '恒信',
  '瑞丰',
  '天纬',
  '宏达',
  '鼎盛',
  '锦程',
  '中科睿',
  '新凯',
  '海纳',
  '星辰',
  '云帆',
  '嘉和',
  '同创',
  '九州通达',
  '凯瑞',
  '明德',
  '安泰',
  '百川',
  '鸿运',
  '卓越',
  '辰光',
  '领航',
  '沪联',
  '江海',
  '悦达',
  '智远',
  '德润',
  '融信',
  '晟达',
  '泓盛',
  '立信达',
  '众诚',
  '华鑫',
  '蓝海',
  '君和',
  '亿康',
  '信达通',
];
const BUSINESSES: { suffix: string; industry: string }[] = [
  { suffix: '智造科技有限公司', industry: '制造业' },
  { suffix: '精密机械有限公司', industry: '制造业' },
  { suffix: '汽车零部件有限公司', industry: '制造业' },
  { suffix: '医疗器械有限公司', industry: '医疗卫生' },
  { suffix: '物流有限公司', industry: '交通物流' },
  { suffix: '供应链管理有限公司', industry: '交通物流' },
  { suffix: '信息技术有限公司', industry: '信息技术' },
  { suffix: '软件有限公司', industry: '信息技术' },
  { suffix: '餐饮管理有限公司', industry: '餐饮酒店' },
  { suffix: '酒店管理有限公司', industry: '餐饮酒店' },
  { suffix: '商贸有限公司', industry: '商贸零售' },
  { suffix: '连锁超市有限公司', industry: '商贸零售' },
  { suffix: '文化传媒有限公司', industry: '文化传媒' },
  { suffix: '置业有限公司', industry: '房地产' },
  { suffix: '物业管理有限公司', industry: '房地产' },
  { suffix: '新能源科技有限公司', industry: '能源' },
  { suffix: '融资租赁有限公司', industry: '金融' },
  { suffix: '投资管理有限公司', industry: '金融' },
];
const INSTITUTIONS: { name: (area: string) => string; industry: string; level: CustomerLevel }[] = [
  { name: (a) => `上海市${a}教育局`, industry: '教育', level: 'province' },
  { name: (a) => `上海市${a}卫生健康委员会`, industry: '政府机关', level: 'province' },
  { name: (a) => `上海市${a}人民医院`, industry: '医疗卫生', level: 'local_a' },
  { name: (a) => `上海市${a}实验学校`, industry: '教育', level: 'local_a' },
  { name: (a) => `上海市${a}市场监督管理局`, industry: '政府机关', level: 'province' },
  { name: (a) => `${a}社区卫生服务中心`, industry: '医疗卫生', level: 'local_b' },
];
const GROUP_NAMES: { name: string; industry: string }[] = [
  { name: '上海浦江港务集团有限公司', industry: '交通物流' },
  { name: '上海申城城市建设投资集团有限公司', industry: '房地产' },
  { name: '上海东方明珠数字科技集团有限公司', industry: '信息技术' },
  { name: '上海沪联商业银行股份有限公司', industry: '金融' },
  { name: '上海江海能源集团有限公司', industry: '能源' },
  { name: '上海锦程国际物流集团有限公司', industry: '交通物流' },
  { name: '上海华鑫医药集团有限公司', industry: '医疗卫生' },
  { name: '上海领航汽车工业集团有限公司', industry: '制造业' },
];

const ORG_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export function creditCodeFor(r: Rng, division: string, kind: 'company' | 'institution'): string {
  let body = '';
  for (let i = 0; i < 9; i++) body += i < 8 && r.next() < 0.8 ? String(r.int(0, 9)) : ORG_CODE_CHARS[r.int(0, 30)];
  const first17 = `${kind === 'company' ? '91' : '11'}${division}${body}`;
  return first17 + creditCodeCheckChar(first17)!;
}

function levelFor(r: Rng): CustomerLevel {
  const x = r.next();
  if (x < 0.12) return 'local_a';
  if (x < 0.5) return 'local_b';
  if (x < 0.92) return 'local_c';
  return 'province';
}

export interface DemoEnterprise {
  name: string;
  industry: string;
  level: CustomerLevel;
  kind: 'company' | 'institution';
}

/** About `count` distinct enterprise names spread over the given district areas. */
export function demoEnterprises(r: Rng, areas: string[], count: number): DemoEnterprise[] {
  const out: DemoEnterprise[] = [];
  const seen = new Set<string>();
  const add = (e: DemoEnterprise) => {
    if (seen.has(e.name)) return;
    seen.add(e.name);
    out.push(e);
  };
  for (const g of GROUP_NAMES) add({ ...g, level: 'group', kind: 'company' });
  for (const area of areas) {
    const inst = r.pick(INSTITUTIONS);
    add({ name: inst.name(area), industry: inst.industry, level: inst.level, kind: 'institution' });
  }
  while (out.length < count) {
    const b = r.pick(BUSINESSES);
    add({ name: `上海${r.pick(BRANDS)}${b.suffix}`, industry: b.industry, level: levelFor(r), kind: 'company' });
  }
  return out;
}
