import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../api/problem';
import type { Me } from '../api/types';
import { useApp } from '../app-context';
import { problemOf, ProblemAlert } from '../components/common';

export const DEMO_ACCOUNTS = [
  'trader1',
  'trader2',
  'customs1',
  'borderguard1',
  'quarantine1',
  'yard1',
  'supervisor1',
] as const;

export function LoginPage({ notice }: { readonly notice: string | null }) {
  const { t } = useTranslation();
  const { api, signedIn } = useApp();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await api.login(username.trim(), password);
      signedIn(await api.get<Me>('/me'));
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      {notice !== null && (
        <div className="alert alert-info" role="status">
          {t(notice)}
        </div>
      )}
      {problem !== null && problem.status === 401 ? (
        <div className="alert alert-error" role="alert">
          {t('login.wrong')}
        </div>
      ) : (
        <ProblemAlert problem={problem} />
      )}
      <form onSubmit={(event) => void submit(event)} className="form">
        <label htmlFor="username">{t('login.username')}</label>
        <input
          id="username"
          name="username"
          autoComplete="username"
          required
          value={username}
          onChange={(event) => setUsername(event.target.value)}
        />
        <label htmlFor="password">{t('login.password')}</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('common.working') : t('login.submit')}
        </button>
      </form>
      <details className="demo">
        <summary>{t('login.demoAccounts')}</summary>
        <p>{t('login.demoHint')}</p>
        <ul className="demo-list">
          {DEMO_ACCOUNTS.map((account) => (
            <li key={account}>
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  setUsername(account);
                  setPassword('CuaKhau#2026');
                }}
              >
                {account}
              </button>
            </li>
          ))}
        </ul>
      </details>
      <p>
        <a href="/driver">{t('login.driverLink')}</a>
      </p>
    </section>
  );
}
