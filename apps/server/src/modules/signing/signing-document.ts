import {
  maskPhone,
  SIGNING_MODE_LABELS,
  type OcrEvidence,
  type SigningMode,
  type SigningRuleInputs,
  type SummaryLine,
} from '@paidan/shared';
import type { PdfDocumentSpec, PdfLine, PdfSection } from '../../platform/pdf/pdf-render';
import type { SubjectAgreement } from './signing-kinds';

/** What the signer is shown, frozen when the request is made. The PDF is always rendered from it. */
export interface SigningSnapshot {
  title: string;
  customerName: string;
  customerCreditCode: string;
  legalRepName: string | null;
  lines: SummaryLine[];
  sections: PdfSection[];
  agreement: SubjectAgreement | null;
  params: Record<string, string>;
  ruleInputs: SigningRuleInputs;
  provider: string;
  createdAt: string;
}

const fmt = (d: Date | string | null | undefined) => {
  if (!d) return '—';
  const t = new Date(new Date(d).getTime() + 8 * 3600_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 19)}（北京时间）`;
};

export function documentSpec(snap: SigningSnapshot, number: string): PdfDocumentSpec {
  return {
    title: snap.title,
    subtitle: `签约编号 ${number}`,
    reference: number,
    sections: snap.sections,
    signatureBlock: {
      left: [
        { label: '甲方（服务提供方）', value: snap.provider },
        { label: '日期', value: fmt(snap.createdAt).slice(0, 10) },
      ],
      right: [
        { label: '乙方（客户）', value: snap.customerName },
        { label: '签约人', value: '（待签署）' },
      ],
      signature: null,
    },
    footer: `政企派单在线签约 · ${number}`,
    createdAt: new Date(snap.createdAt),
    author: snap.provider,
  };
}

export interface Evidence {
  number: string;
  documentSha256: string;
  signerName: string;
  signerPhone: string;
  mode: SigningMode;
  channel: 'web' | 'sms';
  sentAt: Date;
  openedAt: Date | null;
  codeRequestedAt: Date | null;
  codeVerifiedAt: Date | null;
  signedAt: Date;
  ip: string | null;
  userAgent: string | null;
  template: { code: string; id: number | null; version: number | null } | null;
  ocr: OcrEvidence | null;
  review: { by: string; note: string | null; at: Date } | null;
  certificateSubject: string;
  verifyUrl: string;
}

/** The signed copy: the same body, the signature in the signer's block, and an evidence page. */
export function signedDocumentSpec(snap: SigningSnapshot, ev: Evidence, signaturePng: Buffer | null): PdfDocumentSpec {
  const base = documentSpec(snap, ev.number);
  const how = ev.channel === 'sms' ? `已通过手机 ${maskPhone(ev.signerPhone)} 短信回复“KT”确认` : '手写电子签名';
  const lines: PdfLine[] = [
    { label: '签约编号', value: ev.number },
    { label: '文件', value: snap.title },
    { label: '原文件 SHA-256', value: ev.documentSha256 },
    ...(ev.template
      ? [
          {
            label: '协议模板',
            value: `${ev.template.code} 第 ${ev.template.version ?? '—'} 版（模板编号 ${ev.template.id ?? '—'}）`,
          },
        ]
      : []),
    { label: '签约人', value: ev.signerName },
    { label: '签约手机', value: maskPhone(ev.signerPhone) },
    { label: '签约方式', value: `${SIGNING_MODE_LABELS[ev.mode].zh}（${how}）` },
    { label: '短信发送时间', value: fmt(ev.sentAt) },
    { label: '链接打开时间', value: fmt(ev.openedAt) },
    { label: '验证码发送时间', value: fmt(ev.codeRequestedAt) },
    { label: '验证码校验时间', value: fmt(ev.codeVerifiedAt) },
    { label: '签署时间', value: fmt(ev.signedAt) },
    { label: '签署 IP', value: ev.ip ?? '—' },
    { label: '浏览器标识', value: ev.userAgent ?? (ev.channel === 'sms' ? '短信通道' : '—') },
  ];
  if (ev.ocr) {
    if (ev.ocr.licence)
      lines.push({
        label: '营业执照识别',
        value: `${ev.ocr.licence.companyName}；${ev.ocr.licence.creditCode}；法定代表人 ${ev.ocr.licence.legalRep}`,
      });
    if (ev.ocr.idCard)
      lines.push({ label: '身份证识别', value: `${ev.ocr.idCard.name}；${ev.ocr.idCard.idNumberMasked}` });
    lines.push({
      label: '核验结果',
      value: ev.ocr.mismatches.length
        ? `不一致：${ev.ocr.mismatches.join('；')}`
        : `一致（${ev.ocr.matchedAs === 'agent' ? '经委托书授权的经办人' : '法定代表人'}）`,
    });
    if (ev.ocr.liveness)
      lines.push({
        label: '活体检测',
        value: `${ev.ocr.liveness.provider}：${ev.ocr.liveness.status}${ev.ocr.liveness.detail ? `（${ev.ocr.liveness.detail}）` : ''}`,
      });
  }
  if (ev.review)
    lines.push({
      label: '人工审核',
      value: `${ev.review.by} 于 ${fmt(ev.review.at)} 审核通过${ev.review.note ? `：${ev.review.note}` : ''}`,
    });
  lines.push({ label: '平台签章证书', value: ev.certificateSubject });
  return {
    ...base,
    signatureBlock: {
      left: base.signatureBlock!.left,
      right: [
        { label: '乙方（客户）', value: snap.customerName },
        { label: '签约人', value: ev.signerName },
      ],
      signature: { png: signaturePng, caption: `${how} · ${fmt(ev.signedAt)}` },
    },
    appendix: {
      title: '签约证据页',
      intro:
        '本页记录本次在线签约的全过程证据。签署前文件内容已固定并计算摘要（SHA-256），签署后整份文件由平台以数字证书签章。',
      lines,
      note: `任何对本文件的修改都会使平台签章失效。验证地址：${ev.verifyUrl}`,
    },
  };
}
