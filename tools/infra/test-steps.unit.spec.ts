import { formatDuration, formatSummary, testSteps } from './test-steps';

describe('npm test steps', () => {
  it('runs the layers in order, cheapest first', () => {
    expect(testSteps({ hasBufConfig: true }).map((step) => step.name)).toEqual([
      'project graph',
      'lint',
      'typecheck',
      'typecheck web',
      'buf lint',
      'format',
      'unit',
      'int',
      'e2e',
    ]);
  });

  it('skips buf lint with a notice while there is no buf.yaml', () => {
    const buf = testSteps({ hasBufConfig: false }).find((step) => step.name === 'buf lint');
    expect(buf?.skip).toBe('no buf.yaml yet');
    const withConfig = testSteps({ hasBufConfig: true }).find((step) => step.name === 'buf lint');
    expect(withConfig?.skip).toBeUndefined();
  });

  it('never passes with no tests, runs int/e2e in band and never lets a leaked handle hang them', () => {
    for (const step of testSteps({ hasBufConfig: true })) {
      expect(step.args.includes('--passWithNoTests')).toBe(false);
      expect(step.args.includes('--forceExit')).toBe(step.name === 'int' || step.name === 'e2e');
      expect(step.args.includes('--runInBand')).toBe(step.name === 'int' || step.name === 'e2e');
    }
  });

  it('fails lint on any warning', () => {
    const lint = testSteps({ hasBufConfig: true }).find((step) => step.name === 'lint');
    expect(lint?.args).toEqual(['.', '--max-warnings', '0']);
  });
});

describe('summary table', () => {
  it('shows each step with its result and duration', () => {
    const table = formatSummary([
      { name: 'lint', status: 'passed', durationMs: 12_345 },
      { name: 'buf lint', status: 'skipped', durationMs: 0 },
      { name: 'unit', status: 'failed', durationMs: 800 },
      { name: 'int', status: 'not run', durationMs: 0 },
    ]).split('\n');
    expect(table[0]).toMatch(/^ {2}step +result +time$/);
    expect(table[1]).toMatch(/lint +passed +12\.3 s$/);
    expect(table[2]).toMatch(/buf lint +skipped$/);
    expect(table[3]).toMatch(/unit +failed +800 ms$/);
    expect(table[4]).toMatch(/int +not run$/);
  });

  it('formats durations', () => {
    expect(formatDuration(999)).toBe('999 ms');
    expect(formatDuration(61_000)).toBe('61.0 s');
  });
});
