// Mocha's spec reporter plus the closing line every test layer prints: `<layer>: N passed, N failed`.
import * as Mocha from 'mocha';

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options: Mocha.MochaOptions & { reporterOptions?: { layer?: string } }) {
    super(runner, options);
    const layer = options.reporterOptions?.layer ?? 'tests';
    let passed = 0;
    let failed = 0;
    runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, () => passed++);
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, () => failed++);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      console.log(`${layer}: ${passed} passed, ${failed} failed`);
    });
  }
}

export = SummaryReporter;
