/** One step of `npm test`: a tool from node_modules/.bin with its arguments. */
export interface TestStep {
  name: string;
  bin: string;
  args: string[];
  /** When set, the step is not run and this notice is printed instead. */
  skip?: string;
}

export interface StepResult {
  name: string;
  status: 'passed' | 'failed' | 'skipped' | 'not run';
  durationMs: number;
}

/** The test layers in order, cheapest first; the first failure stops the run. */
export function testSteps({ hasBufConfig }: { hasBufConfig: boolean }): TestStep[] {
  return [
    // The module-boundary lint rule reads Nx's project graph: build it first, or the rule
    // silently checks nothing on a fresh clone.
    { name: 'project graph', bin: 'nx', args: ['show', 'projects'] },
    { name: 'lint', bin: 'eslint', args: ['.', '--max-warnings', '0'] },
    { name: 'typecheck', bin: 'tsc', args: ['-p', 'tsconfig.json'] },
    // The web app has its own compiler settings (DOM, JSX, bundler resolution).
    { name: 'typecheck web', bin: 'tsc', args: ['-p', 'services/web/tsconfig.json'] },
    hasBufConfig
      ? { name: 'buf lint', bin: 'buf', args: ['lint'] }
      : { name: 'buf lint', bin: 'buf', args: ['lint'], skip: 'no buf.yaml yet' },
    { name: 'format', bin: 'prettier', args: ['--check', '.'] },
    { name: 'unit', bin: 'jest', args: ['--selectProjects', 'unit'] },
    // --forceExit: a leaked timer or socket in one suite must fail nothing and hang nothing
    // (a known leak: logistics-queue's BullMQ worker after its restart test).
    { name: 'int', bin: 'jest', args: ['--selectProjects', 'int', '--runInBand', '--forceExit'] },
    {
      name: 'e2e',
      bin: 'jest',
      args: ['--selectProjects', 'e2e', '--runInBand', '--forceExit'],
    },
  ];
}

export function formatDuration(ms: number): string {
  return ms < 1_000 ? `${ms} ms` : `${(ms / 1_000).toFixed(1)} s`;
}

/** A plain-text table: step, result, duration. */
export function formatSummary(results: readonly StepResult[]): string {
  const width = Math.max(4, ...results.map((result) => result.name.length));
  const lines = results.map((result) =>
    `  ${result.name.padEnd(width)}  ${result.status.padEnd(8)}  ${
      result.status === 'passed' || result.status === 'failed'
        ? formatDuration(result.durationMs)
        : ''
    }`.trimEnd(),
  );
  return [`  ${'step'.padEnd(width)}  result    time`, ...lines].join('\n');
}
