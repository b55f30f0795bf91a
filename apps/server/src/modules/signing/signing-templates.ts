import { renderAgreement } from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import { AppError } from '../../platform/http/app-error';
import { renderPdf } from '../../platform/pdf/pdf-render';
import { bodyParagraphs, currentAgreements } from './kinds/agreement-source';
import { WRITE_ON_LINE } from './kinds/agreement.kind';
import { PROVIDER_NAME } from './signing-context';

/** Seed 000 table 2: templates customers download before they sign (委托书, 用途说明). */
export const DOWNLOADABLE_TEMPLATE_CODES = ['power_of_attorney', 'usage_statement'];

export function signingTemplates(ctx: AppContext) {
  return {
    async list() {
      const rows = await currentAgreements(ctx.db, DOWNLOADABLE_TEMPLATE_CODES);
      return rows.map((r) => ({ code: r.code, title: r.title, version: r.version ?? 1 }));
    },
    async pdf(code: string): Promise<{ name: string; data: Buffer }> {
      if (!DOWNLOADABLE_TEMPLATE_CODES.includes(code)) throw new AppError('SIGNING_TEMPLATE_NOT_FOUND');
      const [tpl] = await currentAgreements(ctx.db, [code]);
      if (!tpl) throw new AppError('SIGNING_TEMPLATE_NOT_FOUND');
      const data = await renderPdf({
        title: tpl.title,
        subtitle: `模板 ${tpl.code} · 第 ${tpl.version ?? 1} 版`,
        sections: [{ paragraphs: bodyParagraphs(renderAgreement(tpl.body, {}, WRITE_ON_LINE)) }],
        signatureBlock: {
          left: [
            { label: '委托单位（盖章）', value: '' },
            { label: '日期', value: '    年   月   日' },
          ],
          right: [
            { label: '法定代表人（签字）', value: '' },
            { label: '受托人（签字）', value: '' },
          ],
        },
        footer: `${PROVIDER_NAME} · ${tpl.title}`,
      });
      return { name: `${tpl.title}-v${tpl.version ?? 1}.pdf`, data };
    },
  };
}
