/**
 * Every queue of the job queue. The queues are created by the tables' owner at startup
 * (job-schema.ts), since the app's login role may not create tables; a feature registers its
 * handler on one of these names.
 */
export const JOB_QUEUES = {
  outcomeMeasurementImports: 'outcome-measurement-imports',
  indicatorImports: 'indicator-imports',
  targetImports: 'target-imports',
} as const;

export type JobQueueName = (typeof JOB_QUEUES)[keyof typeof JOB_QUEUES];
