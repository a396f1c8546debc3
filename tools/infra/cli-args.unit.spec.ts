import { UsageError, parseCliArgs } from './cli-args';

describe('parseCliArgs', () => {
  it('reads the command and keeps the rest', () => {
    expect(parseCliArgs(['test', '--x'])).toEqual({ command: 'test', rest: ['--x'] });
    expect(parseCliArgs(['up'])).toEqual({ command: 'up', rest: [] });
  });

  it('shows the status without a command and help on -h/--help', () => {
    expect(parseCliArgs([]).command).toBe('status');
    expect(parseCliArgs(['--help']).command).toBe('help');
    expect(parseCliArgs(['-h']).command).toBe('help');
  });

  it('refuses an unknown command with the usage line', () => {
    expect(() => parseCliArgs(['deploy'])).toThrow(UsageError);
    expect(() => parseCliArgs(['deploy'])).toThrow(/unknown command "deploy"; usage:/);
  });
});
