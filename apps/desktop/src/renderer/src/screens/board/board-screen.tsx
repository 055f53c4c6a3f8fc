// The dispatch board: technicians as lanes, appointment windows as columns, a tray of unassigned and
// unscheduled tasks; dropping a card on a lane × window assigns and books it in one server call.
import { describeClientError, useTRPC, type RouterOutputs } from '@portico/api-client';
import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
} from '@dnd-kit/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useRouteContext } from '@tanstack/react-router';
import { Fragment, useCallback, useEffect, useMemo, useState } from 'react';
import { addDays, formatDate, mondayOf, todayIn } from './board-dates';
import './board.css';

type Board = RouterOutputs['dispatch']['board'];
type Card = Board['tasks'][number];
type Lane = Board['lanes'][number];
type BoardWindow = Board['windows'][number];
type Count = Board['counts'][number];
type Target = { technicianId: string; date: string; windowId: string };
type DropError = { cell: string; taskNumber: number; message: string };
type View = 'day' | 'week';

const cellKey = (t: Target) => `${t.technicianId}|${t.date}|${t.windowId}`;
const countKey = (date: string, windowId: string) => `${date}|${windowId}`;

export function BoardScreen() {
  const { me } = useRouteContext({ from: '__root__' });
  const timeZone = me.organization.timeZone;
  const today = todayIn(timeZone);
  const [date, setDate] = useState(today);
  const [view, setView] = useState<View>('day');
  const from = view === 'week' ? mondayOf(date) : date;
  const days = view === 'week' ? 7 : 1;

  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const boardOptions = trpc.dispatch.board.queryOptions(
    { date: from, days },
    { placeholderData: keepPreviousData },
  );
  const board = useQuery(boardOptions);
  const place = useMutation(trpc.dispatch.place.mutationOptions());
  const [dropError, setDropError] = useState<DropError | null>(null);
  const [dragging, setDragging] = useState<Card | null>(null);

  const step = view === 'week' ? 7 : 1;
  const goTo = useCallback((next: string) => {
    setDropError(null);
    setDate(next);
  }, []);

  // ← / → move a day (a week in the week view), T is today, D and W switch views; never while typing or dragging
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || dragging) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      const actions: Record<string, () => void> = {
        ArrowLeft: () => goTo(addDays(date, -step)),
        ArrowRight: () => goTo(addDays(date, step)),
        t: () => goTo(today),
        d: () => setView('day'),
        w: () => setView('week'),
        Escape: () => setDropError(null),
      };
      const action = actions[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [date, dragging, goTo, step, today]);

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: jumpBetweenCells }),
  );

  const onDragStart = (event: DragStartEvent) => {
    setDropError(null);
    setDragging((event.active.data.current?.card as Card | undefined) ?? null);
  };

  const onDragEnd = (event: DragEndEvent) => {
    setDragging(null);
    const card = event.active.data.current?.card as Card | undefined;
    const target = event.over?.data.current?.target as Target | undefined;
    if (!card || !target) return;
    const isSamePlace =
      card.technicianId === target.technicianId &&
      card.appointmentDate === target.date &&
      card.windowId === target.windowId;
    if (isSamePlace || place.isPending) return;
    const { queryKey } = boardOptions;
    const previous = queryClient.getQueryData(queryKey);
    // show the card where it was dropped at once; the server's answer confirms it or puts it back
    if (previous) queryClient.setQueryData(queryKey, moveCard(previous, card, target));
    place.mutate(
      { taskId: card.id, version: card.version, ...target },
      {
        onError: (error) => {
          queryClient.setQueryData(queryKey, previous);
          setDropError({
            cell: cellKey(target),
            taskNumber: card.number,
            message: describeClientError(error).message,
          });
        },
        onSettled: () => {
          void queryClient.invalidateQueries({ queryKey: trpc.dispatch.pathKey() });
          void queryClient.invalidateQueries({ queryKey: trpc.tasks.pathKey() });
          void queryClient.invalidateQueries({ queryKey: trpc.windows.availability.pathKey() });
        },
      },
    );
  };

  const data = board.data;
  const savingTaskId = place.isPending ? (place.variables?.taskId ?? null) : null;

  return (
    <section className="board-screen" aria-labelledby="board-title">
      <header className="board-toolbar">
        <h1 id="board-title">Dispatch board</h1>
        <div className="board-nav" role="group" aria-label="Date">
          <button
            type="button"
            className="button button-secondary"
            onClick={() => goTo(addDays(date, -step))}
            aria-keyshortcuts="ArrowLeft"
          >
            ← {view === 'week' ? 'Previous week' : 'Previous day'}
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => goTo(today)}
            aria-keyshortcuts="T"
            disabled={view === 'day' ? date === today : mondayOf(date) === mondayOf(today)}
          >
            Today
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => goTo(addDays(date, step))}
            aria-keyshortcuts="ArrowRight"
          >
            {view === 'week' ? 'Next week' : 'Next day'} →
          </button>
          <input
            type="date"
            className="board-date-input"
            aria-label="Go to date"
            value={date}
            onChange={(event) => {
              if (event.target.value) goTo(event.target.value);
            }}
          />
        </div>
        <p className="board-range" aria-live="polite">
          {view === 'week'
            ? `Week of ${formatDate(from, 'long')}`
            : `${formatDate(date, 'long')}${date === today ? ' (today)' : ''}`}
        </p>
        <div className="board-view-switch" role="group" aria-label="View">
          {(['day', 'week'] as const).map((v) => (
            <button
              key={v}
              type="button"
              className="button button-secondary"
              aria-pressed={view === v}
              aria-keyshortcuts={v === 'day' ? 'D' : 'W'}
              onClick={() => setView(v)}
            >
              {v === 'day' ? 'Day' : 'Week'}
            </button>
          ))}
        </div>
      </header>
      <p className="board-hint muted">
        Drag a card onto a technician and window (or focus it, press Space, move with the arrow keys and press
        Space again). ← → change the date, T is today, D / W switch views.
      </p>

      {board.isPending ? (
        <p className="board-state" role="status">
          Loading the board…
        </p>
      ) : board.isError && !data ? (
        <div className="banner banner-error" role="alert">
          {describeClientError(board.error).message}{' '}
          <button type="button" className="button button-secondary" onClick={() => void board.refetch()}>
            Try again
          </button>
        </div>
      ) : data ? (
        <DndContext
          sensors={sensors}
          collisionDetection={detectCell}
          onDragStart={onDragStart}
          onDragEnd={onDragEnd}
          onDragCancel={() => setDragging(null)}
        >
          <div className="board-layout" aria-busy={board.isFetching}>
            <div className="board-main">
              {data.windows.length === 0 ? (
                <p className="board-state">
                  No appointment windows yet. <Link to="/windows">Define the windows</Link> customers and
                  dispatchers book into.
                </p>
              ) : data.lanes.length === 0 ? (
                <p className="board-state">
                  No active technicians. Add technicians to dispatch work to them.
                </p>
              ) : view === 'day' ? (
                <DayGrid
                  board={data}
                  date={date}
                  today={today}
                  dropError={dropError}
                  savingTaskId={savingTaskId}
                  onDismissError={() => setDropError(null)}
                />
              ) : (
                <WeekGrid
                  board={data}
                  today={today}
                  dropError={dropError}
                  savingTaskId={savingTaskId}
                  onDismissError={() => setDropError(null)}
                  onOpenDay={(day) => {
                    setDate(day);
                    setView('day');
                  }}
                />
              )}
            </div>
            <Tray board={data} savingTaskId={savingTaskId} />
          </div>
        </DndContext>
      ) : null}
    </section>
  );
}

