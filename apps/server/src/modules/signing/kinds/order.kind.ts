import { renderAgreement } from '@paidan/shared';
import { orderLookup, type OrderSummary } from '../../../contracts/orders';
import type { SignableKind, SignableSubject, SubjectAgreement } from '../signing-kinds';
import { maskedPhone, scopedCustomer, yuan } from './kind-helpers';
import { bodyParagraphs, currentAgreements } from './agreement-source';
import { WRITE_ON_LINE } from './agreement.kind';
import { signingCompleted } from '../../../contracts/signing';

const ORDER_TYPE_ZH: Record<OrderSummary['orderType'], string> = { new: '新装', change: '变更', cancel: '拆机/销户' };
/** Agreements every order confirms (000 §2.4: 业务营销协议, 通用安全协议). */
export const ORDER_AGREEMENT_CODES = ['order_service', 'marketing', 'security'];

/** Kind `order`: an order's confirmation, through the order contract. Works as soon as the ordering module loads. */
export const orderKind: SignableKind = {
  kind: 'order',
  available: () => orderLookup() !== null,
  async load(ctx, ex, actor, input) {
    const lookup = orderLookup();
    if (!lookup) return null;
    const ref = input.ref.trim();
    const order = (await lookup.byNumber(ex, ref)) ?? (/^\d+$/.test(ref) ? await lookup.byId(ex, Number(ref)) : null);
    if (!order) return null;
    const sum = await lookup.summary(ex, order.id);
    if (!sum) return null;
    const customer = await scopedCustomer(ctx, ex, actor, sum.order.customerId).catch(() => null);
    if (!customer) return null;
    const agreements = await currentAgreements(ex, ORDER_AGREEMENT_CODES);
    const amountFen = sum.order.totalOneTimeFen + sum.order.totalMonthlyFen;
    const lines = [
      { label: '订单号', value: sum.order.number },
      { label: '订单类型', value: ORDER_TYPE_ZH[sum.orderType] },
      { label: '客户名称', value: sum.customerName },
      { label: '统一社会信用代码', value: sum.customerCreditCode },
      { label: '联系人', value: `${sum.contactName}（${maskedPhone(sum.contactPhone)}）` },
      { label: '装机地址', value: sum.installAddress ?? '—' },
      { label: '一次性费用', value: yuan(sum.order.totalOneTimeFen) },
      { label: '月使用费', value: yuan(sum.order.totalMonthlyFen) },
    ];
    if (sum.order.preAcceptanceNo) lines.push({ label: '预受理单号', value: sum.order.preAcceptanceNo });
    const fill = {
      orderNumber: sum.order.number,
      customerName: sum.customerName,
      creditCode: sum.customerCreditCode,
      contactName: sum.contactName,
      installAddress: sum.installAddress ?? '—',
      items: sum.items
        .map((it, i) => `${i + 1}. ${it.productName}（${it.offerName}；${it.specs || '标准规格'}）× ${it.quantity}`)
        .join('\n'),
      oneTimeTotal: yuan(sum.order.totalOneTimeFen),
      monthlyTotal: yuan(sum.order.totalMonthlyFen),
      legalRepName: customer.legal_rep_name ?? '',
    };
    const filled = agreements.map((a) => ({ ...a, body: renderAgreement(a.body, fill, WRITE_ON_LINE) }));
    // the confirmation (业务受理确认书) is the template the request records; the accepted terms follow it
    const agreement: SubjectAgreement | null = filled.find((a) => a.code === 'order_service') ?? filled[0] ?? null;
    const subject: SignableSubject = {
      kind: 'order',
      ref: sum.order.number,
      title: `业务订购确认书（${sum.order.number}）`,
      customerId: sum.order.customerId,
      customerName: sum.customerName,
      customerCreditCode: sum.customerCreditCode,
      orgPath: customer.org_path,
      accountManagerId: customer.account_manager_id,
      lines,
      sections: [
        { heading: '一、订单信息', lines },
        {
          heading: '二、订购明细',
          lines: sum.items.map((it) => ({
            label: `${it.productName}`,
            value: `${it.offerName}；${it.specs || '标准规格'}；数量 ${it.quantity}；一次性 ${yuan(it.oneTimeFen)}；月费 ${yuan(it.monthlyFen)}`,
          })),
        },
        ...filled.map((a, i) => ({
          heading: `${['三', '四', '五'][i] ?? '六'}、${a.title}（第 ${a.version ?? 1} 版）`,
          paragraphs: bodyParagraphs(a.body),
        })),
        {
          heading: '确认',
          paragraphs: ['本人已阅读并确认上述订单内容及所附协议条款，同意办理上述业务。'],
        },
      ],
      agreement,
      suggestedSigner: { name: sum.contactName, phone: sum.contactPhone },
      ruleInputs: {
        kind: 'order',
        orderType: sum.orderType,
        amountFen,
        productCodes: sum.items.map((i) => i.productCode),
      },
      templateParams: [],
    };
    return subject;
  },
  async onSigned(ex, info) {
    await signingCompleted.emit(ex, {
      kind: 'order',
      subjectRef: info.subjectRef,
      requestId: info.requestId,
      number: info.number,
      signerName: info.signerName,
      signedAt: info.signedAt,
      customerId: info.customerId,
    });
  },
};
