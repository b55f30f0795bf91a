import type { TestProject } from 'vitest/node';
import { buildSeedTemplate } from './seed-template';

/** Once per API test run: the seeded database every test file copies (see seed-template.ts). */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const { template, remove } = await buildSeedTemplate();
  console.log(`seeded the ${template.kind} template database in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  project.provide('seedTemplate', template);
  return remove;
}
