/** The payment campaign on PostgreSQL (see test/campaign/run.ts); required under CI. */
import { engines } from '../support/databases';
import { campaignRuns, runCampaign } from '../campaign/run';

const postgres = engines().find((e) => e.name === 'postgres');
if (postgres) runCampaign(postgres, campaignRuns(300));
else it.skip('PostgreSQL is not reachable here (it is required under CI)', () => undefined);
