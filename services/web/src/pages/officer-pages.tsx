import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../api/problem';
import { pageOf, type Agency, type AgencyCase } from '../api/types';
import { useApp } from '../app-context';
import {
  AgencyChip,
  Link,
  LoadMore,
  LoadState,
  problemOf,
  ProblemAlert,
  useLoad,
  usePagedLoad,
} from '../components/common';
import { formatDateTime } from '../format/format';
import {
  CASE_SECTIONS,
  CASE_STATUS_FILTERS,
  CHANNELS,
  DECISIONS,
  decisionRequest,
  reasonRequired,
  type Decision,
} from '../officer/decision';

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function CasesPage({ agency }: { readonly agency: Agency }) {
  const { t } = useTranslation();
  const { api, language } = useApp();
  const [status, setStatus] = useState('');
  const [channel, setChannel] = useState('');
  const filters = {
    ...(status === '' ? {} : { status }),
    ...(channel === '' ? {} : { channel }),
  };
  const pathOf = (cursor: string | null): string => {
    const query = new URLSearchParams({
      ...filters,
      ...(cursor === null ? {} : { cursor }),
    }).toString();
    return `/agencies/${agency}/cases${query === '' ? '' : `?${query}`}`;
  };
  const [loaded, reload, more] = usePagedLoad(
    async (cursor) => pageOf<AgencyCase>(await api.get<unknown>(pathOf(cursor))),
    `${agency}?${new URLSearchParams(filters).toString()}`,
  );
  return (
    <section aria-labelledby="cases-title">
      <h1 id="cases-title">{t('cases.title', { agency: t(`agency.${agency}`) })}</h1>
      <div className="filters">
        <label htmlFor="case-status">{t('cases.filterStatus')}</label>
        <select id="case-status" value={status} onChange={(event) => setStatus(event.target.value)}>
          <option value="">{t('common.all')}</option>
          {CASE_STATUS_FILTERS.map((value) => (
            <option key={value} value={value}>
              {t(`caseStatus.${value}`)}
            </option>
          ))}
        </select>
        {agency === 'customs' && (
          <>
            <label htmlFor="case-channel">{t('cases.filterChannel')}</label>
            <select
              id="case-channel"
              value={channel}
              onChange={(event) => setChannel(event.target.value)}
            >
              <option value="">{t('common.all')}</option>
              {CHANNELS.map((value) => (
                <option key={value} value={value}>
                  {t(`channel.${value}`)}
                </option>
              ))}
            </select>
          </>
        )}
        <button type="button" onClick={reload}>
          {t('common.refresh')}
        </button>
      </div>
      <LoadState loaded={loaded}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('cases.empty')}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('cases.shipment')}</th>
                    <th scope="col">{t('shipment.status')}</th>
                    {agency === 'customs' && <th scope="col">{t('cases.channel')}</th>}
                    <th scope="col">{t('cases.updated')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((item) => (
                    <tr key={item.shipmentId}>
                      <td>
                        <Link to={`/cases/${agency}/${item.shipmentId}`}>
                          {/* The whole id: UUIDv7s of one minute share their first 8 characters. */}
                          <code>{item.shipmentId}</code>
                        </Link>
                      </td>
                      <td>
                        <CaseStatus status={item.status} />
                      </td>
                      {agency === 'customs' && (
                        <td>
                          <ChannelChip channel={item.channel} />
                        </td>
                      )}
                      <td>{formatDateTime(text(item['updatedAt']), language)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <LoadMore page={page} more={more} />
            </div>
          )
        }
      </LoadState>
    </section>
  );
}

function CaseStatus({ status }: { readonly status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`chip chip-case-${status.toLowerCase()}`}>
      {t(`caseStatus.${status}`, { defaultValue: t('status.UNKNOWN') })}
    </span>
  );
}

function ChannelChip({ channel }: { readonly channel: string | undefined }) {
  const { t } = useTranslation();
  if (channel === undefined || channel === '') return <>—</>;
  return (
    <span className={`chip chip-channel-${channel.toLowerCase()}`}>
      {t(`channel.${channel}`, { defaultValue: t('status.UNKNOWN') })}
    </span>
  );
}

