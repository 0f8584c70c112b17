/** The payment campaign on SQLite (see test/campaign/run.ts). */
import { engines } from '../support/databases';
import { campaignRuns, runCampaign } from '../campaign/run';

runCampaign(
  engines().find((e) => e.name === 'sqlite')!,
  campaignRuns(300),
);
