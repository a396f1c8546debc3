import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../api/problem';
import { itemsOf } from '../api/types';
import { useApp } from '../app-context';
import { LoadState, problemOf, ProblemAlert, useLoad } from '../components/common';
import { formatDateTime } from '../format/format';
import {
  FEEDBACK_AGENCIES,
  FEEDBACK_KINDS,
  MAX_FEEDBACK_LENGTH,
  textLength,
  type FeedbackItem,
} from './feedback';
import {
  attemptFor,
  draftErrors,
  driverFeedbackBody,
  driverFeedbackPath,
  EMPTY_DRIVER_DRAFT,
  serverDraftErrors,
  withoutEdited,
  type DraftErrors,
  type DriverFeedbackDraft,
  type PendingAttempt,
} from './driver-feedback-request';
import { FeedbackAnswer } from './feedback-answer';

/**
 * The driver's feedback or complaint about their shipment, under the queue position: no
 * account, the plate and pass code prove who sends. Collapsed until opened; the driver's
 * items (and their answers) load when it opens.
 */
export function DriverFeedback({
  plate,
  passCode,
}: {
  readonly plate: string;
  readonly passCode: string;
}) {
  const { t } = useTranslation();
  // Once opened it stays mounted: closing and reopening keeps what was typed.
  const [opened, setOpened] = useState(false);
  return (
    <details
      className="driver-feedback card"
      onToggle={(event) => {
        const open = event.currentTarget.open;
        setOpened((was) => was || open);
      }}
    >
      <summary>{t('feedback.driver.summary')}</summary>
      {opened && <DriverFeedbackPanel plate={plate} passCode={passCode} />}
    </details>
  );
}

