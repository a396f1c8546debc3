import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../api/problem';
import { itemsOf, type Shipment } from '../api/types';
import { useApp } from '../app-context';
import { LoadState, problemOf, ProblemAlert, useLoad } from '../components/common';
import {
  durationParts,
  FEEDBACK_AGENCIES,
  FEEDBACK_KINDS,
  FEEDBACK_STATUSES,
  feedbackViewOf,
  MAX_FEEDBACK_LENGTH,
  parseResponseTimes,
  textLength,
  textProblem,
  type FeedbackAgency,
  type FeedbackItem,
  type FeedbackKind,
} from '../feedback/feedback';
import { formatDateTime } from '../format/format';
import { attemptFor, type PendingAttempt } from '../feedback/driver-feedback-request';
import { FeedbackAnswer } from '../feedback/feedback-answer';

/** `/feedback`: what the signed-in role does with the feedback channel. */
export function FeedbackPage() {
  const { t } = useTranslation();
  const { me } = useApp();
  const view = me === null ? undefined : feedbackViewOf(me.role);
  return (
    <section aria-labelledby="feedback-title">
      <h1 id="feedback-title">{t('feedback.title')}</h1>
      {view === 'trader' && <TraderFeedback />}
      {view === 'answerer' && <AnswererFeedback />}
      {view === 'supervisor' && <SupervisorFeedback />}
    </section>
  );
}

function useDuration(): (seconds: number) => string {
  const { t } = useTranslation();
  return (seconds) => {
    const { unit, values } = durationParts(seconds);
    const [a = 0, b = 0] = values;
    return t(`feedback.duration.${unit}`, { a, b: String(b).padStart(2, '0') });
  };
}

function listPath(filters: Readonly<Record<string, string>>): string {
  const query = new URLSearchParams(
    Object.entries(filters).filter(([, value]) => value !== ''),
  ).toString();
  return `/feedback${query === '' ? '' : `?${query}`}`;
}

