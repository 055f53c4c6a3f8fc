// Owns the "Add to calendar" download: GET /calendar/<taskId>.ics for the signed-in portal user (session cookie),
// scoped like every portal procedure, answered as an iCalendar attachment that is never cached.
import { validateSessionToken } from '@portico/auth';
import { AppError, type Clock, type CoreContext } from '@portico/core';
import { buildTaskCalendar } from '@portico/core/portal/build-task-calendar';
import type { Db } from '@portico/db';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { readSessionToken, sessionCookieName } from '../session-cookie';

export type CalendarPluginOptions = { db: Db; clock: Clock; publicOrigin: string };

const calendarFile = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.ics$/i;

function sendText(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/plain; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(message);
}

export const calendarPlugin: FastifyPluginAsync<CalendarPluginOptions> = async (app, options) => {
  const cookieName = sessionCookieName(options.publicOrigin);

  app.get<{ Params: { file: string } }>('/calendar/:file', async (request, reply) => {
    const match = calendarFile.exec(request.params.file);
    if (!match) return sendText(reply, 404, 'Appointment was not found.');
    const token = readSessionToken(request, cookieName);
    const session = token ? await validateSessionToken(options.db, token, options.clock.now()) : null;
    if (!session || session.subject !== 'portal' || !session.portalUser) {
      return sendText(reply, 401, 'Sign in to the portal to add this appointment to your calendar.');
    }
    const { portalUser } = session;
    const ctx: CoreContext = {
      db: options.db,
      clock: options.clock,
      organizationId: session.organizationId,
      actor: {
        type: 'portal',
        id: portalUser.id,
        role: portalUser.role,
        customerId: portalUser.customerId,
        contactId: portalUser.contactId,
      },
    };
    try {
      const calendar = await buildTaskCalendar(ctx, {
        taskId: match[1]!.toLowerCase(),
        publicOrigin: options.publicOrigin,
      });
      return await reply
        .code(200)
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="${calendar.filename}"`)
        .header('cache-control', 'no-store')
        .send(calendar.content);
    } catch (error) {
      // NOT_FOUND for other customers' and organizations' tasks alike; an unbooked one has nothing to add yet
      if (error instanceof AppError) {
        return sendText(reply, error.code === 'NOT_FOUND' ? 404 : 409, error.message);
      }
      throw error;
    }
  });
};
