import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiClient, type SessionTokens, type TokenStore } from './api/api-client';
import type { Me } from './api/types';
import { AppContext, type AppContextValue } from './app-context';
import { homeOf, mayOpen, menuFor } from './auth/roles';
import { Link } from './components/common';
import { ScreenBoundary } from './components/screen-boundary';
import { LANGUAGES, localeOf, type Language } from './format/format';
import { LANGUAGE_STORAGE_KEY } from './i18n/i18n';
import { DriverPage, API_BASE } from './pages/driver-page';
import { LoginPage } from './pages/login-page';
import {
  AuditPage,
  CasePage,
  CasesPage,
  FeedbackPage,
  ReportsPage,
  ShipmentDetailPage,
  ShipmentFormPage,
  ShipmentPassPage,
  ShipmentsPage,
  YardPage,
} from './pages/lazy-pages';
import { parseRoute, type Route } from './router';

const TOKENS_KEY = 'cuakhau.session';

/** Tokens live in sessionStorage: a closed tab ends the session. */
const sessionStore: TokenStore = {
  load(): SessionTokens | null {
    const raw = sessionStorage.getItem(TOKENS_KEY);
    if (raw === null) return null;
    try {
      return JSON.parse(raw) as SessionTokens;
    } catch {
      return null;
    }
  },
  save(tokens: SessionTokens | null): void {
    if (tokens === null) sessionStorage.removeItem(TOKENS_KEY);
    else sessionStorage.setItem(TOKENS_KEY, JSON.stringify(tokens));
  },
};

function currentRoute(): Route {
  return parseRoute(window.location.pathname, window.location.search);
}

export function App({ initialLanguage }: { readonly initialLanguage: Language }) {
  const { t, i18n } = useTranslation();
  const [route, setRoute] = useState<Route>(currentRoute);
  const [language, setLanguage] = useState<Language>(initialLanguage);
  const [me, setMe] = useState<Me | null>(null);
  const [checked, setChecked] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const navigate = useCallback((path: string) => {
    window.history.pushState(null, '', path);
    setRoute(currentRoute());
    window.scrollTo(0, 0);
  }, []);

  const api = useMemo(
    () =>
      new ApiClient({
        baseUrl: API_BASE,
        fetch: (input, init) => window.fetch(input, init),
        store: sessionStore,
        now: () => Date.now(),
        onSessionEnded: (reason) => {
          setMe(null);
          setNotice(reason === 'expired' ? 'login.expired' : 'login.loggedOut');
          if (!window.location.pathname.startsWith('/driver')) {
            window.history.pushState(null, '', '/login');
            setRoute(currentRoute());
          }
        },
      }),
    [],
  );

  useEffect(() => {
    const onPop = (): void => setRoute(currentRoute());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  useEffect(() => {
    document.documentElement.lang = localeOf(language);
    document.title = t('app.title');
  }, [language, t]);

  useEffect(() => {
    if (!api.signedIn) {
      setChecked(true);
      return;
    }
    api.get<Me>('/me').then(
      (found) => {
        setMe(found);
        setChecked(true);
      },
      () => setChecked(true),
    );
  }, [api]);

  const changeLanguage = (next: Language): void => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, next);
    setLanguage(next);
    void i18n.changeLanguage(next);
  };

  const context: AppContextValue = {
    api,
    me,
    language,
    navigate,
    signedIn: (found) => {
      setMe(found);
      setNotice(null);
      navigate(homeOf(found.role));
    },
  };

  return (
    <AppContext.Provider value={context}>
      <a href="#main" className="skip-link">
        {t('app.skip')}
      </a>
      <header className="top no-print">
        <Link to="/" className="brand">
          {t('app.title')}
        </Link>
        {me !== null && (
          <nav aria-label={t('app.menu')}>
            <ul>
              {menuFor(me.role).map((item) => (
                <li key={item.path}>
                  <Link to={item.path}>{t(item.labelKey)}</Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div className="top-right">
          <label htmlFor="language" className="visually-hidden">
            {t('app.language')}
          </label>
          <select
            id="language"
            value={language}
            onChange={(event) => {
              const next = LANGUAGES.find((value) => value === event.target.value);
              if (next !== undefined) changeLanguage(next);
            }}
          >
            {LANGUAGES.map((value) => (
              <option key={value} value={value} lang={localeOf(value)}>
                {t(`language.${value}`)}
              </option>
            ))}
          </select>
          {me !== null && (
            <>
              <span className="who">
                {me.displayName} · {t(`role.${me.role}`)}
              </span>
              <button type="button" onClick={() => void api.logout()}>
                {t('app.logout')}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {checked ? (
          <ScreenBoundary resetKey={JSON.stringify(route)}>
            <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
              <Screen route={route} me={me} notice={notice} />
            </Suspense>
          </ScreenBoundary>
        ) : (
          <p role="status">{t('common.loading')}</p>
        )}
      </main>
    </AppContext.Provider>
  );
}

function Screen({
  route,
  me,
  notice,
}: {
  readonly route: Route;
  readonly me: Me | null;
  readonly notice: string | null;
}) {
  const { t } = useTranslation();
  if (route.name === 'driver') return <DriverPage plate={route.plate} passCode={route.passCode} />;
  if (me === null) return <LoginPage notice={notice} />;
  if (route.name === 'home' || route.name === 'login') return <Redirect to={homeOf(me.role)} />;
  if (!mayOpen(me.role, window.location.pathname)) {
    return (
      <div className="alert alert-error" role="alert">
        {t('errors.status.403')}
      </div>
    );
  }
  switch (route.name) {
    case 'shipments':
      return <ShipmentsPage />;
    case 'shipment-new':
      return <ShipmentFormPage />;
    case 'shipment':
      return <ShipmentDetailPage id={route.id} />;
    case 'shipment-edit':
      return <ShipmentFormPage id={route.id} />;
    case 'shipment-pass':
      return <ShipmentPassPage id={route.id} />;
    case 'cases':
      return <CasesPage agency={route.agency} />;
    case 'case':
      return <CasePage agency={route.agency} shipmentId={route.shipmentId} />;
    case 'yard':
      return <YardPage />;
    case 'reports':
      return <ReportsPage />;
    case 'audit':
      return <AuditPage shipmentId={route.shipmentId} />;
    case 'feedback':
      return <FeedbackPage />;
    case 'not-found':
      return <p>{t('errors.notFoundPage')}</p>;
    default: {
      const unknown: never = route;
      throw new TypeError(`unknown route ${JSON.stringify(unknown)}`);
    }
  }
}

function Redirect({ to }: { readonly to: string }) {
  useEffect(() => {
    window.history.replaceState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, [to]);
  return null;
}
