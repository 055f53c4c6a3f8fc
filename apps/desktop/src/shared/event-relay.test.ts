import { describe, expect, it } from 'vitest';
import { createEventRelay } from './event-relay';

describe('event relay', () => {
  it('delivers to every listener until it unsubscribes', () => {
    const relay = createEventRelay<string>({ holdUntilHeard: false });
    const heard: string[] = [];
    const stopA = relay.subscribe((v) => heard.push(`a:${v}`));
    relay.subscribe((v) => heard.push(`b:${v}`));
    relay.deliver('1');
    stopA();
    relay.deliver('2');
    expect(heard).toEqual(['a:1', 'b:1', 'b:2']);
  });

  it('holds the last value delivered while nobody listened, for the first listener only', () => {
    const relay = createEventRelay<string>({ holdUntilHeard: true });
    relay.deliver('old');
    relay.deliver('task-1');
    const first: string[] = [];
    const second: string[] = [];
    relay.subscribe((v) => first.push(v));
    relay.subscribe((v) => second.push(v));
    expect(first).toEqual(['task-1']);
    expect(second).toEqual([]);
  });

  it('drops what nobody heard when told not to hold it', () => {
    const relay = createEventRelay<string>({ holdUntilHeard: false });
    relay.deliver('/settings');
    const heard: string[] = [];
    relay.subscribe((v) => heard.push(v));
    expect(heard).toEqual([]);
  });
});
