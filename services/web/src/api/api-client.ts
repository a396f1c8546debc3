import { ApiError, parseProblem } from './problem';

/** What the gateway answers to login and refresh. */
export interface SessionResponse {
  readonly accessToken: string;
  readonly tokenType: 'Bearer';
  readonly expiresIn: number;
  readonly refreshToken: string;
}

export interface SessionTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** Epoch ms after which the access token is no longer accepted. */
  readonly expiresAt: number;
}

export interface TokenStore {
  load(): SessionTokens | null;
  save(tokens: SessionTokens | null): void;
}

export type SessionEndReason = 'expired' | 'logged-out';

export interface ApiClientOptions {
  readonly baseUrl: string;
  readonly fetch: typeof fetch;
  readonly store: TokenStore;
  readonly now: () => number;
  /** Called once when the session can no longer be refreshed. */
  readonly onSessionEnded: (reason: SessionEndReason) => void;
}

export interface RequestOptions {
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Public routes (driver) never send nor refresh a token. */
  readonly anonymous?: boolean;
}

/** Refresh this long before the access token runs out. */
export const REFRESH_MARGIN_MS = 30_000;

export function tokensFrom(session: SessionResponse, now: number): SessionTokens {
  return {
    accessToken: session.accessToken,
    refreshToken: session.refreshToken,
    expiresAt: now + session.expiresIn * 1000,
  };
}

export function needsRefresh(tokens: SessionTokens, now: number): boolean {
  return tokens.expiresAt - now <= REFRESH_MARGIN_MS;
}

/**
 * The only way the app talks to the gateway: JSON in, JSON out, problem+json → ApiError.
 * A 401 (or a token about to expire) refreshes once — one refresh in flight at a time, the
 * refresh token is single use — and retries; when refreshing fails the session ends.
 */
export class ApiClient {
  private refreshing: Promise<SessionTokens | null> | null = null;

  constructor(private readonly options: ApiClientOptions) {}

  get signedIn(): boolean {
    return this.options.store.load() !== null;
  }

  async login(username: string, password: string): Promise<void> {
    const session = await this.send<SessionResponse>('POST', '/auth/login', {
      body: { username, password },
      anonymous: true,
    });
    this.options.store.save(tokensFrom(session, this.options.now()));
  }

  async logout(): Promise<void> {
    const tokens = this.options.store.load();
    if (tokens !== null) {
      try {
        await this.send<unknown>('POST', '/auth/logout', {
          body: { refreshToken: tokens.refreshToken },
        });
      } catch {
        // The session ends locally whatever the server says.
      }
    }
    this.options.store.save(null);
    this.options.onSessionEnded('logged-out');
  }

  get<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.send<T>('GET', path, options);
  }

  post<T>(path: string, body: unknown, headers?: Readonly<Record<string, string>>): Promise<T> {
    return this.send<T>('POST', path, headers === undefined ? { body } : { body, headers });
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('PATCH', path, { body });
  }

  async send<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    if (options.anonymous === true) return this.once<T>(method, path, options, null);
    let tokens = this.options.store.load();
    if (tokens !== null && needsRefresh(tokens, this.options.now())) {
      tokens = await this.refresh(tokens);
    }
    try {
      return await this.once<T>(method, path, options, tokens);
    } catch (error) {
      if (!(error instanceof ApiError) || error.problem.status !== 401 || tokens === null) {
        throw error;
      }
      const renewed = await this.refresh(tokens);
      if (renewed === null) throw error;
      return this.once<T>(method, path, options, renewed);
    }
  }

  /** Single flight: concurrent callers share one refresh. Null: the session ended. */
  private refresh(current: SessionTokens): Promise<SessionTokens | null> {
    this.refreshing ??= this.doRefresh(current).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(current: SessionTokens): Promise<SessionTokens | null> {
    try {
      const session = await this.once<SessionResponse>(
        'POST',
        '/auth/refresh',
        { body: { refreshToken: current.refreshToken } },
        null,
      );
      const tokens = tokensFrom(session, this.options.now());
      this.options.store.save(tokens);
      return tokens;
    } catch {
      this.options.store.save(null);
      this.options.onSessionEnded('expired');
      return null;
    }
  }

  private async once<T>(
    method: string,
    path: string,
    options: RequestOptions,
    tokens: SessionTokens | null,
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (tokens !== null) headers['authorization'] = `Bearer ${tokens.accessToken}`;
    let response: Response;
    try {
      response = await this.options.fetch(`${this.options.baseUrl}${path}`, {
        method,
        headers,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
    } catch {
      throw new ApiError(parseProblem(0, null));
    }
    const raw = await response.text();
    let body: unknown = null;
    if (raw !== '') {
      try {
        body = JSON.parse(raw) as unknown;
      } catch {
        body = raw;
      }
    }
    if (!response.ok) throw new ApiError(parseProblem(response.status, body));
    return body as T;
  }
}
