// Realistic Chinese names for demo staff and contacts.
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split(
    '',
  );
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '晓东',
  '海燕',
  '志强',
  '文静',
  '丹',
  '佳怡',
  '子轩',
  '浩然',
  '雨萱',
  '思远',
  '嘉豪',
  '梓涵',
  '欣怡',
  '俊杰',
  '晨',
  '琳',
  '颖',
  '斌',
  '鹏',
  '宇',
  '卫东',
  '红梅',
  '振华',
  '立新',
  '建国',
  '晓燕',
  '春梅',
  '国平',
  '雪',
];

import type { Rng } from './seed-random';

export function personName(r: Rng): string {
  return r.pick(SURNAMES) + r.pick(GIVEN);
}

/** A plausible Shanghai mobile number, unique within one seed run. */
export function mobileFactory(r: Rng) {
  const used = new Set<string>();
  const prefixes = ['139', '138', '137', '136', '135', '186', '189', '133', '153', '177', '180', '181'];
  return (): string => {
    for (;;) {
      const p = `${r.pick(prefixes)}${String(r.int(0, 99_999_999)).padStart(8, '0')}`;
      if (!used.has(p) && !p.startsWith('1391600')) {
        used.add(p);
        return p;
      }
    }
  };
}