export function CasePage({
  agency,
  shipmentId,
}: {
  readonly agency: Agency;
  readonly shipmentId: string;
}) {
  const { api } = useApp();
  const [loaded, reload] = useLoad(
    () => api.get<AgencyCase>(`/agencies/${agency}/cases/${shipmentId}`),
    `${agency}/${shipmentId}`,
  );
  // Kept here, not in the view: the reload after a decision remounts the view, and the
  // confirmation must outlive it.
  const [recordedFor, setRecordedFor] = useState<string | null>(null);
  return (
    <LoadState loaded={loaded}>
      {(item) => (
        <CaseView
          agency={agency}
          item={item}
          recorded={recordedFor === `${agency}/${item.shipmentId}`}
          onRecorded={() => {
            setRecordedFor(`${agency}/${item.shipmentId}`);
            reload();
          }}
          reload={reload}
        />
      )}
    </LoadState>
  );
}

function CaseView({
  agency,
  item,
  recorded,
  onRecorded,
  reload,
}: {
  readonly agency: Agency;
  readonly item: AgencyCase;
  readonly recorded: boolean;
  readonly onRecorded: () => void;
  readonly reload: () => void;
}) {
  const { t } = useTranslation();
  const { api } = useApp();
  const [decision, setDecision] = useState<Decision>('CLEARED');
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setProblem(null);
    const request = decisionRequest(decision, reason, item.version);
    if (request === 'REASON_REQUIRED') {
      setReasonMissing(true);
      document.getElementById('decision-reason')?.focus();
      return;
    }
    setReasonMissing(false);
    try {
      await api.post<unknown>(`/agencies/${agency}/cases/${item.shipmentId}/decision`, request);
      onRecorded();
    } catch (error) {
      setProblem(problemOf(error));
    }
  };

  return (
    <section aria-labelledby="case-title">
      <h1 id="case-title">
        {t('case.title', { agency: t(`agency.${agency}`) })} <CaseStatus status={item.status} />
      </h1>
      <dl className="facts">
        <dt>{t('cases.shipment')}</dt>
        <dd>{item.shipmentId}</dd>
        {item.channel !== undefined && (
          <>
            <dt>{t('cases.channel')}</dt>
            <dd>
              <ChannelChip channel={item.channel} />
            </dd>
          </>
        )}
        {text(item.reason) !== '' && (
          <>
            <dt>{t('case.reason')}</dt>
            <dd>{item.reason}</dd>
          </>
        )}
        <dt>{t('detail.version')}</dt>
        <dd>{item.version}</dd>
      </dl>
      {CASE_SECTIONS.filter((section) => item[section] !== undefined).map((section) => (
        <details key={section} open={section !== 'history'}>
          <summary>{t(`case.section.${section}`)}</summary>
          <pre className="data">{JSON.stringify(item[section], null, 2)}</pre>
        </details>
      ))}

      <h2>{t('case.decide')}</h2>
      {recorded && (
        <div className="alert alert-info" role="status">
          {t('case.recorded')}
        </div>
      )}
      {problem?.status === 409 ? (
        <div className="alert alert-error" role="alert">
          <p>
            <strong>{t('case.conflictTitle')}</strong>
          </p>
          <p>{t('case.conflictBody')}</p>
          <button type="button" onClick={reload}>
            {t('case.reloadCase')}
          </button>
        </div>
      ) : (
        <ProblemAlert problem={problem} />
      )}
      <form className="form" onSubmit={(event) => void submit(event)}>
        <fieldset>
          <legend>{t('case.decision')}</legend>
          {DECISIONS.map((value) => (
            <label key={value} className="radio">
              <input
                type="radio"
                name="decision"
                value={value}
                checked={decision === value}
                onChange={() => setDecision(value)}
              />{' '}
              <AgencyChip status={value} />
            </label>
          ))}
        </fieldset>
        <label htmlFor="decision-reason">
          {t('case.reasonLabel')}
          {reasonRequired(decision) ? ' *' : ''}
        </label>
        <textarea
          id="decision-reason"
          value={reason}
          aria-invalid={reasonMissing}
          aria-describedby={reasonMissing ? 'decision-reason-error' : undefined}
          onChange={(event) => setReason(event.target.value)}
        />
        {reasonMissing && (
          <span id="decision-reason-error" className="field-error" role="alert">
            {t('case.reasonRequired')}
          </span>
        )}
        <button type="submit" className="primary">
          {t('case.submit')}
        </button>
      </form>
    </section>
  );
}
