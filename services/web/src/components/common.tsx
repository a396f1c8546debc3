import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrorKey, parseProblem, problemKey, type Problem } from '../api/problem';
import { isAgencyStatus, isShipmentStatus, type Page } from '../api/types';
import { useApp } from '../app-context';

/** A status as a coloured chip with its translated name (colour is never the only cue). */
export function StatusChip({ status }: { readonly status: string }) {
  const { t } = useTranslation();
  const label = isShipmentStatus(status) ? t(`status.${status}`) : t('status.UNKNOWN');
  return <span className={`chip chip-${status.toLowerCase()}`}>{label}</span>;
}

export function AgencyChip({ status }: { readonly status: string }) {
  const { t } = useTranslation();
  const label = isAgencyStatus(status) ? t(`agencyStatus.${status}`) : t('status.UNKNOWN');
  return <span className={`chip chip-agency-${status.toLowerCase()}`}>{label}</span>;
}

export function problemOf(error: unknown): Problem {
  return error instanceof ApiError ? error.problem : parseProblem(0, null);
}

/** A request-level error as a translated alert (the stable code stays visible for support). */
export function ProblemAlert({ problem }: { readonly problem: Problem | null }) {
  const { t } = useTranslation();
  if (problem === null) return null;
  return (
    <div className="alert alert-error" role="alert">
      <strong>{t(problemKey(problem))}</strong>
      {problem.status !== 0 && (
        <span className="problem-code">
          {' '}
          ({t('errors.code')}: {problem.code})
        </span>
      )}
    </div>
  );
}

export function FieldError({
  id,
  code,
}: {
  readonly id: string;
  readonly code: string | undefined;
}) {
  const { t } = useTranslation();
  if (code === undefined) return null;
  return (
    <span id={id} className="field-error" role="alert">
      {t(fieldErrorKey(code))}
    </span>
  );
}

export function Link({
  to,
  children,
  className,
}: {
  readonly to: string;
  readonly children: ReactNode;
  readonly className?: string;
}) {
  const { navigate } = useApp();
  return (
    <a
      href={to}
      className={className}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

export type Loaded<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly value: T }
  | { readonly state: 'failed'; readonly problem: Problem };

/**
 * Loads once per `key` (and again on `reload()`). A reload keeps showing what was loaded
 * until the new answer arrives: a board refreshed every few seconds neither flickers nor
 * loses what someone is typing into it.
 */
export function useLoad<T>(
  load: () => Promise<T>,
  key: string,
): [Loaded<T>, () => void, (value: T) => void] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  const loadedKey = useRef(key);
  useEffect(() => {
    let live = true;
    const sameKey = loadedKey.current === key;
    loadedKey.current = key;
    setLoaded((current) => (sameKey && current.state === 'ready' ? current : { state: 'loading' }));
    load().then(
      (value) => {
        if (live) setLoaded({ state: 'ready', value });
      },
      (error: unknown) => {
        if (live) setLoaded({ state: 'failed', problem: problemOf(error) });
      },
    );
    return () => {
      live = false;
    };
    // `key` names what `load` reads.
  }, [key, round]);
  return [
    loaded,
    () => setRound((value) => value + 1),
    (value: T) => setLoaded({ state: 'ready', value }),
  ];
}

/**
 * A cursor-paged list: the first page loads like `useLoad`; `more` appends the next page
 * (a refresh starts again from the first).
 */
export function usePagedLoad<T>(
  loadPage: (cursor: string | null) => Promise<Page<T>>,
  key: string,
): [Loaded<Page<T>>, () => void, PagedMore<T>] {
  const [loaded, reload, replace] = useLoad(() => loadPage(null), key);
  const [state, setState] = useState<{ busy: boolean; problem: Problem | null }>({
    busy: false,
    problem: null,
  });
  const load = async (page: Page<T>): Promise<void> => {
    if (page.nextCursor === null) return;
    setState({ busy: true, problem: null });
    try {
      const next = await loadPage(page.nextCursor);
      replace({ items: [...page.items, ...next.items], nextCursor: next.nextCursor });
      setState({ busy: false, problem: null });
    } catch (error) {
      setState({ busy: false, problem: problemOf(error) });
    }
  };
  return [loaded, reload, { ...state, load }];
}

export interface PagedMore<T> {
  readonly busy: boolean;
  readonly problem: Problem | null;
  readonly load: (page: Page<T>) => Promise<void>;
}

/** "Show more" under a paged list, with the error of a failed page. */
export function LoadMore<T>({
  page,
  more,
}: {
  readonly page: Page<T>;
  readonly more: PagedMore<T>;
}) {
  const { t } = useTranslation();
  return (
    <>
      {more.problem !== null && <ProblemAlert problem={more.problem} />}
      {page.nextCursor !== null && (
        <button type="button" disabled={more.busy} onClick={() => void more.load(page)}>
          {more.busy ? t('common.working') : t('common.loadMore')}
        </button>
      )}
    </>
  );
}

export function LoadState<T>({
  loaded,
  children,
}: {
  readonly loaded: Loaded<T>;
  readonly children: (value: T) => ReactNode;
}) {
  const { t } = useTranslation();
  switch (loaded.state) {
    case 'loading':
      return (
        <p role="status" aria-live="polite">
          {t('common.loading')}
        </p>
      );
    case 'failed':
      return <ProblemAlert problem={loaded.problem} />;
    case 'ready':
      return <>{children(loaded.value)}</>;
    default: {
      const unknown: never = loaded;
      throw new TypeError(`unknown state ${JSON.stringify(unknown)}`);
    }
  }
}
