import ExcelJS from 'exceljs';
import {
  REQUEST_TYPE_LABELS,
  ROLE_LABELS,
  SLA_STAGE_LABELS,
  TICKET_STATUS_LABELS,
  type TicketMonitorByOrg,
  type TicketMonitorByPerson,
  type TicketMonitorSummary,
} from '@paidan/shared';

// The monitor as an Excel workbook: one sheet per view, Chinese headers, numbers as numbers.

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const INT = '#,##0';
const PCT = '0.0%';
const AVG = '0.00';

export const SHEET_NAMES = {
  summary: '概况',
  stages: '环节时限',
  byOrg: '按单位',
  byPerson: '按人员',
  trend: '每日趋势',
} as const;

interface Col {
  header: string;
  width: number;
  fmt?: string;
}

function table(ws: ExcelJS.Worksheet, startRow: number, cols: Col[], rows: (string | number | null)[][]): number {
  const head = ws.getRow(startRow);
  cols.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F4FF' } };
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF91CAFF' } } };
  });
  rows.forEach((values, r) => {
    const row = ws.getRow(startRow + 1 + r);
    values.forEach((v, i) => {
      const cell = row.getCell(i + 1);
      cell.value = v;
      const fmt = cols[i]?.fmt;
      if (fmt && typeof v === 'number') cell.numFmt = fmt;
    });
  });
  cols.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = Math.max(col.width ?? 0, c.width);
  });
  return startRow + rows.length + 2;
}

function title(ws: ExcelJS.Worksheet, row: number, text: string) {
  const cell = ws.getRow(row).getCell(1);
  cell.value = text;
  cell.font = { bold: true, size: 12 };
}

const METRIC_COLS: Col[] = [
  { header: '受理量', width: 10, fmt: INT },
  { header: '已归档', width: 10, fmt: INT },
  { header: '当前积压', width: 10, fmt: INT },
  { header: '超时次数', width: 10, fmt: INT },
  { header: '完成环节数', width: 12, fmt: INT },
  { header: '及时环节数', width: 12, fmt: INT },
  { header: '及时率', width: 10, fmt: PCT },
  { header: '评价数', width: 10, fmt: INT },
  { header: '满意度均分', width: 12, fmt: AVG },
];
const ORG_COLS: Col[] = [{ header: '单位', width: 26 }, ...METRIC_COLS];
const PERSON_COLS: Col[] = [
  { header: '处理人', width: 14 },
  { header: '角色', width: 14 },
  { header: '所属单位', width: 24 },
  ...METRIC_COLS,
];
export const BY_ORG_HEADERS = ORG_COLS.map((c) => c.header);
export const BY_PERSON_HEADERS = PERSON_COLS.map((c) => c.header);

type Metrics = TicketMonitorByOrg['total'];
const metricValues = (m: Metrics) => [
  m.received,
  m.closed,
  m.openBacklog,
  m.breaches,
  m.ended,
  m.onTime,
  m.rate,
  m.rated,
  m.avgRating,
];

