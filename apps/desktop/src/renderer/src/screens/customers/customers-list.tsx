// The customer list: debounced search, arrow keys and Enter to open, archived ones on request, and new customers.
import { useTRPC } from '@portico/api-client';
import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { CustomerForm, valuesOfCustomer, type CustomerValues } from './customer-form';
import { useDebounced } from '../../components/form-kit';
import './customers.css';

const kindLabels = { person: 'Person', company: 'Company' } as const;

export function CustomersScreen() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const listId = useId();
  const [searchText, setSearchText] = useState('');
  const search = useDebounced(searchText.trim(), 250);
  const [includeArchived, setIncludeArchived] = useState(false);
  const [activeIndex, setActiveIndex] = useState(0);
  const [isCreating, setIsCreating] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);

  const list = useInfiniteQuery(
    trpc.customers.list.infiniteQueryOptions(
      { search: search === '' ? undefined : search, includeArchived, limit: 50 },
      { getNextPageParam: (page) => page.nextCursor, placeholderData: keepPreviousData },
    ),
  );
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const create = useMutation(trpc.customers.create.mutationOptions());

  // A new search starts at its first result (adjusted while rendering, not in an effect).
  const queryKey = `${search}|${includeArchived}`;
  const [shownQueryKey, setShownQueryKey] = useState(queryKey);
  if (shownQueryKey !== queryKey) {
    setShownQueryKey(queryKey);
    setActiveIndex(0);
  }

  function open(id: string) {
    void navigate({ to: '/customers/$customerId', params: { customerId: id } });
  }

  function onSearchKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActiveIndex((i) => Math.min(i + 1, items.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActiveIndex((i) => Math.max(i - 1, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const item = items[activeIndex];
      if (item) open(item.id);
    } else if (event.key === 'Escape' && searchText) {
      setSearchText('');
    }
  }

  useEffect(() => {
    document.getElementById(`${listId}-${activeIndex}`)?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex, listId]);

  async function saveNew(values: CustomerValues) {
    const created = await create.mutateAsync(values);
    await queryClient.invalidateQueries({ queryKey: trpc.customers.list.pathKey() });
    open(created.id);
  }

  const activeItem = items[activeIndex];
  return (
    <section className="cu-screen" aria-labelledby="customers-title">
      <header className="cu-header">
        <h1 id="customers-title">Customers</h1>
        <button type="button" className="button" onClick={() => setIsCreating(true)} disabled={isCreating}>
          New customer
        </button>
      </header>
      {isCreating ? (
        <div className="cu-card">
          <CustomerForm
            title="New customer"
            initial={valuesOfCustomer(null)}
            submitLabel="Create customer"
            onSave={saveNew}
            onCancel={() => {
              setIsCreating(false);
              searchRef.current?.focus();
            }}
          />
        </div>
      ) : null}
      <div className="cu-toolbar">
        <input
          ref={searchRef}
          className="cu-search"
          type="search"
          placeholder="Search by name, email or phone"
          aria-label="Search customers"
          autoFocus
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={activeItem ? `${listId}-${activeIndex}` : undefined}
          value={searchText}
          onChange={(e) => setSearchText(e.target.value)}
          onKeyDown={onSearchKey}
        />
        <label className="cu-check">
          <input
            type="checkbox"
            checked={includeArchived}
            onChange={(e) => setIncludeArchived(e.target.checked)}
          />
          Show archived
        </label>
        <span className="muted cu-count" aria-live="polite">
          {list.isFetching
            ? 'Searching…'
            : `${items.length}${list.hasNextPage ? '+' : ''} ${items.length === 1 ? 'customer' : 'customers'}`}
        </span>
      </div>
      <div className="cu-table-head" aria-hidden="true">
        <span>Name</span>
        <span>Kind</span>
        <span>Email</span>
        <span>Phone</span>
        <span />
      </div>
      {list.isPending ? (
        <p className="cu-empty">Loading customers…</p>
      ) : list.isError ? (
        <p className="cu-empty banner banner-error" role="alert">
          Customers could not be loaded. Portico retries on its own.
        </p>
      ) : items.length === 0 ? (
        <p className="cu-empty">
          {search ? `No customer matches “${search}”.` : 'No customers yet. Create the first one.'}
        </p>
      ) : (
        <ul className="cu-list" id={listId} role="listbox" aria-label="Customers">
          {items.map((customer, index) => (
            <li
              key={customer.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === activeIndex}
              className="cu-row"
              onMouseEnter={() => setActiveIndex(index)}
              onClick={() => open(customer.id)}
            >
              <span className="cu-name">{customer.name}</span>
              <span>{kindLabels[customer.kind]}</span>
              <span>{customer.email ?? '—'}</span>
              <span>{customer.phone ?? '—'}</span>
              <span>{customer.archivedAt ? <span className="cu-badge">Archived</span> : null}</span>
            </li>
          ))}
        </ul>
      )}
      {list.hasNextPage ? (
        <button
          type="button"
          className="button button-secondary cu-more"
          disabled={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
        >
          {list.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </button>
      ) : null}
    </section>
  );
}
