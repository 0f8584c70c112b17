/**
 * The baseline DESIGN.md measures against: a bare ask-sdk-core skill behind
 * ask-sdk-express-adapter (verification off) that answers one fixed sentence.
 */
import { SkillBuilders } from 'ask-sdk-core';
import { ExpressAdapter } from 'ask-sdk-express-adapter';
import express from 'express';

const skill = SkillBuilders.custom()
  .addRequestHandlers({
    canHandle: () => true,
    handle: (input) => input.responseBuilder.speak('Your checking balance is $1,234.56.').getResponse(),
  })
  .create();

const app = express();
app.post('/alexa', new ExpressAdapter(skill, false, false).getRequestHandlers());
app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});
app.listen(Number(process.env.PORT ?? 0));
