// The in-host suites of a workspace opened in Restricted Mode (the runner's second run).
import { runSuitesIn } from '../mochaRunner';

export function run(): Promise<void> {
  return runSuitesIn(__dirname, 'restricted');
}
