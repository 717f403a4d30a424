import { pino, type Logger } from 'pino';

let instance: Logger | undefined;

/** JSON logs to stdout (pino); one logger per process. */
export function getLogger(level?: string): Logger {
  if (!instance) instance = pino({ level: level ?? process.env.LOG_LEVEL ?? 'info', base: { service: 'lokalkraft' } });
  else if (level) instance.level = level;
  return instance;
}
