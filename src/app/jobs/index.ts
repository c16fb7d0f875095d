export { JobService, type EnqueuedJob, type FinishedJob, type JobHandler, type JobHandlers } from './service';
export {
  deskBacktestOutcome,
  deskJobHandlers,
  followBacktestJob,
  queuedCycleRunner,
  queuedScheduledCycle,
  CycleRunFailedError,
} from './desk-jobs';
export { JobPayloadError, UnknownJobKindError, JobWaitTimeoutError } from './errors';
export {
  DEFAULT_JOB_POLICIES,
  JOB_KINDS,
  JOB_PAYLOADS,
  isJobKind,
  type JobKind,
  type JobPayload,
  type JobPolicies,
} from './kinds';
