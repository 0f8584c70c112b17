import { IntentRequestBuilder, LaunchRequestBuilder, SessionEndedRequestBuilder } from 'ask-sdk-test';
import { testSaldo } from '../support/app';

const { handler } = testSaldo();
function call(event: any): Promise<any> {
  return new Promise((res, rej) => handler(event, {} as any, (err: any, r: any) => (err ? rej(err) : res(r))));
}
const en = { appId: 'a', userId: 'u', deviceId: 'd', locale: 'en-US' };
const es = { appId: 'a', userId: 'u', deviceId: 'd', locale: 'es-ES' };
async function seq(name: string, tok: string | undefined, evs: any[], first: any = {}) {
  let attrs: any = first;
  let i = 0;
  for (const ev of evs) {
    if (tok) { ev.session.user.accessToken = tok; ev.context.System.user.accessToken = tok; }
    ev.session.new = i === 0; ev.session.attributes = attrs;
    const r = await call(ev);
    console.log(name, i, JSON.stringify({ speech: r.response.outputSpeech?.ssml, re: r.response.reprompt?.outputSpeech?.ssml, end: r.response.shouldEndSession, card: r.response.card, dir: r.response.directives, attrs: r.sessionAttributes }, null, 1));
    attrs = r.sessionAttributes; i++;
  }
}
const I = (s: any, n: string) => new IntentRequestBuilder(s, n);
it('explore', async () => {
  await seq('paging', 'sandbox-token-john', [new LaunchRequestBuilder(en).build(), I(en, 'GetTransactionsIntent').build(), I(en, 'AMAZON.NextIntent').build(), I(en, 'AMAZON.YesIntent').build(), I(en, 'AMAZON.NextIntent').build(), I(en, 'AMAZON.NextIntent').build(), I(en, 'AMAZON.RepeatIntent').build()]);
  await seq('fifty', 'sandbox-token-john', [I(en, 'GetTransactionsIntent').withSlot('count', '50').build(), I(en, 'AMAZON.NextIntent').build(), I(en, 'AMAZON.NextIntent').build()]);
  await seq('misc', 'sandbox-token-john', [new LaunchRequestBuilder(en).build(), I(en, 'AMAZON.RepeatIntent').build(), I(en, 'OrderPizzaIntent').build(), I(en, 'AMAZON.RepeatIntent').build(), I(en, 'AMAZON.FallbackIntent').build(), I(en, 'AMAZON.YesIntent').build(), I(en, 'AMAZON.StopIntent').build(), new SessionEndedRequestBuilder(en, 'USER_INITIATED').build()]);
  await seq('forged', 'sandbox-token-john', [I(en, 'AMAZON.NextIntent').build()], { more: { accountId: 'acc-ana-chk', count: 3, offset: 0 } });
  await seq('garbage', 'sandbox-token-john', [I(en, 'AMAZON.NextIntent').build()], { more: 'x', last: 42 });
  await seq('garbage-repeat', 'sandbox-token-john', [I(en, 'AMAZON.RepeatIntent').build()], { more: 'x', last: 42 });
  await seq('es-friday', 'sandbox-token-ana', [I(es, 'GetTransactionsIntent').withSlot('date', '2026-11-27').build()]);
  await seq('es-paging', 'sandbox-token-ana', [new LaunchRequestBuilder(es).build(), I(es, 'GetTransactionsIntent').build(), I(es, 'AMAZON.NextIntent').build(), I(es, 'AMAZON.YesIntent').build(), I(es, 'AMAZON.NextIntent').build(), I(es, 'OrderPizzaIntent').build(), I(es, 'AMAZON.RepeatIntent').build(), I(es, 'AMAZON.CancelIntent').build()]);
  await seq('es-shell', 'sandbox-token-ana', [I(es, 'GetBalanceIntent').withSlot('accountType', 'nómina').build()]);
  await seq('pizza-notoken', undefined, [I(en, 'OrderPizzaIntent').build(), I(en, 'GetBalanceIntent').build()]);
  await seq('badtoken', 'not-a-real-token', [I(en, 'GetBalanceIntent').build()]);
});
