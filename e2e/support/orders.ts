import { expect, type Page } from '@playwright/test';
import { ORDER_STAGE_LABELS, type OrderStage, type WorkOrderTask } from '@paidan/shared';

/**
 * Who moves an order of the 张江 district on, stage by stage (SPEC M4, 业务受理 → 资源调配 → 施工安装 → 业务完工 → 起租):
 * the account team reviews, dispatch allocates resources, the field team installs, the account team starts billing.
 */
export const ZHANGJIANG_STEPS: readonly (readonly [username: string, task: WorkOrderTask, next: OrderStage])[] = [
  ['am_pd01', 'review', 'resourcing'],
  ['disp_pd', 'resource', 'installing'],
  ['tech_pd01', 'install', 'completed'],
  ['am_pd01', 'billing', 'billing_started'],
];

/** A stage on an order page: `data-reached="yes"` once reached, and then the time it was reached. */
export const stageStep = (page: Page, stage: OrderStage) => page.getByTestId(`stage-${stage}`).first();

/** On a staff order page: finishes the work order of a task and waits until the order shows its next stage. */
export async function finishWorkOrder(page: Page, task: WorkOrderTask, next: OrderStage): Promise<void> {
  await page.getByTestId(`wo-finish-${task}`).click();
  await page.getByTestId('wo-finish-ok').click();
  await expect(page.getByTestId('order-stage').first()).toContainText(ORDER_STAGE_LABELS[next].zh);
}
