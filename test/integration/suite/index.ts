// The in-host suites of a trusted workspace (the runner's first run).
import { runSuitesIn } from '../mochaRunner';

export function run(): Promise<void> {
  return runSuitesIn(__dirname, 'integration');
}