function DriverFeedbackPanel({
  plate,
  passCode,
}: {
  readonly plate: string;
  readonly passCode: string;
}) {
  const { t } = useTranslation();
  const { api } = useApp();
  const path = driverFeedbackPath(plate, passCode);
  const [loaded, reload] = useLoad(
    async () => itemsOf<FeedbackItem>(await api.send<unknown>('GET', path, { anonymous: true })),
    path,
  );
  const [draft, setDraft] = useState<DriverFeedbackDraft>(EMPTY_DRIVER_DRAFT);
  const [touched, setTouched] = useState(false);
  const [server, setServer] = useState<DraftErrors>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const pending = useRef<PendingAttempt | null>(null);

  const change = (next: DriverFeedbackDraft): void => {
    setServer((current) => withoutEdited(current, draft, next));
    setSent(false);
    setDraft(next);
  };

  const submit = async (): Promise<void> => {
    setTouched(true);
    if (draftErrors(draft, true, {}).message !== undefined) return;
    const body = driverFeedbackBody({ plate, passCode }, draft);
    const attempt = attemptFor(pending.current, body, () => crypto.randomUUID());
    pending.current = attempt;
    setBusy(true);
    setProblem(null);
    setServer({});
    setSent(false);
    try {
      await api.send('POST', '/feedback/driver', {
        body,
        headers: { 'Idempotency-Key': attempt.key },
        anonymous: true,
      });
      pending.current = null;
      setDraft(EMPTY_DRIVER_DRAFT);
      setTouched(false);
      setSent(true);
      reload();
    } catch (error) {
      const found = problemOf(error);
      setProblem(found);
      setServer(serverDraftErrors(found));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <DriverFeedbackForm
        draft={draft}
        errors={draftErrors(draft, touched, server)}
        problem={problem}
        busy={busy}
        sent={sent}
        onChange={change}
        onSubmit={() => void submit()}
      />
      <h3 id="driver-feedback-list">{t('feedback.driver.list')}</h3>
      <LoadState loaded={loaded}>{(items) => <DriverFeedbackList items={items} />}</LoadState>
      <button type="button" onClick={reload}>
        {t('common.refresh')}
      </button>
    </>
  );
}

/** The form itself (state lives in the caller; rendered alone by the component tests). */
export function DriverFeedbackForm({
  draft,
  errors,
  problem,
  busy,
  sent,
  onChange,
  onSubmit,
}: {
  readonly draft: DriverFeedbackDraft;
  readonly errors: DraftErrors;
  readonly problem: Problem | null;
  readonly busy: boolean;
  readonly sent: boolean;
  readonly onChange: (draft: DriverFeedbackDraft) => void;
  readonly onSubmit: () => void;
}) {
  const { t } = useTranslation();
  const describedBy = (field: keyof DraftErrors, extra = ''): string | undefined => {
    const ids = [extra, errors[field] === undefined ? '' : `driver-feedback-${field}-error`]
      .filter((id) => id !== '')
      .join(' ');
    return ids === '' ? undefined : ids;
  };
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <p>{t('feedback.driver.intro')}</p>
      <div className="field">
        <label htmlFor="driver-feedback-kind">{t('feedback.form.kind')}</label>
        <select
          id="driver-feedback-kind"
          value={draft.kind}
          aria-invalid={errors.kind !== undefined}
          aria-describedby={describedBy('kind')}
          onChange={(event) =>
            onChange({
              ...draft,
              kind: FEEDBACK_KINDS.find((value) => value === event.target.value) ?? 'FEEDBACK',
            })
          }
        >
          {FEEDBACK_KINDS.map((value) => (
            <option key={value} value={value}>
              {t(`feedback.kind.${value}`)}
            </option>
          ))}
        </select>
        <DraftError field="kind" errors={errors} />
      </div>
      <div className="field">
        <label htmlFor="driver-feedback-agency">{t('feedback.form.agency')}</label>
        <select
          id="driver-feedback-agency"
          value={draft.agency}
          aria-invalid={errors.agency !== undefined}
          aria-describedby={describedBy('agency')}
          onChange={(event) =>
            onChange({
              ...draft,
              agency: FEEDBACK_AGENCIES.find((value) => value === event.target.value) ?? 'yard',
            })
          }
        >
          {FEEDBACK_AGENCIES.map((value) => (
            <option key={value} value={value}>
              {t(`feedback.agency.${value}`)}
            </option>
          ))}
        </select>
        <DraftError field="agency" errors={errors} />
      </div>
      <div className="field">
        <label htmlFor="driver-feedback-message">{t('feedback.form.message')}</label>
        <textarea
          id="driver-feedback-message"
          rows={4}
          required
          value={draft.message}
          aria-invalid={errors.message !== undefined}
          aria-describedby={describedBy('message', 'driver-feedback-message-count')}
          onChange={(event) => onChange({ ...draft, message: event.target.value })}
        />
        <span id="driver-feedback-message-count" className="hint">
          {t('feedback.form.counter', {
            count: textLength(draft.message),
            max: MAX_FEEDBACK_LENGTH,
          })}
        </span>
        <DraftError field="message" errors={errors} />
      </div>
      <ProblemAlert problem={problem} />
      {sent && (
        <p className="alert alert-info" role="status">
          {t('feedback.form.sent')}
        </p>
      )}
      <button type="submit" className="primary big" disabled={busy}>
        {busy ? t('common.working') : t('feedback.form.submit')}
      </button>
    </form>
  );
}

function DraftError({
  field,
  errors,
}: {
  readonly field: keyof DraftErrors;
  readonly errors: DraftErrors;
}) {
  const { t } = useTranslation();
  const key = errors[field];
  if (key === undefined) return null;
  return (
    <span id={`driver-feedback-${field}-error`} className="field-error" role="alert">
      {t(key, { max: MAX_FEEDBACK_LENGTH })}
    </span>
  );
}

/** What the driver sent about this shipment, each with its answer once there is one. */
export function DriverFeedbackList({ items }: { readonly items: readonly FeedbackItem[] }) {
  const { t } = useTranslation();
  const { language } = useApp();
  if (items.length === 0) return <p>{t('feedback.list.empty')}</p>;
  return (
    <ul className="feedback-list" aria-labelledby="driver-feedback-list">
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
            {t('feedback.driver.sentAt', { at: formatDateTime(item.submittedAt, language) })}
          </p>
          <blockquote>{item.message}</blockquote>
          {item.answer === null ? (
            <p className="muted">{t('feedback.list.noAnswer')}</p>
          ) : (
            <FeedbackAnswer answer={item.answer} language={language} />
          )}
        </li>
      ))}
    </ul>
  );
}
