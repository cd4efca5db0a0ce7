/**
 * `npm run templates:export -- DIR`: writes every industry template as one JSON
 * file (DIR/<template-id>.json) in the questionnaire interchange format the README describes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TEMPLATES } from '../lib/domain/templates/index';
import { toInterchange } from '../lib/domain/questionnaire/interchange';

const dir = process.argv[2];
if (!dir) {
	console.error('usage: npm run templates:export -- DIR');
	process.exit(2);
}
mkdirSync(dir, { recursive: true });
for (const template of TEMPLATES) {
	const file = path.join(dir, `${template.id}.json`);
	writeFileSync(file, JSON.stringify(toInterchange(template), null, '\t') + '\n');
}
console.log(`wrote ${TEMPLATES.length} templates to ${path.resolve(dir)}`);
