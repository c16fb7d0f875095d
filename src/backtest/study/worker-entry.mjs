// The study's worker-thread entry. A worker does not inherit the parent's TypeScript loader when the parent
// is vitest, and starts with no loader flags here (execArgv: []), so it registers tsx itself, then loads the
// TypeScript worker module. Tinypool calls the default export once per job.
import { register } from 'tsx/esm/api';

register();
const { runStudyJob } = await import('./worker.ts');

export default runStudyJob;
