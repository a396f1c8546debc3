import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../api/problem';
import {
  itemsOf,
  type CallResult,
  type Lane,
  type QueueEntry,
  type UnmatchedRead,
} from '../api/types';
import { useApp } from '../app-context';
import { LoadState, problemOf, ProblemAlert, StatusChip, useLoad } from '../components/common';
import { formatDateTime, formatMinutes, formatNumber } from '../format/format';
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

  const resolveRead = async (read: UnmatchedRead, action: 'confirm' | 'dismiss'): Promise<void> => {
    setProblem(null);
    try {
      await api.post<unknown>(`/yard/unmatched/${encodeURIComponent(read.id)}/${action}`, {});
      reloadUnmatched();
      reloadQueue();
    } catch (error) {
      setProblem(problemOf(error));
    }
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
                          <td>{formatNumber(entry.position ?? index + 1, language)}</td>
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
                <li key={read.id}>
                  <strong>{read.plate}</strong>{' '}
                  <span className="muted">
                    {formatDateTime(read.arrivedAt ?? null, language)}
                    {read.confidence !== undefined &&
                      ` · ${t('yard.confidence')} ${formatNumber(read.confidence * 100, language, 0)}%`}
                  </span>{' '}
                  <button type="button" onClick={() => void resolveRead(read, 'confirm')}>
                    {t('yard.confirm')}
                  </button>{' '}
                  <button type="button" onClick={() => void resolveRead(read, 'dismiss')}>
                    {t('yard.dismiss')}
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </LoadState>
    </section>
  );
}
