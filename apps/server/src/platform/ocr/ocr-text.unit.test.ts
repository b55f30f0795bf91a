import { describe, expect, it } from 'vitest';
import { findCreditCode, normaliseOcrText, parseIdCardText, parseLicenceText } from './ocr-text';

describe('licence text parsing', () => {
  it('reads the fields of a clean licence', () => {
    const f = parseLicenceText(
      '营 业 执 照\n统一社会信用代码 91110000100005220B\n名称：中国电信集团有限公司\n法定代表人 柯 瑞 文\n住所 北京市西城区金融大街31号\n',
    );
    expect(f).toEqual({
      companyName: '中国电信集团有限公司',
      creditCode: '91110000100005220B',
      creditCodeChecked: true,
      legalRep: '柯瑞文',
      address: '北京市西城区金融大街31号',
    });
  });

  it('takes a label alone on its line from the next line', () => {
    const f = parseLicenceText('名称\n上海浦江智造科技有限公司\n法定代表人\n李明');
    expect(f.companyName).toBe('上海浦江智造科技有限公司');
    expect(f.legalRep).toBe('李明');
  });

  it('repairs the letters OCR reads in place of digits and skips stray characters around the code', () => {
    // O for 0 and I for 1
    expect(findCreditCode(normaliseOcrText('统一社会信用代码 9III0000IOOOO5220B'))).toEqual({
      code: '91110000100005220B',
      checked: true,
    });
    expect(findCreditCode(normaliseOcrText('代码 |91110000100005220B。')).code).toBe('91110000100005220B');
  });

  it('says when no code with a valid check character was found', () => {
    const r = findCreditCode(normaliseOcrText('统一社会信用代码 91110000100005220C'));
    expect(r).toEqual({ code: '91110000100005220C', checked: false });
    expect(parseLicenceText('随便一张图片').creditCode).toBeNull();
  });
});

describe('ID card text parsing', () => {
  it('reads name and number from the front, validity from the back', () => {
    const front = parseIdCardText('姓名 张 三\n性别 男 民族 汉\n公民身份号码 11010519491231002X');
    expect(front.name).toBe('张三');
    expect(front.idNumber).toBe('11010519491231002X');
    expect(front.idNumberChecked).toBe(true);
    const back = parseIdCardText('签发机关 上海市公安局\n有效期限 2016.03.01-2036.03.01');
    expect([back.validFrom, back.validTo]).toEqual(['2016-03-01', '2036-03-01']);
    expect(parseIdCardText('有效期限 2010.05.06-长期').validTo).toBe('长期');
  });

  it('flags a number whose check digit fails', () => {
    const r = parseIdCardText('公民身份号码 110105194912310021');
    expect(r.idNumber).toBe('110105194912310021');
    expect(r.idNumberChecked).toBe(false);
  });
});
