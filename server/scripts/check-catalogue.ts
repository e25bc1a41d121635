// Validates seed files by hand: `tsx server/scripts/check-catalogue.ts shjz-yllr` (one file,
// item rules only) or with no argument (the whole catalogue, with the 56 / 11 totals).
import { categories } from '../src/db/seed/categories';
import { validateCatalogue, validateItem } from '../src/modules/catalogue/validate';
import type { ServiceItem } from '../src/modules/catalogue/content';

async function main() {
  const files = process.argv.slice(2);
  let errors: string[];
  let count: number;
  if (files.length) {
    const items: ServiceItem[] = [];
    for (const f of files) items.push(...(await import(`../src/db/seed/services/${f}`)).items);
    errors = items.flatMap((i) => validateItem(i, categories));
    count = items.length;
  } else {
    const { serviceItems } = await import('../src/db/seed/services/index');
    errors = validateCatalogue(serviceItems, categories);
    count = serviceItems.length;
  }
  for (const e of errors) console.log(e);
  console.log(`${count} items checked, ${errors.length} problems`);
  process.exit(errors.length ? 1 : 0);
}

void main();
