// The demo organisation: 上海公司 with its branches, district bureaus (区局) and teams (班组).
export interface DemoDistrict {
  code: string;
  name: string;
  /** administrative division code used in credit codes */
  division: string;
  area: string;
}
export interface DemoBranch {
  code: string;
  name: string;
  districts: DemoDistrict[];
}

export const DEMO_BRANCHES: DemoBranch[] = [
  {
    code: 'SH-PD',
    name: '浦东分公司',
    districts: [
      { code: 'SH-PD-LJZ', name: '陆家嘴区局', division: '310115', area: '浦东新区陆家嘴' },
      { code: 'SH-PD-ZJ', name: '张江区局', division: '310115', area: '浦东新区张江' },
      { code: 'SH-PD-CS', name: '川沙区局', division: '310115', area: '浦东新区川沙' },
      { code: 'SH-PD-LG', name: '临港区局', division: '310115', area: '浦东新区临港' },
    ],
  },
  {
    code: 'SH-SN',
    name: '市南分公司',
    districts: [
      { code: 'SH-SN-XH', name: '徐汇区局', division: '310104', area: '徐汇区' },
      { code: 'SH-SN-HP', name: '黄浦区局', division: '310101', area: '黄浦区' },
      { code: 'SH-SN-MH', name: '闵行区局', division: '310112', area: '闵行区' },
    ],
  },
  {
    code: 'SH-SB',
    name: '市北分公司',
    districts: [
      { code: 'SH-SB-JA', name: '静安区局', division: '310106', area: '静安区' },
      { code: 'SH-SB-PT', name: '普陀区局', division: '310107', area: '普陀区' },
      { code: 'SH-SB-BS', name: '宝山区局', division: '310113', area: '宝山区' },
      { code: 'SH-SB-YP', name: '杨浦区局', division: '310110', area: '杨浦区' },
    ],
  },
  {
    code: 'SH-SX',
    name: '市西分公司',
    districts: [
      { code: 'SH-SX-CN', name: '长宁区局', division: '310105', area: '长宁区' },
      { code: 'SH-SX-JD', name: '嘉定区局', division: '310114', area: '嘉定区' },
      { code: 'SH-SX-QP', name: '青浦区局', division: '310118', area: '青浦区' },
      { code: 'SH-SX-SJ', name: '松江区局', division: '310117', area: '松江区' },
    ],
  },
];

export const DISTRICT_TEAMS = [
  { suffix: 'AM', name: '政企客户经理组' },
  { suffix: 'DSP', name: '调度组' },
  { suffix: 'FLD', name: '装维一班' },
];

export const STREETS: Record<string, string[]> = {
  '310115': ['世纪大道', '张江路', '祖冲之路', '川沙路', '环湖西二路', '陆家嘴环路', '科苑路', '碧波路'],
  '310104': ['漕溪北路', '虹桥路', '宜山路', '田林路'],
  '310101': ['南京东路', '淮海中路', '西藏中路', '中山东一路'],
  '310112': ['莘庄路', '七莘路', '紫竹路', '虹梅南路'],
  '310106': ['南京西路', '延安中路', '共和新路', '汶水路'],
  '310107': ['中山北路', '真北路', '金沙江路', '长寿路'],
  '310113': ['友谊路', '牡丹江路', '共和新路', '沪太路'],
  '310110': ['国定路', '政通路', '长阳路', '控江路'],
  '310105': ['天山路', '长宁路', '金钟路', '仙霞路'],
  '310114': ['博乐路', '城中路', '叶城路', '安亭墨玉路'],
  '310118': ['公园路', '华新镇华腾路', '徐泾镇诸光路', '城中东路'],
  '310117': ['人民北路', '九亭镇沪亭北路', '新桥镇新南路', '荣乐东路'],
};
