import type { AppContext } from '../platform/app-context';
import { rng } from './seed-random';

/** Loads demo data when the database has no organisation yet. Returns whether it did. */
export async function seedIfEmpty(ctx: AppContext, opts: { history?: boolean } = {}): Promise<boolean> {
  const any = await ctx.db.selectFrom('orgs').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  const { seedDemo } = await import('./demo-data');
  await seedDemo(ctx);
  if (opts.history ?? true) {
    const { seedDemoHistory } = await import('./demo-history');
    await seedDemoHistory(ctx, rng(20261123));
    const { seedDemoOrders } = await import('./demo-orders');
    await seedDemoOrders(ctx, rng(20261201));
    const { seedSigningDemo } = await import('../modules/signing/signing-demo');
    await seedSigningDemo(ctx);
  }
  const { seedDemoOpportunities } = await import('./demo-opportunities');
  await seedDemoOpportunities(ctx, rng(20261201));
  return true;
}
