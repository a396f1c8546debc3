import { boardPriorityOf, boardStatusOf } from './queue-entry';

describe('the yard board’s view of a queue entry', () => {
  it('shows a waiting truck as in review until the registry clears it', () => {
    expect(boardStatusOf({ status: 'WAITING', cleared: false })).toBe('IN_REVIEW');
    expect(boardStatusOf({ status: 'QUEUE_ENTRY_STATUS_WAITING', cleared: true })).toBe('CLEARED');
  });

  it('shows called and departed trucks, and anything else as unknown', () => {
    expect(boardStatusOf({ status: 'QUEUE_ENTRY_STATUS_CALLED' })).toBe('CALLED');
    expect(boardStatusOf({ status: 'DEPARTED' })).toBe('DEPARTED');
    expect(boardStatusOf({ status: 'QUEUE_ENTRY_STATUS_UNSPECIFIED' })).toBe('UNKNOWN');
  });

  it('names the priority classes as the board does', () => {
    expect(boardPriorityOf({ priorityClass: 'PRIORITY_CLASS_PERISHABLE' })).toBe('PERISHABLE');
    expect(boardPriorityOf({ priorityClass: 'ON_SLOT' })).toBe('BOOKED');
    expect(boardPriorityOf({ priorityClass: 'REGULAR' })).toBe('STANDARD');
    expect(boardPriorityOf({})).toBe('OTHER');
  });
});
