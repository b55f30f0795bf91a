import ExcelJS from 'exceljs';
import { CN_MOBILE_RE, findProduct, type ImportResult } from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { Actor } from '../../platform/auth/context';
import { withTx } from '../../platform/db/database';
import { AppError } from '../../platform/http/app-error';
import { intakeService } from './opportunity-intake';

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 5000;

/** Column headers accepted, Chinese or English, mapped to fields. */
const HEADERS: Record<string, string> = {
  企业名称: 'customerName',
  customername: 'customerName',
  统一社会信用代码: 'creditCode',
  creditcode: 'creditCode',
  联系人: 'contactName',
  contactname: 'contactName',
  联系电话: 'contactPhone',
  contactphone: 'contactPhone',
  产品: 'product',
  product: 'product',
  需求: 'need',
  需求描述: 'need',
  need: 'need',
  预计收入: 'expectedRevenue',
  '预计收入(元)': 'expectedRevenue',
  expectedrevenue: 'expectedRevenue',
  期望完成日期: 'deadline',
  deadline: 'deadline',
  区局编码: 'districtCode',
  districtcode: 'districtCode',
  来源渠道: 'sourceChannel',
  sourcechannel: 'sourceChannel',
};
/** The columns a file must have, each with the template's header that names it to the user. */
const REQUIRED: Record<string, string> = {
  customerName: '企业名称',
  contactName: '联系人',
  contactPhone: '联系电话',
  product: '产品',
};

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

async function parseXlsx(data: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (r) => {
    const cells: string[] = [];
    for (let i = 1; i <= ws.columnCount; i++) {
      const v = r.getCell(i).value as unknown;
      if (v === null || v === undefined) cells.push('');
      else if (v instanceof Date) cells.push(v.toISOString().slice(0, 10));
      else if (typeof v === 'object' && 'text' in (v as object)) cells.push(String((v as { text: unknown }).text));
      else if (typeof v === 'object' && 'result' in (v as object))
        cells.push(String((v as { result: unknown }).result));
      else cells.push(String(v));
    }
    rows.push(cells);
  });
  return rows;
}

export function importService(ctx: AppContext) {
  const intakes = intakeService(ctx);

  return {
    async importFile(actor: Actor, fileName: string, data: Buffer): Promise<ImportResult> {
      const isXlsx = data.subarray(0, 4).toString('binary') === 'PK\u0003\u0004';
      if (!isXlsx && !/\.csv$/i.test(fileName))
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', { reason: '请上传 .xlsx 或 .csv 文件' });
      let rows: string[][];
      try {
        rows = isXlsx ? await parseXlsx(data) : parseCsv(data.toString('utf8'));
      } catch {
        throw new AppError('VALIDATION_FAILED', [{ field: 'file', message: '文件无法读取，请用模板重新保存' }]);
      }
      const [head, ...body] = rows;
      const fields = (head ?? []).map((h) => HEADERS[h.trim().toLowerCase()] ?? HEADERS[h.trim()] ?? null);
      const missing = Object.keys(REQUIRED).filter((f) => !fields.includes(f));
      if (missing.length)
        throw new AppError('VALIDATION_FAILED', [
          { field: 'file', message: `缺少列：${missing.map((f) => REQUIRED[f]).join('、')}` },
        ]);
      if (body.length > IMPORT_MAX_ROWS)
        throw new AppError('VALIDATION_FAILED', [{ field: 'file', message: `一次最多导入 ${IMPORT_MAX_ROWS} 行` }]);

      const result: ImportResult = { total: body.length, created: 0, merged: 0, failed: 0, errors: [] };
      for (const [i, cells] of body.entries()) {
        const rowNo = i + 2; // the header is row 1
        const v: Record<string, string> = {};
        fields.forEach((f, j) => {
          if (f) v[f] = (cells[j] ?? '').trim();
        });
        const errs: { field: string; message: string }[] = [];
        if (!v.customerName || v.customerName.length < 2) errs.push({ field: 'customerName', message: '缺少企业名称' });
        if (v.creditCode && !/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(v.creditCode))
          errs.push({ field: 'creditCode', message: '统一社会信用代码格式不正确' });
        if (!v.contactName) errs.push({ field: 'contactName', message: '缺少联系人' });
        if (!CN_MOBILE_RE.test(v.contactPhone ?? '')) errs.push({ field: 'contactPhone', message: '手机号码不正确' });
        const product = findProduct(v.product ?? '');
        if (!product) errs.push({ field: 'product', message: `未知的产品「${v.product ?? ''}」` });
        let revenue: number | null = null;
        if (v.expectedRevenue) {
          revenue = Number(v.expectedRevenue.replace(/[,，¥]/g, ''));
          if (!Number.isFinite(revenue) || revenue < 0)
            errs.push({ field: 'expectedRevenue', message: '预计收入须为数字' });
        }
        if (v.deadline && !/^\d{4}-\d{2}-\d{2}$/.test(v.deadline))
          errs.push({ field: 'deadline', message: '日期格式为 YYYY-MM-DD' });
        if (errs.length) {
          result.failed++;
          result.errors.push(...errs.map((e) => ({ row: rowNo, ...e })));
          continue;
        }
        try {
          // One transaction per row: a row is imported whole or not at all.
          const res = await withTx(ctx.db, (tx) =>
            intakes.intake(tx, actor, {
              source: 'import',
              sourceChannel: v.sourceChannel || fileName.slice(0, 60),
              customerName: v.customerName!,
              creditCode: v.creditCode || null,
              contactName: v.contactName!,
              contactPhone: v.contactPhone!,
              productCode: product!.code,
              need: v.need ?? '',
              expectedRevenue: revenue,
              deadline: v.deadline || null,
              districtCode: v.districtCode || null,
            }),
          );
          if (res.merged) result.merged++;
          else result.created++;
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          result.failed++;
          const details = Array.isArray(e.details) ? (e.details as { field: string; message: string }[]) : [];
          if (details.length)
            result.errors.push(
              ...details.map((d) => ({ row: rowNo, field: d.field.replace(/^body\./, ''), message: d.message })),
            );
          else result.errors.push({ row: rowNo, field: '', message: e.message });
        }
      }
      return result;
    },
  };
}
