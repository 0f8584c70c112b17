/**
 * `npm run fixtures:history`: writes fixtures/sandbox-history.json, the sandbox customers'
 * older transactions, from fixtures/sandbox-bank.json (src/bank/sandbox/history.ts).
 */
import { writeFileSync } from 'node:fs';
import { DEFAULT_FIXTURE_PATH, historyFileFor, loadSandboxFixture } from '../bank/sandbox/fixture';
import { generateHistory, historyJson } from '../bank/sandbox/history';

const file = historyFileFor(DEFAULT_FIXTURE_PATH);
writeFileSync(file, historyJson(generateHistory(loadSandboxFixture(DEFAULT_FIXTURE_PATH, { withHistory: false }))));
process.stdout.write(`wrote ${file}\n`);
