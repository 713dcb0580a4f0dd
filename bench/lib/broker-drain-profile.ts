/**
 * One backlog drain with the broker's process profiled:
 * `node --import tsx bench/lib/broker-drain-profile.ts [count] [away|held]` writes the broker's
 * `--cpu-prof` profile to artifacts/broker-profile/ (open it in Chrome's DevTools).
 */
import { join } from 'node:path';
import { runBrokerDrain } from './broker-drain';

const [count = '50000', mode = 'away'] = process.argv.slice(2);
if (mode !== 'away' && mode !== 'held') throw new Error(`mode: away or held, not ${mode}`);
const dir = join(process.cwd(), 'artifacts', 'broker-profile');
await runBrokerDrain(Number(count), mode, {
  brokerExecArgv: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
});
console.log(`the broker's profile is in ${dir}`);
process.exit(0);
