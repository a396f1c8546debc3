import {
  chooseSource,
  needsDockerProbe,
  parseBrokers,
  wantsTestcontainers,
} from './endpoint-selection';

describe('choosing where infrastructure comes from: environment → testcontainers → local', () => {
  it('uses the environment variable first, even when Docker answers', () => {
    const env = {
      DATABASE_URL: 'postgres://db:5432/x',
      REDIS_URL: 'redis://r',
      KAFKA_BROKERS: 'k:9092',
    };
    expect(chooseSource('postgres', env, true)).toBe('environment');
    expect(chooseSource('redis', env, true)).toBe('environment');
    expect(chooseSource('kafka', env, true)).toBe('environment');
  });

  it('uses testcontainers when Docker answers and nothing is configured', () => {
    expect(chooseSource('postgres', {}, true)).toBe('testcontainers');
    expect(chooseSource('kafka', {}, true)).toBe('testcontainers');
  });

  it('falls back to local servers when Docker does not answer', () => {
    expect(chooseSource('postgres', {}, false)).toBe('local');
    expect(chooseSource('redis', {}, false)).toBe('local');
    expect(chooseSource('kafka', {}, false)).toBe('local');
  });

  it('decides per component: one variable set, the others still local', () => {
    const env = { REDIS_URL: 'redis://elsewhere:6379' };
    expect(chooseSource('redis', env, false)).toBe('environment');
    expect(chooseSource('postgres', env, false)).toBe('local');
  });

  it('TESTCONTAINERS=1 forces containers, TESTCONTAINERS=0 forbids them', () => {
    expect(wantsTestcontainers({ TESTCONTAINERS: '1' }, false)).toBe(true);
    expect(wantsTestcontainers({ TESTCONTAINERS: '0' }, true)).toBe(false);
    expect(wantsTestcontainers({}, true)).toBe(true);
    expect(wantsTestcontainers({}, false)).toBe(false);
  });

  it('ignores blank variables', () => {
    expect(chooseSource('kafka', { KAFKA_BROKERS: '  ' }, false)).toBe('local');
  });

  it('keeps the local broker when KAFKA_BROKERS was handed down with CUAKHAU_LOCAL_KAFKA=1', () => {
    const env = { KAFKA_BROKERS: '127.0.0.1:9092', CUAKHAU_LOCAL_KAFKA: '1' };
    expect(chooseSource('kafka', env, true)).toBe('local');
  });

  it('asks Docker only when its answer can change the outcome', () => {
    expect(needsDockerProbe({})).toBe(true);
    expect(needsDockerProbe({ TESTCONTAINERS: '0' })).toBe(false);
    expect(needsDockerProbe({ TESTCONTAINERS: '1' })).toBe(false);
    expect(
      needsDockerProbe({
        DATABASE_URL: 'postgres://x',
        REDIS_URL: 'redis://x',
        KAFKA_BROKERS: 'x:1',
      }),
    ).toBe(false);
  });

  it('splits KAFKA_BROKERS on commas', () => {
    expect(parseBrokers(' a:9092, b:9093 ,,')).toEqual(['a:9092', 'b:9093']);
  });
});
