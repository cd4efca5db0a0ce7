import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		// The message-format plugin is loaded from node_modules (see settings.json): compiling needs no network.
		paraglideVitePlugin({
			project: './src/lib/i18n/project.inlang',
			outdir: './src/lib/i18n/paraglide',
			strategy: ['globalVariable', 'baseLocale']
		}),
		sveltekit()
	],
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		// Each integration file migrates its own databases; PGlite start-up is the slow part.
		testTimeout: 30_000,
		hookTimeout: 120_000
	}
});
