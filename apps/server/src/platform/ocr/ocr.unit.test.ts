import { afterAll, describe, expect, it } from 'vitest';
import { closeOcr, ocrIdCard, ocrLicence, OcrInputError } from './ocr';
import { creditCode, idCardBackImage, idCardFrontImage, idNumber, licenceImage } from './ocr-test-images';

// Real recognitions with tesseract.js and the chi_sim data from node_modules, on images these tests draw.
afterAll(closeOcr);

describe('OCR port', () => {
  it('reads a business licence image into fields', async () => {
    const code = creditCode('91310115132206745');
    const img = await licenceImage({
      companyName: '上海云帆数据科技有限公司',
      creditCode: code,
      legalRep: '王建国',
      address: '上海市浦东新区张江路88号',
    });
    const r = await ocrLicence(img);
    expect(r.companyName).toBe('上海云帆数据科技有限公司');
    expect(r.creditCode).toBe(code);
    expect(r.creditCodeChecked).toBe(true);
    expect(r.legalRep).toBe('王建国');
    expect(r.address).toContain('张江路88号');
    expect(r.confidence).toBeGreaterThan(60);
    expect(r.rawText).toContain('营业执照');
  }, 60_000);

  it('reads a JPEG licence too', async () => {
    const code = creditCode('91310104MA1FR4LX6');
    const img = await licenceImage(
      {
        companyName: '上海徐汇星辰软件有限公司',
        creditCode: code,
        legalRep: '陈静',
        address: '上海市徐汇区漕溪北路18号',
      },
      'jpeg',
    );
    const r = await ocrLicence(img);
    expect(r.companyName).toBe('上海徐汇星辰软件有限公司');
    expect(r.creditCode).toBe(code);
  }, 60_000);

  it('reads both sides of an ID card', async () => {
    const id = idNumber('31011519800101123');
    const front = await ocrIdCard(await idCardFrontImage({ name: '王建国', idNumber: id }));
    expect(front.name).toBe('王建国');
    expect(front.idNumber).toBe(id);
    expect(front.idNumberChecked).toBe(true);
    const back = await ocrIdCard(await idCardBackImage());
    expect(back.validTo).toBe('2036-03-01');
  }, 60_000);

  it('refuses bytes that are not an image, by content', async () => {
    await expect(ocrLicence(Buffer.from('%PDF-1.7 not an image'))).rejects.toBeInstanceOf(OcrInputError);
    await expect(ocrLicence(Buffer.from('just text, named licence.png'))).rejects.toMatchObject({
      reason: 'not_image',
    });
    await expect(ocrLicence(Buffer.alloc(0))).rejects.toMatchObject({ reason: 'empty' });
  });

  it('serialises concurrent recognitions on the one worker', async () => {
    const img = await licenceImage({
      companyName: '上海青浦物流有限公司',
      creditCode: creditCode('91310118MA1JL0AB1'),
      legalRep: '赵磊',
      address: '上海市青浦区华新镇1号',
    });
    const rs = await Promise.all([ocrLicence(img), ocrLicence(img)]);
    expect(rs.map((r) => r.companyName)).toEqual(['上海青浦物流有限公司', '上海青浦物流有限公司']);
  }, 90_000);
});