/** The pointer decides where a mouse drop lands; a keyboard drag lands on the cell nearest the card. */
const detectCell: CollisionDetection = (args) =>
  args.pointerCoordinates ? pointerWithin(args) : closestCenter(args);

/** Arrow keys move a dragged card from cell to cell (nearest enabled cell in that direction). */
const jumpBetweenCells: KeyboardCoordinateGetter = (event, { context, currentCoordinates }) => {
  const directions: Record<string, [number, number]> = {
    ArrowRight: [1, 0],
    ArrowLeft: [-1, 0],
    ArrowDown: [0, 1],
    ArrowUp: [0, -1],
  };
  const direction = directions[event.code];
  const card = context.collisionRect;
  if (!direction || !card) return undefined;
  event.preventDefault();
  const center = { x: card.left + card.width / 2, y: card.top + card.height / 2 };
  let best: { x: number; y: number; distance: number } | null = null;
  for (const container of context.droppableContainers.getEnabled()) {
    const rect = context.droppableRects.get(container.id);
    if (!rect) continue;
    const target = { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    const dx = target.x - center.x;
    const dy = target.y - center.y;
    const along = dx * direction[0] + dy * direction[1];
    if (along <= 4) continue;
    const across = Math.abs(direction[0] === 0 ? dx : dy);
    const distance = along + across * 2;
    if (!best || distance < best.distance) best = { ...target, distance };
  }
  if (!best) return undefined;
  // move the card's centre onto the cell's centre
  return {
    x: currentCoordinates.x + (best.x - center.x),
    y: currentCoordinates.y + (best.y - center.y),
  };
};

/** The board as it looks once `card` sits in `target`: booked counts follow the cards. */
function moveCard(board: Board, card: Card, target: Target): Board {
  const moved: Card = {
    ...card,
    technicianId: target.technicianId,
    appointmentDate: target.date,
    windowId: target.windowId,
    status: card.status === 'unscheduled' ? 'scheduled' : card.status,
  };
  const tasks = board.tasks.filter((t) => t.id !== card.id);
  if (board.dates.includes(target.date)) tasks.push(moved);
  return {
    ...board,
    tasks,
    unscheduled: board.unscheduled.filter((t) => t.id !== card.id),
    unscheduledTotal: board.unscheduledTotal - (card.status === 'unscheduled' ? 1 : 0),
    counts: board.counts.map((c) => ({
      ...c,
      booked: tasks.filter((t) => t.appointmentDate === c.date && t.windowId === c.windowId).length,
    })),
  };
}

type GridProps = {
  board: Board;
  today: string;
  dropError: DropError | null;
  savingTaskId: string | null;
  onDismissError: () => void;
};

function useBoardIndex(board: Board) {
  return useMemo(() => {
    const counts = new Map<string, Count>(board.counts.map((c) => [countKey(c.date, c.windowId), c]));
    const cells = new Map<string, Card[]>();
    for (const task of board.tasks) {
      if (!task.technicianId || !task.appointmentDate || !task.windowId) continue;
      const key = cellKey({
        technicianId: task.technicianId,
        date: task.appointmentDate,
        windowId: task.windowId,
      });
      cells.set(key, [...(cells.get(key) ?? []), task]);
    }
    return { counts, cells };
  }, [board]);
}

function DayGrid({ board, date, today, ...cellProps }: GridProps & { date: string }) {
  const { counts, cells } = useBoardIndex(board);
  return (
    <div
      className="board-grid"
      style={{ gridTemplateColumns: `168px repeat(${board.windows.length}, minmax(190px, 1fr))` }}
    >
      <div className="board-corner">
        Technician
        <span className="muted">{date === today ? 'Today' : formatDate(date)}</span>
      </div>
      {board.windows.map((window) => (
        <WindowHeader key={window.id} window={window} count={counts.get(countKey(date, window.id))} />
      ))}
      {board.lanes.map((lane) => (
        <Fragment key={lane.technicianId}>
          <LaneHeader lane={lane} />
          {board.windows.map((window) => {
            const target = { technicianId: lane.technicianId, date, windowId: window.id };
            return (
              <Cell
                key={window.id}
                target={target}
                label={`${lane.name}, ${window.name}, ${formatDate(date)}`}
                cards={cells.get(cellKey(target)) ?? []}
                isOffered={counts.get(countKey(date, window.id))?.offered ?? false}
                {...cellProps}
              />
            );
          })}
        </Fragment>
      ))}
    </div>
  );
}

function WeekGrid({
  board,
  today,
  onOpenDay,
  ...cellProps
}: GridProps & { onOpenDay: (date: string) => void }) {
  const { counts, cells } = useBoardIndex(board);
  return (
    <div
      className="board-grid board-grid-week"
      style={{ gridTemplateColumns: `112px repeat(${board.dates.length}, minmax(100px, 1fr))` }}
    >
      <div className="board-corner">Technician</div>
      {board.dates.map((date) => (
        <div key={date} className="board-column-head" aria-current={date === today ? 'date' : undefined}>
          <button type="button" className="board-day-link" onClick={() => onOpenDay(date)}>
            {formatDate(date)}
          </button>
          <ul className="board-week-counts">
            {board.windows.map((window) => {
              const count = counts.get(countKey(date, window.id));
              return (
                <li key={window.id} className={countClass(count)}>
                  <span>{window.name}</span>
                  <CountBadge count={count} />
                </li>
              );
            })}
          </ul>
        </div>
      ))}
      {board.lanes.map((lane) => (
        <Fragment key={lane.technicianId}>
          <LaneHeader lane={lane} />
          {board.dates.map((date) => (
            <div key={date} className="board-week-day">
              {board.windows.map((window) => {
                const target = { technicianId: lane.technicianId, date, windowId: window.id };
                return (
                  <Cell
                    key={window.id}
                    target={target}
                    label={`${lane.name}, ${window.name}, ${formatDate(date)}`}
                    caption={window.name}
                    isCompact
                    cards={cells.get(cellKey(target)) ?? []}
                    isOffered={counts.get(countKey(date, window.id))?.offered ?? false}
                    {...cellProps}
                  />
                );
              })}
            </div>
          ))}
        </Fragment>
      ))}
    </div>
  );
}

function countClass(count: Count | undefined): string {
  if (!count?.offered) return 'is-closed';
  if (count.booked >= count.capacity) return 'is-full';
  return '';
}

function CountBadge({ count }: { count: Count | undefined }) {
  if (!count?.offered) return <span className="board-count">not offered</span>;
  return (
    <span className="board-count" data-window-count={count.windowId}>
      {count.booked} / {count.capacity}
    </span>
  );
}

function WindowHeader({ window, count }: { window: BoardWindow; count: Count | undefined }) {
  return (
    <div className={`board-column-head ${countClass(count)}`}>
      <strong>{window.name}</strong>
      <span className="muted">
        {window.startTime}–{window.endTime}
        {window.retired ? ' · retired' : ''}
      </span>
      <span className="board-count-line">
        <CountBadge count={count} /> {count?.offered ? 'booked' : ''}
      </span>
    </div>
  );
}

function LaneHeader({ lane }: { lane: Lane }) {
  return (
    <div className="board-lane-head">
      <span
        className="board-lane-swatch"
        style={{ background: lane.color ?? 'var(--border)' }}
        aria-hidden="true"
      />
      <span>
        {lane.name}
        {lane.active ? null : <span className="muted"> (inactive)</span>}
      </span>
    </div>
  );
}

function Cell({
  target,
  label,
  caption,
  cards,
  isOffered,
  isCompact = false,
  dropError,
  savingTaskId,
  onDismissError,
}: {
  target: Target;
  label: string;
  caption?: string;
  cards: Card[];
  isOffered: boolean;
  isCompact?: boolean;
  dropError: DropError | null;
  savingTaskId: string | null;
  onDismissError: () => void;
}) {
  const key = cellKey(target);
  const { setNodeRef, isOver } = useDroppable({ id: key, data: { target }, disabled: !isOffered });
  const error = dropError?.cell === key ? dropError : null;
  return (
    <div
      ref={setNodeRef}
      role="group"
      aria-label={label}
      data-cell={key}
      className={[
        'board-cell',
        isCompact ? 'is-compact' : '',
        isOver ? 'is-over' : '',
        isOffered ? '' : 'is-closed',
        error ? 'has-error' : '',
      ].join(' ')}
    >
      {caption ? <span className="board-cell-caption">{caption}</span> : null}
      {cards.map((card) => (
        <TaskCard key={card.id} card={card} isCompact={isCompact} isSaving={card.id === savingTaskId} />
      ))}
      {error ? (
        <div className="board-cell-error" role="alert">
          <span>
            T-{error.taskNumber}: {error.message}
          </span>
          <button type="button" aria-label="Dismiss" onClick={onDismissError}>
            ×
          </button>
        </div>
      ) : null}
    </div>
  );
}

const statusLabels: Record<Card['status'], string> = {
  unscheduled: 'Unscheduled',
  scheduled: 'Scheduled',
  confirmed: 'Confirmed',
  en_route: 'En route',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
  failed: 'Failed',
};

function TaskCard({
  card,
  isCompact = false,
  isSaving,
  detail,
}: {
  card: Card;
  isCompact?: boolean;
  isSaving: boolean;
  detail?: string;
}) {
  const navigate = useNavigate();
  const isMovable = !['completed', 'cancelled', 'failed'].includes(card.status);
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({
    id: card.id,
    data: { card },
    disabled: !isMovable || isSaving,
  });
  const open = () => void navigate({ to: '/tasks/$taskId', params: { taskId: card.id } });
  return (
    <div
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      data-task-card={card.id}
      aria-label={`T-${card.number} ${card.serviceType}, ${card.customerName}, ${statusLabels[card.status]}`}
      aria-roledescription="draggable task"
      title="Drag onto a technician and window. Double-click or press O to open."
      className={[
        'board-card',
        `status-${card.status}`,
        isCompact ? 'is-compact' : '',
        isDragging ? 'is-dragging' : '',
        isSaving ? 'is-saving' : '',
      ].join(' ')}
      style={transform ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)` } : undefined}
      onDoubleClick={open}
      onKeyDown={(event) => {
        if (event.key === 'o' || event.key === 'O') {
          event.preventDefault();
          open();
          return;
        }
        listeners?.onKeyDown?.(event);
      }}
    >
      <span className="board-card-line">
        <strong>T-{card.number}</strong>
        <span className="board-card-service">{card.serviceType}</span>
      </span>
      {isCompact ? null : (
        <span className="board-card-meta">
          {card.customerName} · {card.siteCity || card.siteAddress}
        </span>
      )}
      {detail ? <span className="board-card-meta">{detail}</span> : null}
      {isCompact ? null : (
        <span className="board-card-status">
          {isSaving ? 'Saving…' : statusLabels[card.status]}
          {card.confirmationState === 'pending' && !isSaving ? ' · awaiting confirmation' : ''}
        </span>
      )}
    </div>
  );
}

function Tray({ board, savingTaskId }: { board: Board; savingTaskId: string | null }) {
  const windowNames = new Map(board.windows.map((w) => [w.id, w.name]));
  const unassigned = board.tasks.filter((t) => t.technicianId === null);
  return (
    <aside className="board-tray" aria-labelledby="tray-title">
      <h2 id="tray-title">Unassigned</h2>
      <section aria-labelledby="tray-booked">
        <h3 id="tray-booked">
          Booked, no technician <span className="board-tray-count">{unassigned.length}</span>
        </h3>
        {unassigned.length === 0 ? (
          <p className="muted">Every booked task has a technician.</p>
        ) : (
          unassigned.map((card) => (
            <TaskCard
              key={card.id}
              card={card}
              isSaving={card.id === savingTaskId}
              detail={`${card.appointmentDate ? formatDate(card.appointmentDate) : ''} · ${
                (card.windowId && windowNames.get(card.windowId)) ?? 'window'
              }`}
            />
          ))
        )}
      </section>
      <section aria-labelledby="tray-unscheduled">
        <h3 id="tray-unscheduled">
          Unscheduled <span className="board-tray-count">{board.unscheduledTotal}</span>
        </h3>
        {board.unscheduled.length === 0 ? (
          <p className="muted">No task is waiting for a date.</p>
        ) : (
          board.unscheduled.map((card) => (
            <TaskCard key={card.id} card={card} isSaving={card.id === savingTaskId} />
          ))
        )}
        {board.unscheduledTotal > board.unscheduled.length ? (
          <p className="muted">
            {board.unscheduledTotal - board.unscheduled.length} more in the <Link to="/tasks">task list</Link>
            .
          </p>
        ) : null}
      </section>
    </aside>
  );
}
