import { IntentRequestBuilder, LaunchRequestBuilder } from 'ask-sdk-test';
import { testSaldo } from '../support/app';

const { handler } = testSaldo();
function call(event: any): Promise<any> {
  return new Promise((res, rej) => handler(event, {} as any, (err: any, r: any) => (err ? rej(err) : res(r))));
}
const en = { appId: 'a', userId: 'u', deviceId: 'd', locale: 'en-US' };
const es = { appId: 'a', userId: 'u', deviceId: 'd', locale: 'es-ES' };
function withTok(ev: any, tok: string, isNew = true, attrs: any = {}) { ev.session.user.accessToken = tok; ev.context.System.user.accessToken = tok; ev.session.new = isNew; ev.session.attributes = attrs; return ev; }
it('explore', async () => {
  const cases: Array<[string, any]> = [
    ['launch', withTok(new LaunchRequestBuilder(en).build(), 'sandbox-token-john')],
    ['bal chk', withTok(new IntentRequestBuilder(en, 'GetBalanceIntent').withSlotResolution('accountType', 'checking', 'ACCOUNT_TYPE', 'checking').build(), 'sandbox-token-john')],
    ['bal cc', withTok(new IntentRequestBuilder(en, 'GetBalanceIntent').withSlotResolution('accountType', 'credit card', 'ACCOUNT_TYPE', 'credit_card').build(), 'sandbox-token-john', false)],
    ['bal all', withTok(new IntentRequestBuilder(en, 'GetBalanceIntent').build(), 'sandbox-token-john')],
    ['bal rainy', withTok(new IntentRequestBuilder(en, 'GetBalanceIntent').withSlot('accountType', 'rainy day savings').build(), 'sandbox-token-john')],
    ['tx', withTok(new IntentRequestBuilder(en, 'GetTransactionsIntent').build(), 'sandbox-token-john')],
    ['tx 5', withTok(new IntentRequestBuilder(en, 'GetTransactionsIntent').withSlot('count', '5').build(), 'sandbox-token-john')],
    ['tx date', withTok(new IntentRequestBuilder(en, 'GetTransactionsIntent').withSlot('date', '2026-11-28').build(), 'sandbox-token-john')],
    ['tx none date', withTok(new IntentRequestBuilder(en, 'GetTransactionsIntent').withSlot('date', '2026-11-25').build(), 'sandbox-token-john')],
    ['es launch', withTok(new LaunchRequestBuilder(es).build(), 'sandbox-token-ana')],
    ['es bal chk', withTok(new IntentRequestBuilder(es, 'GetBalanceIntent').withSlotResolution('accountType', 'cuenta corriente', 'ACCOUNT_TYPE', 'checking').build(), 'sandbox-token-ana')],
    ['es bal cc', withTok(new IntentRequestBuilder(es, 'GetBalanceIntent').withSlotResolution('accountType', 'tarjeta', 'ACCOUNT_TYPE', 'credit_card').build(), 'sandbox-token-ana', false)],
    ['es bal all', withTok(new IntentRequestBuilder(es, 'GetBalanceIntent').build(), 'sandbox-token-ana')],
    ['es tx', withTok(new IntentRequestBuilder(es, 'GetTransactionsIntent').build(), 'sandbox-token-ana', false)],
    ['es tx date', withTok(new IntentRequestBuilder(es, 'GetTransactionsIntent').withSlot('date', '2026-11-28').build(), 'sandbox-token-ana', false)],
    ['es tx none', withTok(new IntentRequestBuilder(es, 'GetTransactionsIntent').withSlot('date', '2026-11-25').build(), 'sandbox-token-ana', false)],
    ['es help', withTok(new IntentRequestBuilder(es, 'AMAZON.HelpIntent').build(), 'sandbox-token-ana', false)],
    ['notok', new LaunchRequestBuilder(en).build()],
  ];
  for (const [name, ev] of cases) {
    const r = await call(ev);
    console.log(name, JSON.stringify(r, null, 1));
  }
});
