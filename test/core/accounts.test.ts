import type { Account } from '../../src/bank/connector';
import { resolveAccount } from '../../src/core/accounts';

const accounts: Account[] = [
  { id: 'c1', kind: 'checking', nickname: 'Everyday Checking', currency: 'USD', lastFour: '4217' },
  { id: 'c2', kind: 'checking', nickname: 'Joint Checking', currency: 'USD', lastFour: '1111' },
  { id: 's1', kind: 'savings', nickname: 'Rainy Day Savings', currency: 'USD', lastFour: '0088' },
];

describe('resolveAccount', () => {
  it('uses the resolution id first', () => {
    expect(resolveAccount(accounts, { spoken: 'nest egg', resolvedId: 'savings' }, 'en-US')).toMatchObject({
      kind: 'found',
      account: { id: 's1' },
    });
  });

  it('falls back to the spoken words, per language', () => {
    expect(resolveAccount(accounts, { spoken: 'saving' }, 'en-US')).toMatchObject({
      kind: 'found',
      account: { id: 's1' },
    });
    expect(resolveAccount(accounts, { spoken: 'cuenta de ahorros' }, 'es-ES')).toMatchObject({
      kind: 'found',
      account: { id: 's1' },
    });
  });

  it('asks which when two accounts share the type, unless a nickname settles it', () => {
    expect(resolveAccount(accounts, { spoken: 'checking', resolvedId: 'checking' }, 'en-US')).toMatchObject({
      kind: 'ambiguous',
    });
    expect(resolveAccount(accounts, { spoken: 'joint checking', resolvedId: 'checking' }, 'en-US')).toMatchObject({
      kind: 'found',
      account: { id: 'c2' },
    });
  });

  it('says when the customer has no account of that type', () => {
    expect(resolveAccount(accounts, { spoken: 'credit card', resolvedId: 'credit_card' }, 'en-US')).toEqual({
      kind: 'none',
      requested: 'credit_card',
    });
  });

  it('treats words it does not know as no account named', () => {
    expect(resolveAccount(accounts, { spoken: 'bitcoin wallet' }, 'en-US')).toEqual({ kind: 'unspecified' });
    expect(resolveAccount(accounts, undefined, 'en-US')).toEqual({ kind: 'unspecified' });
  });
});
