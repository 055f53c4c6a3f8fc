// Procedures of the live domain: the stream of portal changes (bookings, reschedules, cancellations,
// confirmations, answers) that keeps a dispatcher's open screens fresh.
import { liveEventSchema, type LiveEvent } from '@portico/validators/live';
import { TRPCError } from '@trpc/server';
import { router, staffProcedure } from '../trpc';

/** Checks each event on its way out (tRPC's `.output()` would only see the stream itself). */
async function* checkEach(events: AsyncIterable<LiveEvent>): AsyncGenerator<LiveEvent, void, undefined> {
  for await (const event of events) yield liveEventSchema.parse(event);
}

// eslint-disable-next-line require-yield -- a stream that fails when read, like the live one would
async function* refuseLive(): AsyncGenerator<LiveEvent, void, undefined> {
  throw new TRPCError({
    code: 'PRECONDITION_FAILED',
    message: 'Live updates are not available on this server.',
  });
}

export const liveRouter = router({
  /**
   * The caller's organization's events from the moment the stream opens (served over server-sent events by
   * apps/server): the subscriber is registered before tRPC sends `connected`, so a client's onStarted means
   * nothing published afterwards is missed. Events published while a client was disconnected are not
   * replayed: a client refetches what it shows when it (re)connects.
   */
  events: staffProcedure.subscription(async ({ ctx, signal }) => {
    // Contexts without the HTTP server's hub (createCaller tests) get a stream that refuses when read.
    if (!ctx.live) return refuseLive();
    const events = await ctx.live.subscribe(ctx.organizationId, signal ?? new AbortController().signal);
    return checkEach(events);
  }),
});