function TraderFeedback() {
  const { t } = useTranslation();
  const { api } = useApp();
  const [shipments] = useLoad(
    async () => itemsOf<Shipment>(await api.get<unknown>('/shipments?limit=200')),
    'shipments',
  );
  const [loaded, reload] = useLoad(
    async () => itemsOf<FeedbackItem>(await api.get<unknown>('/feedback')),
    'own',
  );
  const [shipmentId, setShipmentId] = useState('');
  const [kind, setKind] = useState<FeedbackKind>('FEEDBACK');
  const [agency, setAgency] = useState<FeedbackAgency>('customs');
  const [message, setMessage] = useState('');
  const pending = useRef<PendingAttempt | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const messageProblem = textProblem(message);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setTouched(true);
    if (messageProblem !== undefined || shipmentId === '') return;
    setBusy(true);
    setProblem(null);
    setSent(false);
    const body = { shipmentId, kind, agency, message };
    // The same content again (a retry) keeps its key; an edited one gets a fresh key.
    const attempt = attemptFor(pending.current, body, () => crypto.randomUUID());
    pending.current = attempt;
    try {
      await api.post('/feedback', body, { 'Idempotency-Key': attempt.key });
      setMessage('');
      setTouched(false);
      pending.current = null;
      setSent(true);
      reload();
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="feedback-form">
        <h2 id="feedback-form">{t('feedback.form.title')}</h2>
        <LoadState loaded={shipments}>
          {(list) =>
            list.length === 0 ? (
              <p>{t('feedback.form.noShipments')}</p>
            ) : (
              <div className="field">
                <label htmlFor="feedback-shipment">{t('feedback.form.shipment')}</label>
                <select
                  id="feedback-shipment"
                  value={shipmentId}
                  required
                  aria-invalid={touched && shipmentId === ''}
                  aria-describedby={
                    touched && shipmentId === '' ? 'feedback-shipment-error' : undefined
                  }
                  onChange={(event) => setShipmentId(event.target.value)}
                >
                  <option value="">{t('feedback.form.chooseShipment')}</option>
                  {list.map((shipment) => (
                    <option key={shipment.id} value={shipment.id}>
                      {shipment.normalisedPlate} · {shipment.declarationNumber} ·{' '}
                      {shipment.gateCode}
                    </option>
                  ))}
                </select>
                {touched && shipmentId === '' && (
                  <span id="feedback-shipment-error" className="field-error" role="alert">
                    {t('feedback.errors.REQUIRED')}
                  </span>
                )}
              </div>
            )
          }
        </LoadState>
        <div className="field">
          <label htmlFor="feedback-kind">{t('feedback.form.kind')}</label>
          <select
            id="feedback-kind"
            value={kind}
            onChange={(event) =>
              setKind(FEEDBACK_KINDS.find((value) => value === event.target.value) ?? 'FEEDBACK')
            }
          >
            {FEEDBACK_KINDS.map((value) => (
              <option key={value} value={value}>
                {t(`feedback.kind.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="feedback-agency">{t('feedback.form.agency')}</label>
          <select
            id="feedback-agency"
            value={agency}
            onChange={(event) =>
              setAgency(
                FEEDBACK_AGENCIES.find((value) => value === event.target.value) ?? 'customs',
              )
            }
          >
            {FEEDBACK_AGENCIES.map((value) => (
              <option key={value} value={value}>
                {t(`feedback.agency.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <TextField
          id="feedback-message"
          label={t('feedback.form.message')}
          value={message}
          onChange={setMessage}
          showProblem={touched}
        />
        <ProblemAlert problem={problem} />
        {sent && (
          <p className="alert alert-info" role="status">
            {t('feedback.form.sent')}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('common.working') : t('feedback.form.submit')}
        </button>
      </form>
      <h2>{t('feedback.list.own')}</h2>
      <LoadState loaded={loaded}>{(items) => <FeedbackList items={items} />}</LoadState>
    </>
  );
}

function TextField({
  id,
  label,
  value,
  onChange,
  showProblem,
}: {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly showProblem: boolean;
}) {
  const { t } = useTranslation();
  const problem = textProblem(value);
  const visible = showProblem && problem !== undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={4}
        value={value}
        required
        aria-invalid={visible}
        aria-describedby={`${id}-count${visible ? ` ${id}-error` : ''}`}
        onChange={(event) => onChange(event.target.value)}
      />
      <span id={`${id}-count`} className="hint">
        {t('feedback.form.counter', { count: textLength(value), max: MAX_FEEDBACK_LENGTH })}
      </span>
      {visible && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {t(`feedback.errors.${problem}`, { max: MAX_FEEDBACK_LENGTH })}
        </span>
      )}
    </div>
  );
}

function FeedbackList({
  items,
  answer,
}: {
  readonly items: readonly FeedbackItem[];
  readonly answer?: (item: FeedbackItem) => ReactNode;
}) {
  const { t } = useTranslation();
  const { language } = useApp();
  if (items.length === 0) return <p>{t('feedback.list.empty')}</p>;
  return (
    <ul className="feedback-list">
      {items.map((item) => (
        <li key={item.id} className="card">
          <p>
            <span
              className={`chip ${item.status === 'open' ? 'chip-case-open' : 'chip-case-cleared'}`}
            >
              {t(`feedback.status.${item.status}`)}
            </span>{' '}
            <strong>{t(`feedback.kind.${item.kind}`)}</strong> →{' '}
            {t(`feedback.agency.${item.agency}`)}
          </p>
          <p className="muted">
            {t('feedback.list.meta', {
              shipment: item.shipmentId,
              gate: item.gateCode,
              at: formatDateTime(item.submittedAt, language),
              author:
                item.author.kind === 'driver'
                  ? t('feedback.list.driver')
                  : item.author.name || t('feedback.list.trader'),
            })}
          </p>
          <blockquote>{item.message}</blockquote>
          {item.answer === null ? (
            (answer?.(item) ?? <p className="muted">{t('feedback.list.noAnswer')}</p>)
          ) : (
            <FeedbackAnswer answer={item.answer} language={language} />
          )}
        </li>
      ))}
    </ul>
  );
}

function AnswerForm({
  item,
  onAnswered,
}: {
  readonly item: FeedbackItem;
  readonly onAnswered: () => void;
}) {
  const { t } = useTranslation();
  const { api } = useApp();
  const [text, setText] = useState('');
  const [key] = useState(() => crypto.randomUUID());
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setTouched(true);
    if (textProblem(text) !== undefined) return;
    setBusy(true);
    setProblem(null);
    try {
      await api.post(`/feedback/${item.id}/answer`, { answer: text }, { 'Idempotency-Key': key });
      onAnswered();
    } catch (error) {
      setProblem(problemOf(error));
      // Someone else answered meanwhile: show the list as it is now.
      if (problemOf(error).status === 409) onAnswered();
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <TextField
        id={`answer-${item.id}`}
        label={t('feedback.answer.label')}
        value={text}
        onChange={setText}
        showProblem={touched}
      />
      <ProblemAlert problem={problem} />
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('common.working') : t('feedback.answer.submit')}
      </button>
    </form>
  );
}

function AnswererFeedback() {
  const { t } = useTranslation();
  const { api } = useApp();
  const [status, setStatus] = useState('open');
  const path = listPath({ status });
  const [loaded, reload] = useLoad(
    async () => itemsOf<FeedbackItem>(await api.get<unknown>(path)),
    path,
  );
  return (
    <>
      <div className="filters">
        <StatusFilter value={status} onChange={setStatus} />
        <button type="button" onClick={reload}>
          {t('common.refresh')}
        </button>
      </div>
      <LoadState loaded={loaded}>
        {(items) => (
          <FeedbackList
            items={items}
            answer={(item) => <AnswerForm item={item} onAnswered={reload} />}
          />
        )}
      </LoadState>
    </>
  );
}

function StatusFilter({
  value,
  onChange,
}: {
  readonly value: string;
  readonly onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <label htmlFor="feedback-status">{t('feedback.filters.status')}</label>
      <select id="feedback-status" value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t('common.all')}</option>
        {FEEDBACK_STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(`feedback.status.${status}`)}
          </option>
        ))}
      </select>
    </>
  );
}

