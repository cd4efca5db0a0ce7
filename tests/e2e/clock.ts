import { rmSync, writeFileSync } from 'node:fs';

// The app under test reads this file (HUIFANG_CLOCK_FILE, set in playwright.config.ts) for
// an offset added to the real time: a test moves the server's clock instead of waiting.
const clockFile = process.env.E2E_CLOCK_FILE!;

/** From now on the server believes it is `at` (and time runs on from there). */
export function setServerTime(at: Date): void {
	writeFileSync(clockFile, String(at.getTime() - Date.now()));
}

export function resetServerTime(): void {
	rmSync(clockFile, { force: true });
}
