import { ApiClient, type SessionTokens, type TokenStore } from './api-client';
import { ApiError, fieldErrorsOf, parseProblem } from './problem';

interface Call {
  url: string;
  authorization: string | undefined;
  body: unknown;
}

function harness(answers: Array<{ status: number; body: unknown }>, tokens: SessionTokens | null) {
  let stored = tokens;
  const calls: Call[] = [];
  const ended: string[] = [];
  const store: TokenStore = { load: () => stored, save: (next) => (stored = next) };
  const fake: typeof fetch = (input, init) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    calls.push({
      url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      authorization: headers['authorization'],
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    const answer = answers.shift() ?? { status: 500, body: {} };
    return Promise.resolve(new Response(JSON.stringify(answer.body), { status: answer.status }));
  };
  const client = new ApiClient({
    baseUrl: '/api/v1',
    fetch: fake,
    store,
    now: () => 1_000_000,
    onSessionEnded: (reason) => ended.push(reason),
  });
  return { client, calls, ended, stored: () => stored };
}

const session = { accessToken: 'A2', tokenType: 'Bearer', expiresIn: 900, refreshToken: 'R2' };
const fresh: SessionTokens = { accessToken: 'A1', refreshToken: 'R1', expiresAt: 5_000_000 };

describe('ApiClient', () => {
  it('refreshes once on 401 and retries with the new token', async () => {
    const h = harness(
      [
        { status: 401, body: { status: 401, code: 'GATEWAY.TOKEN_EXPIRED' } },
        { status: 200, body: session },
        { status: 200, body: { id: 'me' } },
      ],
      fresh,
    );
    await expect(h.client.get('/me')).resolves.toEqual({ id: 'me' });
    expect(h.calls.map((call) => [call.url, call.authorization])).toEqual([
      ['/api/v1/me', 'Bearer A1'],
      ['/api/v1/auth/refresh', undefined],
      ['/api/v1/me', 'Bearer A2'],
    ]);
    expect(h.calls[1]?.body).toEqual({ refreshToken: 'R1' });
    expect(h.stored()).toEqual({ accessToken: 'A2', refreshToken: 'R2', expiresAt: 1_900_000 });
  });

  it('ends the session (back to login with a message) when the refresh is refused', async () => {
    const h = harness(
      [
        { status: 401, body: { status: 401, code: 'X' } },
        { status: 401, body: { status: 401, code: 'GATEWAY.REFRESH_TOKEN_INVALID' } },
      ],
      fresh,
    );
    await expect(h.client.get('/me')).rejects.toBeInstanceOf(ApiError);
    expect(h.ended).toEqual(['expired']);
    expect(h.stored()).toBeNull();
  });

  it('refreshes before sending when the token is about to expire', async () => {
    const h = harness(
      [
        { status: 200, body: session },
        { status: 200, body: [] },
      ],
      { ...fresh, expiresAt: 1_010_000 },
    );
    await h.client.get('/shipments');
    expect(h.calls.map((call) => call.url)).toEqual(['/api/v1/auth/refresh', '/api/v1/shipments']);
  });

  it('turns problem+json into an ApiError with the field list', async () => {
    const h = harness(
      [
        {
          status: 400,
          body: {
            status: 400,
            code: 'GATEWAY.VALIDATION_FAILED',
            errors: [{ field: 'vehicle.plate', code: 'REQUIRED', message: 'is required' }],
          },
        },
      ],
      fresh,
    );
    const error: unknown = await h.client.post('/shipments', {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    const problem = (error as ApiError).problem;
    expect(problem.code).toBe('GATEWAY.VALIDATION_FAILED');
    expect(fieldErrorsOf(problem)['vehicle.plate']?.code).toBe('REQUIRED');
  });

  it('reads a non-problem body without throwing', () => {
    expect(parseProblem(502, 'Bad gateway')).toEqual({
      status: 502,
      code: 'HTTP_502',
      title: '',
      detail: '',
      errors: [],
    });
  });
});
