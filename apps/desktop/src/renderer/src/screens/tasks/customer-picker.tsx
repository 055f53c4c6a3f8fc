// A searchable customer combobox (customers.list): type part of a name, pick with the arrow keys and Enter.
import { useTRPC } from '@portico/api-client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState, type KeyboardEvent } from 'react';

export type PickedCustomer = { id: string; name: string };

/** `value`, once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function CustomerPicker({
  id,
  value,
  onChange,
  placeholder = 'Search customers…',
  invalid,
  describedBy,
  autoFocus,
}: {
  id: string;
  value: PickedCustomer | null;
  onChange: (customer: PickedCustomer | null) => void;
  placeholder?: string;
  invalid?: boolean;
  describedBy?: string;
  autoFocus?: boolean;
}) {
  const trpc = useTRPC();
  const listId = useId();
  const [term, setTerm] = useState('');
  const [isOpen, setIsOpen] = useState(false);
  const [active, setActive] = useState(0);
  const search = useDebounced(term.trim(), 150);
  const customers = useQuery({
    ...trpc.customers.list.queryOptions({ search: search || undefined, limit: 20 }),
    enabled: isOpen,
    placeholderData: keepPreviousData,
  });
  const options = customers.data?.items ?? [];

  function choose(customer: PickedCustomer | null) {
    onChange(customer);
    setTerm('');
    setIsOpen(false);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setIsOpen(true);
      setActive((i) => Math.min(i + 1, Math.max(options.length - 1, 0)));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === 'Enter' && isOpen) {
      const option = options[active];
      if (option) {
        event.preventDefault();
        choose({ id: option.id, name: option.name });
      }
    } else if (event.key === 'Escape' && isOpen) {
      event.preventDefault();
      event.stopPropagation();
      setIsOpen(false);
    }
  }

  const shown = isOpen ? term : (value?.name ?? term);
  return (
    <div className="tk-combobox">
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        autoFocus={autoFocus}
        aria-expanded={isOpen}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={isOpen && options[active] ? `${listId}-${active}` : undefined}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy}
        placeholder={value ? value.name : placeholder}
        value={shown}
        onChange={(event) => {
          setTerm(event.target.value);
          setActive(0);
          setIsOpen(true);
        }}
        onFocus={() => setIsOpen(true)}
        onBlur={() => setIsOpen(false)}
        onKeyDown={onKeyDown}
      />
      {value ? (
        <button
          type="button"
          className="tk-combobox-clear"
          aria-label="Clear customer"
          onClick={() => choose(null)}
        >
          ×
        </button>
      ) : null}
      {isOpen ? (
        <ul className="tk-combobox-list" role="listbox" id={listId} aria-label="Customers">
          {customers.isPending ? <li className="tk-combobox-note">Searching…</li> : null}
          {!customers.isPending && options.length === 0 ? (
            <li className="tk-combobox-note">No customer matches “{search}”.</li>
          ) : null}
          {options.map((customer, index) => (
            <li
              key={customer.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className="tk-combobox-option"
              // mousedown, not click: the input's blur would close the list before a click lands
              onMouseDown={(event) => {
                event.preventDefault();
                choose({ id: customer.id, name: customer.name });
              }}
              onMouseEnter={() => setActive(index)}
            >
              <span>{customer.name}</span>
              <span className="muted">{customer.email ?? customer.phone ?? ''}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
