import type { AppContext } from '../platform/app-context';

/** Loads demo data when the database has no organisation yet. Returns whether it did. */
export async function seedIfEmpty(ctx: AppContext): Promise<boolean> {
  const any = await ctx.db.selectFrom('orgs').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  const { seedDemo } = await import('./demo-data');
  await seedDemo(ctx);
  return true;
}
