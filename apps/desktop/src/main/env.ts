// The main process's one read of process.env (parsed by readConfig); everything else receives `desktopConfig`.
import { readConfig, type DesktopConfig } from './config';

export const desktopConfig: DesktopConfig = readConfig(process.env);
