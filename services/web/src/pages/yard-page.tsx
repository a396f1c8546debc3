import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../api/problem';
import {
  itemsOf,
  type CallResult,
  type Lane,
  type QueueEntry,
  type QueuePosition,
  type UnmatchedRead,
} from '../api/types';
import { useApp } from '../app-context';
import { LoadState, problemOf, ProblemAlert, StatusChip, useLoad } from '../components/common';
import { formatDateTime, formatMinutes, formatNumber, type Language } from '../format/format';
import {
  candidatesOf,
  confirmBody,
  confirmErrorsOf,
  confirmStepOf,
  initialConfirmForm,
  validateConfirmForm,
  type ConfirmErrors,
  type ConfirmField,
  type ConfirmForm,
  type ConfirmStep,
} from '../yard/confirm-unmatched';
import { boardPriorityOf, boardStatusOf } from '../yard/queue-entry';

/** How often the board re-reads the queue. */
export const YARD_REFRESH_MS = 5_000;

export function YardPage() {
  const { t } = useTranslation();
  const { api, language } = useApp();
  const [queue, reloadQueue] = useLoad(
    async () => itemsOf<QueueEntry>(await api.get<unknown>('/yard/queue')),
    'queue',
  );
  const [lanes, reloadLanes] = useLoad(
    async () => itemsOf<Lane>(await api.get<unknown>('/yard/lanes')),
    'lanes',
  );
  const [unmatched, reloadUnmatched] = useLoad(
    async () => itemsOf<UnmatchedRead>(await api.get<unknown>('/yard/unmatched')),
    'unmatched',
  );
  const [called, setCalled] = useState<CallResult | null>(null);
  const [confirmed, setConfirmed] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    const timer = setInterval(() => {
      reloadQueue();
      reloadLanes();
      reloadUnmatched();
    }, YARD_REFRESH_MS);
    return () => clearInterval(timer);
  }, [reloadQueue, reloadLanes, reloadUnmatched]);

  const callNext = async (laneId: string): Promise<void> => {
    setProblem(null);
    try {
      setCalled(
        await api.post<CallResult>(`/yard/lanes/${encodeURIComponent(laneId)}/call-next`, {}),
      );
      reloadQueue();
      reloadLanes();
    } catch (error) {
      setProblem(problemOf(error));
    }
  };

  const dismissRead = async (read: UnmatchedRead): Promise<void> => {
    setProblem(null);
    try {
      await api.post<unknown>(`/yard/unmatched/${encodeURIComponent(read.id)}/dismiss`, {});
      reloadUnmatched();
    } catch (error) {
      setProblem(problemOf(error));
    }
  };

  const readConfirmed = (read: UnmatchedRead): void => {
    setConfirmed(read.plate);
    reloadUnmatched();
    reloadQueue();
  };

  return (
    <section aria-labelledby="yard-title">
      <h1 id="yard-title">{t('yard.title')}</h1>
      <ProblemAlert problem={problem} />
      {called !== null && (
        <div className="alert alert-info" role="status">
          {t('yard.called', { plate: called.plate, lane: called.laneId })}
        </div>
      )}
      {confirmed !== null && (
        <div className="alert alert-info" role="status">
          {t('yard.match.confirmed', { plate: confirmed })}
        </div>
      )}
      <div className="columns">
        <div>
          <h2>{t('yard.lanes')}</h2>
          <LoadState loaded={lanes}>
            {(items) => (
              <ul className="lane-list">
                {items.map((lane) => (
                  <li key={lane.id} className={`lane ${lane.open ? 'lane-open' : 'lane-closed'}`}>
                    <strong>{lane.name || lane.id}</strong>{' '}
                    <span>
                      {lane.open
                        ? lane.busyShipmentId
                          ? t('yard.laneBusy')
                          : t('yard.laneFree')
                        : t('yard.laneClosed')}
                    </span>
                    {lane.averageServiceMinutes !== undefined && lane.averageServiceMinutes > 0 && (
                      <span className="muted">
                        {' '}
                        · {t('yard.average')} {formatMinutes(lane.averageServiceMinutes, language)}
                      </span>
                    )}
                    <button
                      type="button"
                      className="primary"
                      disabled={!lane.open || Boolean(lane.busyShipmentId)}
                      onClick={() => void callNext(lane.id)}
                    >
                      {t('yard.callNext', { lane: lane.name || lane.id })}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </LoadState>
        </div>
        <div>
          <h2>{t('yard.queue')}</h2>
          <LoadState loaded={queue}>
            {(items) =>
              items.length === 0 ? (
                <p>{t('yard.queueEmpty')}</p>
              ) : (
                <div className="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('yard.position')}</th>
                        <th scope="col">{t('shipment.plate')}</th>
                        <th scope="col">{t('shipment.status')}</th>
                        <th scope="col">{t('yard.priority')}</th>
                        <th scope="col">{t('yard.arrivedAt')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {items.map((entry, index) => (
                        <tr key={entry.shipmentId}>
                          <td>{queueNumber(entry.position, index, language)}</td>
                          <td>{entry.plate}</td>
                          <td>
                            <StatusChip status={boardStatusOf(entry)} />
                          </td>
                          <td>{t(`priority.${boardPriorityOf(entry)}`)}</td>
                          <td>{formatDateTime(entry.arrivedAt, language)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )
            }
          </LoadState>
        </div>
      </div>
      <h2>{t('yard.unmatched')}</h2>
      <LoadState loaded={unmatched}>
        {(reads) =>
          reads.length === 0 ? (
            <p>{t('yard.unmatchedEmpty')}</p>
          ) : (
            <ul className="unmatched-list">
              {reads.map((read) => (
                <UnmatchedItem
                  key={read.id}
                  read={read}
                  onConfirmed={() => readConfirmed(read)}
                  onDismiss={() => void dismissRead(read)}
                />
              ))}
            </ul>
          )
        }
      </LoadState>
    </section>
  );
}

/** A called truck has left the waiting line (the queue says position 0): no number. */
function queueNumber(
  position: number | null | undefined,
  index: number,
  language: Language,
): string {
  if (position === 0) return '—';
  return formatNumber(position ?? index + 1, language);
}

function reasonKey(reason: string | undefined): string {
  switch (reason) {
    case 'LOW_CONFIDENCE':
    case 'NO_SHIPMENT':
    case 'AMBIGUOUS':
      return `yard.match.reason.${reason}`;
    default:
      return 'yard.match.reason.OTHER';
  }
}

/** One unmatched read: what the camera saw, and the form that says which shipment it is. */
export function UnmatchedItem({
  read,
  onConfirmed,
  onDismiss,
}: {
  readonly read: UnmatchedRead;
  readonly onConfirmed: () => void;
  readonly onDismiss: () => void;
}) {
  const { t } = useTranslation();
  const { api, language } = useApp();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<ConfirmForm>(() => initialConfirmForm(read));
  const [errors, setErrors] = useState<ConfirmErrors>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const formId = `match-${read.id}`;

  const submit = async (): Promise<void> => {
    setProblem(null);
    const local = validateConfirmForm(form);
    const firstInvalid = Object.keys(local)[0];
    if (firstInvalid !== undefined) {
      setErrors(local);
      document.getElementById(`${formId}-${firstInvalid}`)?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    let step: ConfirmStep = confirmStepOf(form);
    try {
      if (step.kind === 'lookup') {
        const found = await api.get<QueuePosition>(step.path, { anonymous: true });
        step = { kind: 'confirm', shipmentId: found.shipmentId };
      }
      await api.post<unknown>(
        `/yard/unmatched/${encodeURIComponent(read.id)}/confirm`,
        confirmBody(step.shipmentId),
      );
      setOpen(false);
      onConfirmed();
    } catch (error) {
      const found = problemOf(error);
      const fieldErrors = confirmErrorsOf(found, step.kind, form);
      setErrors(fieldErrors);
      const first = Object.keys(fieldErrors)[0];
      if (first === undefined) setProblem(found);
      else document.getElementById(`${formId}-${first}`)?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <li>
      <strong>{read.plate}</strong>{' '}
      <span className="muted">
        {formatDateTime(read.arrivedAt ?? null, language)}
        {read.confidence !== undefined &&
          ` · ${t('yard.confidence')} ${formatNumber(read.confidence * 100, language, 0)}%`}
        {` · ${t(reasonKey(read.reason))}`}
      </span>{' '}
      <button
        type="button"
        aria-expanded={open}
        aria-controls={formId}
        onClick={() => setOpen((value) => !value)}
      >
        {t('yard.confirm')}
      </button>{' '}
      <button type="button" onClick={onDismiss}>
        {t('yard.dismiss')}
      </button>
      {open && (
        <>
          <ProblemAlert problem={problem} />
          <ConfirmUnmatchedForm
            id={formId}
            read={read}
            form={form}
            errors={errors}
            busy={busy}
            onChange={setForm}
            onSubmit={() => void submit()}
            onCancel={() => setOpen(false)}
          />
        </>
      )}
    </li>
  );
}

/**
 * Which shipment an unmatched read is: one of its candidates, the driver's pass (plate +
 * pass code) or a shipment ID; each error next to its input.
 */
export function ConfirmUnmatchedForm({
  id,
  read,
  form,
  errors,
  busy,
  onChange,
  onSubmit,
  onCancel,
}: {
  readonly id: string;
  readonly read: UnmatchedRead;
  readonly form: ConfirmForm;
  readonly errors: ConfirmErrors;
  readonly busy: boolean;
  readonly onChange: (form: ConfirmForm) => void;
  readonly onSubmit: () => void;
  readonly onCancel: () => void;
}) {
  const { t } = useTranslation();
  const candidates = candidatesOf(read);
  const fieldId = (field: ConfirmField): string => `${id}-${field}`;
  const error = (field: ConfirmField): ReactNode => {
    const key = errors[field];
    return key === undefined ? null : (
      <span id={`${fieldId(field)}-error`} className="field-error" role="alert">
        {t(key)}
      </span>
    );
  };
  const input = (field: 'plate' | 'passCode' | 'shipmentId', label: string): ReactNode => (
    <div className={`field${errors[field] === undefined ? '' : ' field-invalid'}`}>
      <label htmlFor={fieldId(field)}>{label} *</label>
      <input
        id={fieldId(field)}
        value={form[field]}
        autoComplete="off"
        autoCapitalize={field === 'shipmentId' ? 'none' : 'characters'}
        spellCheck={false}
        aria-invalid={errors[field] !== undefined}
        aria-describedby={errors[field] === undefined ? undefined : `${fieldId(field)}-error`}
        onChange={(event) => onChange({ ...form, [field]: event.target.value })}
      />
      {error(field)}
    </div>
  );
  const choice = (
    key: string,
    checked: boolean,
    label: string,
    change: Partial<ConfirmForm>,
  ): ReactNode => (
    <label className="radio" key={key}>
      <input
        type="radio"
        name={`${id}-by`}
        id={key === 'candidate-0' ? fieldId('candidateId') : undefined}
        checked={checked}
        onChange={() => onChange({ ...form, ...change })}
      />{' '}
      {label}
    </label>
  );
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onSubmit();
  };

  return (
    <form id={id} className="form match-form" noValidate onSubmit={submit}>
      <fieldset>
        <legend>{t('yard.match.legend', { plate: read.plate })}</legend>
        <fieldset className="choices">
          <legend>{t('yard.match.by')}</legend>
          {candidates.map((candidate, index) =>
            choice(
              `candidate-${index}`,
              form.matchBy === 'candidate' && form.candidateId === candidate,
              t('yard.match.candidate', { id: candidate }),
              { matchBy: 'candidate', candidateId: candidate },
            ),
          )}
          {error('candidateId')}
          {choice('pass', form.matchBy === 'pass', t('yard.match.byPass'), { matchBy: 'pass' })}
          {choice('shipmentId', form.matchBy === 'shipmentId', t('yard.match.byShipmentId'), {
            matchBy: 'shipmentId',
          })}
        </fieldset>
        {form.matchBy === 'pass' && (
          <>
            {input('plate', t('yard.match.plate'))}
            {input('passCode', t('yard.match.passCode'))}
          </>
        )}
        {form.matchBy === 'shipmentId' && input('shipmentId', t('yard.match.shipmentId'))}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('common.working') : t('yard.match.submit')}
          </button>
          <button type="button" onClick={onCancel}>
            {t('yard.match.cancel')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