function SupervisorFeedback() {
  const { t } = useTranslation();
  const { api } = useApp();
  const duration = useDuration();
  const [status, setStatus] = useState('open');
  const [agency, setAgency] = useState('');
  const path = listPath({ status, agency });
  const [loaded, reload] = useLoad(
    async () => itemsOf<FeedbackItem>(await api.get<unknown>(path)),
    path,
  );
  const [times, reloadTimes] = useLoad(
    async () => parseResponseTimes(await api.get<unknown>('/feedback/response-times')),
    'times',
  );
  const refresh = (): void => {
    reload();
    reloadTimes();
  };
  return (
    <>
      <h2>{t('feedback.times.title')}</h2>
      <LoadState loaded={times}>
        {(rows) => (
          <table>
            <caption className="visually-hidden">{t('feedback.times.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('feedback.times.agency')}</th>
                <th scope="col">{t('feedback.times.open')}</th>
                <th scope="col">{t('feedback.times.answered')}</th>
                <th scope="col">{t('feedback.times.p50')}</th>
                <th scope="col">{t('feedback.times.p90')}</th>
                <th scope="col">{t('feedback.times.oldestOpen')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.agency}>
                  <th scope="row">
                    {row.agency === 'all'
                      ? t('feedback.times.all')
                      : t(`feedback.agency.${row.agency}`)}
                  </th>
                  <td>{row.openCount}</td>
                  <td>{row.answeredCount}</td>
                  <td>{row.answeredCount === 0 ? '—' : duration(row.p50Seconds)}</td>
                  <td>{row.answeredCount === 0 ? '—' : duration(row.p90Seconds)}</td>
                  <td>{row.openCount === 0 ? '—' : duration(row.oldestOpenSeconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </LoadState>
      <h2>{t('feedback.list.title')}</h2>
      <div className="filters">
        <StatusFilter value={status} onChange={setStatus} />
        <label htmlFor="feedback-agency-filter">{t('feedback.filters.agency')}</label>
        <select
          id="feedback-agency-filter"
          value={agency}
          onChange={(event) => setAgency(event.target.value)}
        >
          <option value="">{t('common.all')}</option>
          {FEEDBACK_AGENCIES.map((value) => (
            <option key={value} value={value}>
              {t(`feedback.agency.${value}`)}
            </option>
          ))}
        </select>
        <button type="button" onClick={refresh}>
          {t('common.refresh')}
        </button>
      </div>
      <LoadState loaded={loaded}>{(items) => <FeedbackList items={items} />}</LoadState>
    </>
  );
}
