// The dispatcher's task list: filters kept in the URL, keyset pages loaded as the person scrolls, only the
// visible rows in the DOM (smooth at 10,000 tasks), and keyboard navigation (arrows, Enter, '/', 'n').
import { describeClientError, useTRPC } from '@portico/api-client';
import type { TaskListItem } from '@portico/validators/tasks';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { CustomerPicker, useDebounced, type PickedCustomer } from './customer-picker';
import { formatLocalDate, formatTimeRange } from './format';
import {
  hasAnyFilter,
  listInputOf,
  statusesOf,
  statusLabels,
  taskListQueryOptions,
  taskStatusOptions,
  type TaskListSearch,
} from './task-list-search';

const ROW_HEIGHT = 38;
/** Start loading the next page this many rows before the end is reached. */
const PREFETCH_ROWS = 40;

type SetSearch = (change: Partial<TaskListSearch>) => void;

export function TaskListScreen({ search, setSearch }: { search: TaskListSearch; setSearch: SetSearch }) {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const searchInputRef = useRef<HTMLInputElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const gridId = useId();

  const input = useMemo(() => listInputOf(search), [search]);
  const inputKey = useMemo(() => JSON.stringify(input), [input]);
  const query = useInfiniteQuery({
    ...taskListQueryOptions(trpc, search),
    // the previous rows stay on screen while a changed filter loads: no flash of an empty list
    placeholderData: keepPreviousData,
  });
  const items = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  const isShowingCurrent = query.isSuccess && !query.isPlaceholderData;

  const [activeIndex, setActiveIndex] = useState(0);
  useEffect(() => setActiveIndex(0), [inputKey]);

  // The React Compiler skips this component (TanStack Virtual's functions cannot be memoized); it renders
  // only the visible rows, so that costs nothing measurable.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => gridRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => items[index]?.id ?? index,
  });
  const virtualRows = virtualizer.getVirtualItems();
  const lastVisible = virtualRows[virtualRows.length - 1]?.index ?? 0;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastVisible >= items.length - PREFETCH_ROWS) {
      void fetchNextPage();
    }
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, lastVisible, items.length]);

  const openTask = useCallback(
    (task: TaskListItem | undefined) => {
      if (task) void navigate({ to: '/tasks/$taskId', params: { taskId: task.id } });
    },
    [navigate],
  );

  const moveActive = useCallback(
    (next: number) => {
      if (items.length === 0) return;
      const index = Math.max(0, Math.min(items.length - 1, next));
      setActiveIndex(index);
      virtualizer.scrollToIndex(index, { align: 'auto' });
    },
    [items.length, virtualizer],
  );

  // Keys of the whole screen; typing in a field is never taken over.
  const keys = useRef({ activeIndex, items, moveActive, openTask });
  keys.current = { activeIndex, items, moveActive, openTask };
  useEffect(() => {
    const pageRows = () => Math.max(1, Math.floor((gridRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      const isSearch = target === searchInputRef.current;
      const isEditable =
        !!target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
      const isOnGrid = target === gridRef.current;
      const current = keys.current;
      const moves: Record<string, number> = {
        ArrowDown: current.activeIndex + 1,
        ArrowUp: current.activeIndex - 1,
        PageDown: current.activeIndex + pageRows(),
        PageUp: current.activeIndex - pageRows(),
        Home: 0,
        End: current.items.length - 1,
      };
      const move = moves[event.key];
      if (
        move !== undefined &&
        (isOnGrid || ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && (isSearch || !isEditable)))
      ) {
        event.preventDefault();
        current.moveActive(isOnGrid ? move : current.activeIndex);
        gridRef.current?.focus({ preventScroll: true });
      } else if (event.key === 'Enter' && isOnGrid) {
        event.preventDefault();
        current.openTask(current.items[current.activeIndex]);
      } else if (event.key === 'Escape' && isSearch) {
        gridRef.current?.focus({ preventScroll: true });
      } else if (
        isEditable ||
        (target && ['BUTTON', 'A'].includes(target.tagName) && event.key === 'Enter')
      ) {
        return;
      } else if (event.key === '/') {
        event.preventDefault();
        searchInputRef.current?.focus();
        searchInputRef.current?.select();
      } else if (event.key === 'n' || event.key === 'N') {
        event.preventDefault();
        void navigate({ to: '/tasks/new' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

  const activeTask = items[activeIndex];
  const error = query.isError ? describeClientError(query.error) : null;
  return (
    <section className="tk-tasks-screen" aria-labelledby="tasks-title">
      <header className="tk-tasks-header">
        <h1 id="tasks-title">Tasks</h1>
        <p className="tk-tasks-count muted" aria-live="polite">
          {query.isPending
            ? 'Loading tasks…'
            : `${items.length.toLocaleString('en-US')}${hasNextPage ? '+' : ''} task${items.length === 1 ? '' : 's'}`}
        </p>
        <p className="tk-tasks-keys muted" aria-hidden="true">
          <kbd>/</kbd> search <kbd>↑</kbd>
          <kbd>↓</kbd> move <kbd>Enter</kbd> open <kbd>N</kbd> new
        </p>
        <Link to="/tasks/new" className="button" aria-keyshortcuts="n">
          New task
        </Link>
      </header>
      <TaskFilters search={search} setSearch={setSearch} searchInputRef={searchInputRef} />
      {error ? (
        <p className="banner banner-error" role="alert">
          {error.message}
        </p>
      ) : null}
      <div className="tk-task-table" role="grid" aria-labelledby="tasks-title" aria-rowcount={-1}>
        <div className="tk-task-row tk-task-row-head" role="row">
          <span role="columnheader">Task</span>
          <span role="columnheader">Status</span>
          <span role="columnheader">Service</span>
          <span role="columnheader">Customer</span>
          <span role="columnheader">Site</span>
          <span role="columnheader">Appointment</span>
          <span role="columnheader">Technician</span>
        </div>
        <div
          ref={gridRef}
          className="tk-task-scroller"
          tabIndex={0}
          role="rowgroup"
          aria-label="Tasks"
          aria-activedescendant={activeTask ? `${gridId}-${activeTask.id}` : undefined}
          aria-busy={!isShowingCurrent}
          data-filters={inputKey}
          data-state={isShowingCurrent ? 'ready' : 'loading'}
        >
          {query.isPending ? <p className="tk-task-list-note">Loading tasks…</p> : null}
          {isShowingCurrent && items.length === 0 ? (
            <div className="tk-task-list-note">
              <p>{hasAnyFilter(search) ? 'No task matches these filters.' : 'No tasks yet.'}</p>
              {hasAnyFilter(search) ? (
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => setSearch(clearedFilters)}
                >
                  Clear filters
                </button>
              ) : (
                <Link to="/tasks/new" className="button">
                  Create the first task
                </Link>
              )}
            </div>
          ) : null}
          <div className="tk-task-rows" style={{ height: virtualizer.getTotalSize() }}>
            {virtualRows.map((row) => {
              const task = items[row.index];
              if (!task) return null;
              return (
                <TaskRow
                  key={row.key}
                  id={`${gridId}-${task.id}`}
                  task={task}
                  top={row.start}
                  isActive={row.index === activeIndex}
                  onOpen={() => {
                    setActiveIndex(row.index);
                    openTask(task);
                  }}
                />
              );
            })}
          </div>
          {isFetchingNextPage ? <p className="tk-task-list-more muted">Loading more tasks…</p> : null}
        </div>
      </div>
    </section>
  );
}

const clearedFilters: Partial<TaskListSearch> = {
  statuses: undefined,
  from: undefined,
  to: undefined,
  tech: undefined,
  customer: undefined,
  unscheduled: undefined,
  q: undefined,
};

function TaskRow({
  id,
  task,
  top,
  isActive,
  onOpen,
}: {
  id: string;
  task: TaskListItem;
  top: number;
  isActive: boolean;
  onOpen: () => void;
}) {
  return (
    <div
      id={id}
      role="row"
      className="tk-task-row"
      aria-selected={isActive}
      data-task-id={task.id}
      style={{ transform: `translateY(${top}px)` }}
      onClick={onOpen}
    >
      <span role="gridcell" className="tk-task-number">
        <Link
          to="/tasks/$taskId"
          params={{ taskId: task.id }}
          tabIndex={-1}
          onClick={(event) => event.stopPropagation()}
        >
          T-{task.number}
        </Link>
      </span>
      <span role="gridcell">
        <span className={`tk-status-pill tk-status-${task.status}`}>{statusLabels[task.status]}</span>
      </span>
      <span role="gridcell" className="tk-cell-text">
        {task.serviceType}
      </span>
      <span role="gridcell" className="tk-cell-text">
        {task.customerName}
      </span>
      <span role="gridcell" className="tk-cell-text muted">
        {task.siteAddressLine1}, {task.siteCity}
      </span>
      <span role="gridcell" className="tk-cell-text">
        <Appointment task={task} />
      </span>
      <span role="gridcell" className="tk-cell-text">
        {task.technicianName ?? <span className="muted">Unassigned</span>}
      </span>
    </div>
  );
}

function Appointment({ task }: { task: TaskListItem }) {
  if (!task.appointmentDate) {
    return (
      <span className="muted">
        {task.schedulingMode === 'customer_selects' ? 'Customer to choose' : 'Not booked'}
      </span>
    );
  }
  const time =
    task.appointmentStart && task.appointmentEnd
      ? formatTimeRange(task.appointmentStart, task.appointmentEnd, task.siteTimeZone)
      : (task.windowName ?? '');
  return (
    <>
      {formatLocalDate(task.appointmentDate, 'weekday')} · {time}
      {task.confirmationState === 'confirmed' ? <span className="tk-confirmed-mark"> ✓</span> : null}
    </>
  );
}

function TaskFilters({
  search,
  setSearch,
  searchInputRef,
}: {
  search: TaskListSearch;
  setSearch: SetSearch;
  searchInputRef: React.RefObject<HTMLInputElement | null>;
}) {
  const trpc = useTRPC();
  const ids = {
    search: useId(),
    from: useId(),
    to: useId(),
    tech: useId(),
    customer: useId(),
    when: useId(),
    sort: useId(),
  };
  const technicians = useQuery(trpc.technicians.list.queryOptions({ includeInactive: true }));
  const customer = useQuery({
    ...trpc.customers.get.queryOptions({ id: search.customer ?? '' }),
    enabled: !!search.customer,
  });

  // What is typed shows at once; the list follows once typing pauses.
  const [term, setTerm] = useState(search.q ?? '');
  const settled = useDebounced(term, 200);
  const lastSent = useRef(search.q ?? '');
  useEffect(() => {
    if (settled.trim() === lastSent.current) return;
    lastSent.current = settled.trim();
    setSearch({ q: settled.trim() || undefined });
  }, [settled, setSearch]);
  useEffect(() => {
    // the URL changed from elsewhere (Clear filters, back button): show it
    if ((search.q ?? '') !== lastSent.current) {
      lastSent.current = search.q ?? '';
      setTerm(search.q ?? '');
    }
  }, [search.q]);

  const statuses = statusesOf(search);
  const toggleStatus = (value: string) => {
    const next = statuses.includes(value as never)
      ? statuses.filter((s) => s !== value)
      : [...statuses, value];
    const ordered = taskStatusOptions.map((o) => o.value).filter((s) => next.includes(s));
    setSearch({ statuses: ordered.length > 0 ? ordered.join(',') : undefined });
  };
  const rangeError = search.from && search.to && search.to < search.from;
  const pickedCustomer: PickedCustomer | null = search.customer
    ? { id: search.customer, name: customer.data?.name ?? 'Loading…' }
    : null;
  const onDate = (key: 'from' | 'to') => (event: ChangeEvent<HTMLInputElement>) =>
    setSearch({ [key]: event.target.value || undefined });

  return (
    <div className="tk-task-filters" role="search" aria-label="Filter tasks">
      <div className="tk-filter-row">
        <div className="tk-filter-field tk-filter-search">
          <label htmlFor={ids.search}>Search</label>
          <input
            ref={searchInputRef}
            id={ids.search}
            type="search"
            placeholder="T-1042, customer or service   ( / )"
            value={term}
            onChange={(event) => setTerm(event.target.value)}
            aria-keyshortcuts="/"
          />
        </div>
        <div className="tk-filter-field">
          <label htmlFor={ids.from}>From</label>
          <input id={ids.from} type="date" value={search.from ?? ''} onChange={onDate('from')} />
        </div>
        <div className="tk-filter-field">
          <label htmlFor={ids.to}>To</label>
          <input
            id={ids.to}
            type="date"
            value={search.to ?? ''}
            onChange={onDate('to')}
            aria-invalid={rangeError ? true : undefined}
            aria-describedby={rangeError ? `${ids.to}-error` : undefined}
          />
        </div>
        <div className="tk-filter-field">
          <label htmlFor={ids.when}>Booking</label>
          <select
            id={ids.when}
            value={search.unscheduled ?? ''}
            onChange={(event) =>
              setSearch({ unscheduled: (event.target.value || undefined) as TaskListSearch['unscheduled'] })
            }
          >
            <option value="">Booked or not</option>
            <option value="yes">Unscheduled only</option>
            <option value="no">Booked only</option>
          </select>
        </div>
        <div className="tk-filter-field">
          <label htmlFor={ids.tech}>Technician</label>
          <select
            id={ids.tech}
            value={search.tech ?? ''}
            onChange={(event) => setSearch({ tech: event.target.value || undefined })}
          >
            <option value="">Any technician</option>
            {technicians.data?.map((tech) => (
              <option key={tech.id} value={tech.id}>
                {tech.name}
                {tech.active ? '' : ' (inactive)'}
              </option>
            ))}
          </select>
        </div>
        <div className="tk-filter-field tk-filter-customer">
          <label htmlFor={ids.customer}>Customer</label>
          <CustomerPicker
            id={ids.customer}
            value={pickedCustomer}
            placeholder="Any customer"
            onChange={(picked) => setSearch({ customer: picked?.id })}
          />
        </div>
      </div>
      <div className="tk-filter-row">
        <div className="tk-status-toggles" role="group" aria-label="Status">
          {taskStatusOptions.map((option) => (
            <button
              key={option.value}
              type="button"
              className={`tk-status-toggle tk-status-${option.value}`}
              aria-pressed={statuses.includes(option.value)}
              onClick={() => toggleStatus(option.value)}
            >
              {option.label}
            </button>
          ))}
        </div>
        {rangeError ? (
          <p className="field-error" id={`${ids.to}-error`}>
            The end date must be on or after the start date.
          </p>
        ) : null}
        {hasAnyFilter(search) ? (
          <button type="button" className="tk-link-button" onClick={() => setSearch(clearedFilters)}>
            Clear filters
          </button>
        ) : null}
        <div className="tk-filter-field tk-filter-sort">
          <label htmlFor={ids.sort}>Sort</label>
          <select
            id={ids.sort}
            value={search.sort ?? 'appointment'}
            onChange={(event) =>
              setSearch({ sort: event.target.value === 'created' ? 'created' : undefined })
            }
          >
            <option value="appointment">Appointment, soonest first</option>
            <option value="created">Newest first</option>
          </select>
        </div>
      </div>
    </div>
  );
}
