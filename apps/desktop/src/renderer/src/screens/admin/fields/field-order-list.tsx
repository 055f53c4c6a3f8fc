// The active fields in page order: pick one to edit, and reorder by dragging a row or with the keyboard
// (Space on a row's handle picks it up, the arrow keys move it, Space drops it, Escape puts it back).
import type { CustomField } from '@portico/validators/custom-fields';
import { useState, type DragEvent, type KeyboardEvent } from 'react';
import { kindNames, moveItem } from './field-draft';

type Props = {
  fields: CustomField[];
  selectedId: string | null;
  isSaving: boolean;
  onSelect: (field: CustomField) => void;
  /** Saves the new order; the list shows it at once and goes back if the save is refused. */
  onReorder: (ordered: CustomField[]) => Promise<boolean>;
};

export function FieldOrderList({ fields, selectedId, isSaving, onSelect, onReorder }: Props) {
  /** The order on screen while a move is under way; null shows the saved order. */
  const [moving, setMoving] = useState<CustomField[] | null>(null);
  const [grabbedId, setGrabbedId] = useState<string | null>(null);
  const [dragId, setDragId] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const shown = moving ?? fields;

  const positionText = (list: CustomField[], id: string) =>
    `position ${list.findIndex((f) => f.id === id) + 1} of ${list.length}`;

  async function commit(list: CustomField[], moved: CustomField) {
    const movedLabel = moved.label;
    const isSame = list.every((f, i) => f.id === fields[i]?.id);
    if (isSame) {
      setMoving(null);
      setAnnouncement(`${movedLabel} left where it was.`);
      return;
    }
    setMoving(list);
    const isSaved = await onReorder(list);
    setMoving(null);
    setAnnouncement(
      isSaved
        ? `${movedLabel} moved to ${positionText(list, moved.id)}. Order saved.`
        : `The new order was not saved; ${movedLabel} is back where it was.`,
    );
  }

  function onHandleKey(event: KeyboardEvent<HTMLButtonElement>, field: CustomField) {
    const list = moving ?? fields;
    const index = list.findIndex((f) => f.id === field.id);
    if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      if (grabbedId === field.id) {
        setGrabbedId(null);
        void commit(list, field);
      } else if (!isSaving) {
        setGrabbedId(field.id);
        setMoving(list);
        setAnnouncement(
          `Picked up ${field.label}, ${positionText(list, field.id)}. Use the up and down arrows to move it, Space to drop it, Escape to cancel.`,
        );
      }
      return;
    }
    if (grabbedId !== field.id) return;
    if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      event.preventDefault();
      const next = moveItem(list, index, index + (event.key === 'ArrowUp' ? -1 : 1));
      setMoving(next);
      setAnnouncement(`${field.label}, ${positionText(next, field.id)}.`);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setGrabbedId(null);
      setMoving(null);
      setAnnouncement(`Move cancelled; ${field.label} is back at ${positionText(fields, field.id)}.`);
    }
  }

  function onDragStart(event: DragEvent<HTMLLIElement>, field: CustomField) {
    if (isSaving) {
      event.preventDefault();
      return;
    }
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', field.id);
    setDragId(field.id);
    setMoving(fields);
  }

  function onDragOver(event: DragEvent<HTMLLIElement>, over: CustomField) {
    if (!dragId) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    const list = moving ?? fields;
    const from = list.findIndex((f) => f.id === dragId);
    const to = list.findIndex((f) => f.id === over.id);
    if (from !== to && from !== -1) setMoving(moveItem(list, from, to));
  }

  function onDrop(event: DragEvent<HTMLLIElement>) {
    event.preventDefault();
    const dragged = fields.find((f) => f.id === dragId);
    setDragId(null);
    if (dragged && moving) void commit(moving, dragged);
  }

  function onDragEnd() {
    // dropped outside the list: put it back
    if (dragId) {
      setDragId(null);
      setMoving(null);
    }
  }

  if (fields.length === 0) {
    return (
      <p className="cf-empty">
        No questions on the appointment page yet. Add a field to ask customers what the technician needs to
        know.
      </p>
    );
  }

  return (
    <>
      <p id="cf-order-help" className="cu-hint">
        Drag a row by its handle to change the order, or focus the handle and press Space, then the arrow
        keys.
      </p>
      <ol className="cf-list" aria-label="Fields in page order">
        {shown.map((field, index) => {
          const isGrabbed = grabbedId === field.id || dragId === field.id;
          return (
            <li
              key={field.id}
              className="cf-row"
              data-field-id={field.id}
              data-grabbed={isGrabbed ? 'true' : undefined}
              aria-current={selectedId === field.id ? 'true' : undefined}
              draggable={!isSaving}
              onDragStart={(e) => onDragStart(e, field)}
              onDragOver={(e) => onDragOver(e, field)}
              onDrop={onDrop}
              onDragEnd={onDragEnd}
            >
              <button
                type="button"
                className="cf-handle"
                aria-label={`Move ${field.label}`}
                aria-describedby="cf-order-help"
                aria-pressed={grabbedId === field.id}
                onKeyDown={(e) => onHandleKey(e, field)}
                onBlur={() => {
                  if (grabbedId === field.id) {
                    setGrabbedId(null);
                    void commit(moving ?? fields, field);
                  }
                }}
              >
                <span aria-hidden="true">⠿</span>
              </button>
              <span className="cf-position" aria-hidden="true">
                {index + 1}
              </span>
              <button type="button" className="cf-row-main" onClick={() => onSelect(field)}>
                <span className="cf-row-label">{field.label}</span>
                <span className="cf-row-meta">
                  {kindNames[field.kind]}
                  {field.required ? ' · Required' : ''}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
      <p className="cf-sr-only" aria-live="assertive" data-testid="cf-announcement">
        {announcement}
      </p>
    </>
  );
}