export async function monitorWorkbook(
  s: TicketMonitorSummary,
  o: TicketMonitorByOrg,
  p: TicketMonitorByPerson,
  generatedBy: string,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = generatedBy;
  wb.created = new Date(s.generatedAt);

  const sum = wb.addWorksheet(SHEET_NAMES.summary, { views: [{ state: 'frozen', ySplit: 1 }] });
  let r = table(
    sum,
    1,
    [
      { header: '指标', width: 22 },
      { header: '数值', width: 18 },
    ],
    [
      ['单位', s.org.name],
      ['统计期间', `${s.period.from} 至 ${s.period.to}（${s.period.days} 天）`],
      ['受理量', s.totals.received],
      ['已解决', s.totals.resolved],
      ['已归档', s.totals.closed],
      ['撤单', s.totals.cancelled],
      ['当前积压', s.totals.openBacklog],
      ['超时次数', s.totals.breaches],
      ['完成环节数', s.timeliness.ended],
      ['及时环节数', s.timeliness.onTime],
      ['及时率', s.timeliness.rate],
      ['评价数', s.satisfaction.rated],
      ['满意度均分', s.satisfaction.average],
      ['满意率（4–5 星）', s.satisfaction.goodShare],
      ['生成时间', new Date(Date.parse(s.generatedAt) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')],
    ],
  );
  // Per-row formats in the two-column block.
  const fmts: Record<string, string> = { 及时率: PCT, '满意率（4–5 星）': PCT, 满意度均分: AVG };
  sum.eachRow((row) => {
    const label = String(row.getCell(1).value ?? '');
    const v = row.getCell(2);
    if (typeof v.value === 'number') v.numFmt = fmts[label] ?? INT;
  });
  title(sum, r, '积压（按状态）');
  r = table(
    sum,
    r + 1,
    [
      { header: '状态', width: 22 },
      { header: '工单数', width: 18, fmt: INT },
    ],
    s.backlogByStatus.map((b) => [TICKET_STATUS_LABELS[b.status].zh, b.count]),
  );
  title(sum, r, '受理量（按类型）');
  table(
    sum,
    r + 1,
    [
      { header: '类型', width: 22 },
      { header: '工单数', width: 18, fmt: INT },
    ],
    s.volumesByType.map((v) => [REQUEST_TYPE_LABELS[v.type].zh, v.count]),
  );

  const st = wb.addWorksheet(SHEET_NAMES.stages, { views: [{ state: 'frozen', ySplit: 1 }] });
  table(
    st,
    1,
    [
      { header: '环节', width: 14 },
      { header: '滞留-正常', width: 12, fmt: INT },
      { header: '滞留-预警', width: 12, fmt: INT },
      { header: '滞留-超时', width: 12, fmt: INT },
      { header: '滞留-暂停', width: 12, fmt: INT },
      { header: '滞留合计', width: 12, fmt: INT },
      { header: '期间超时', width: 12, fmt: INT },
      { header: '完成环节数', width: 12, fmt: INT },
      { header: '及时环节数', width: 12, fmt: INT },
      { header: '及时率', width: 10, fmt: PCT },
    ],
    s.backlogByStage.map((b) => {
      const t = s.timelinessByStage.find((x) => x.stage === b.stage)!;
      const br = s.breachesByStage.find((x) => x.stage === b.stage)!;
      return [
        SLA_STAGE_LABELS[b.stage].zh,
        b.ok,
        b.warning,
        b.breached,
        b.paused,
        b.total,
        br.count,
        t.ended,
        t.onTime,
        t.rate,
      ];
    }),
  );

  const org = wb.addWorksheet(SHEET_NAMES.byOrg, { views: [{ state: 'frozen', ySplit: 1 }] });
  table(org, 1, ORG_COLS, [
    ...o.rows.map((row) => [row.orgName, ...metricValues(row)]),
    ['合计', ...metricValues(o.total)],
  ]);

  const person = wb.addWorksheet(SHEET_NAMES.byPerson, { views: [{ state: 'frozen', ySplit: 1 }] });
  table(
    person,
    1,
    PERSON_COLS,
    p.rows.map((row) => [row.userName, ROLE_LABELS[row.role].zh, row.orgName ?? '', ...metricValues(row)]),
  );

  const trend = wb.addWorksheet(SHEET_NAMES.trend, { views: [{ state: 'frozen', ySplit: 1 }] });
  table(
    trend,
    1,
    [
      { header: '日期', width: 14 },
      { header: '受理量', width: 10, fmt: INT },
      { header: '归档量', width: 10, fmt: INT },
      { header: '超时次数', width: 10, fmt: INT },
    ],
    s.trend.map((d) => [d.day, d.received, d.closed, d.breaches]),
  );

  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** `attachment` with an ASCII fallback and the UTF-8 name (RFC 5987 / 6266). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
