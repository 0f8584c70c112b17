/**
 * Ana, in Spanish, through the Berlin Group connector against the sandbox Berlin Group
 * bank over real HTTP, every request and response checked against the official 1.3.11
 * definition: balances, movements across pages, and paying Iberdrola with the voice PIN
 * and the bank's decoupled approval in its app.
 */
import { alexaDriver, type Driver } from '../support/drivers';
import { saldoOnBerlinGroup, type BerlinGroupSaldo } from '../support/berlin-group';
import { ANA, WARM_UP_MS } from './helpers';

const PAY_IBERDROLA = {
  payee: { spoken: 'la luz' },
  amount: { spoken: '45' },
  cents: { spoken: '20' },
  fromAccount: { spoken: 'cuenta corriente', id: 'checking' },
};

describe('Ana on a Berlin Group bank, in Spanish', () => {
  let bg: BerlinGroupSaldo;
  let alexa: Driver;

  beforeAll(async () => {
    bg = await saldoOnBerlinGroup({ sandbox: { pageSize: 3 } });
  }, WARM_UP_MS);
  afterAll(() => bg.close());
  beforeEach(() => {
    alexa = alexaDriver(bg.saldo.app, { token: ANA, locale: 'es-ES' });
  });
  afterEach(() => expect(bg.bank.app.responseValidationErrors).toEqual([]));

  it('dice los saldos en euros, y lo que debe la tarjeta, sin IBAN ni número de tarjeta', async () => {
    expect((await alexa.say('Launch')).speech).toContain('Banco Berlín');
    const checking = await alexa.say('GetBalance', { accountType: { spoken: 'cuenta corriente', id: 'checking' } });
    expect(checking.speech).toContain('terminada en 1332 tiene un saldo disponible de 2540 euros con 18 céntimos');
    expect(checking.raw).not.toContain('ES9121000418450200051332');
    const card = await alexa.say('GetBalance', { accountType: { spoken: 'tarjeta', id: 'credit_card' } });
    expect(card.speech).toContain('Debes 312 euros con 40 céntimos en tu tarjeta de crédito terminada en 7899.');
    expect(card.raw).not.toContain('4000001234567899');
  });

  it('lee los movimientos a través de las páginas del banco, cada uno una vez', async () => {
    const first = await alexa.say('GetTransactions', { count: { spoken: '10' } });
    expect(first.speech).toContain('El Corte Inglés');
    expect(first.speech.match(/El Corte Inglés/g)).toHaveLength(1);
    expect(first.speech).toContain('Alquiler piso');
  });

  it('paga a Iberdrola cuando Ana lo aprueba en la app del banco, una sola vez', async () => {
    const readBack = await alexa.say('PayBill', PAY_IBERDROLA);
    expect(readBack.speech).toContain('Iberdrola');
    const sent = await alexa.say('ProvidePin', { pin: { spoken: '4831' } });
    expect(sent.speech).toContain('Banco Berlín ha enviado este pago a la app de tu banco para que lo apruebes.');
    const [waiting] = bg.bank.app.payments().filter((p) => p.scaStatus === 'started');
    expect(waiting?.body.creditorName).toBe('Iberdrola');
    await bg.bank.app.decidePayment(waiting!.id, true);
    const paid = await alexa.say('Yes');
    expect(paid.speech).toContain('He pagado 45 euros con 20 céntimos a Iberdrola');
    expect(paid.raw).not.toContain('ES6000491500051234567892');
    expect(bg.bank.app.payments()).toHaveLength(1);
    const balance = await alexa.say('GetBalance', { accountType: { spoken: 'cuenta corriente', id: 'checking' } });
    expect(balance.speech).toContain('2494 euros con 98 céntimos');
  });

  it('dice que no se ha enviado nada cuando Ana rechaza el pago en la app', async () => {
    await alexa.say('PayBill', { ...PAY_IBERDROLA, amount: { spoken: '20' }, cents: { spoken: '0' } });
    await alexa.say('ProvidePin', { pin: { spoken: '4831' } });
    const waiting = bg.bank.app.payments().find((p) => p.scaStatus === 'started');
    await bg.bank.app.decidePayment(waiting!.id, false);
    const denied = await alexa.say('Yes');
    expect(denied.speech).toContain('el banco no ha aceptado ese pago. No se ha enviado nada.');
  });

  it('pide renovar el acceso en la app del banco cuando el consentimiento caduca a mitad de conversación', async () => {
    expect((await alexa.say('Launch')).ended).toBe(false);
    bg.bank.app.controls.approveConsentsAtOnce = false;
    bg.bank.app.expireConsents('cust-ana');
    const renew = await alexa.say('GetBalance', { accountType: { spoken: 'cuenta de ahorro', id: 'savings' } });
    expect(renew.speech).toBe(
      'Banco Berlín necesita que renueves mi acceso a tus cuentas. Apruébalo en la app de Banco Berlín y vuelve a preguntarme.',
    );
    bg.bank.app.decideConsent(bg.bank.app.consentsWaiting()[0]!.id, true);
    bg.bank.app.controls.approveConsentsAtOnce = true;
    const balance = await alexaDriver(bg.saldo.app, { token: ANA, locale: 'es-ES' }).say('GetBalance', {
      accountType: { spoken: 'cuenta de ahorro', id: 'savings' },
    });
    expect(balance.speech).toContain('10.200 euros');
  });

  it('no escribe ningún IBAN ni el token en los registros', async () => {
    await alexa.say('GetBalance', { accountType: { spoken: 'cuenta de ahorro', id: 'savings' } });
    const logs = bg.saldo.saldo.logs.text();
    expect(logs).toContain('bank call');
    for (const secret of ['ES9121000418450200051332', 'ES7921000813610123456789', 'ES6000491500051234567892', ANA])
      expect(logs).not.toContain(secret);
  });
});
