/**
 * The parts of Berlin Group NextGenPSD2 1.3.11 responses the connector reads, as zod
 * schemas. Everything else the spec allows passes through untouched; codes the core
 * cannot say (an unknown balance type, an account without a resource id) are mapped or
 * skipped, never crashed on.
 */
import * as z from 'zod';

const currency = z.string().regex(/^[A-Z]{3}$/);
const amount = z.object({ currency, amount: z.string().regex(/^-?[0-9]{1,14}(\.[0-9]{1,3})?$/) }).passthrough();
const href = z.object({ href: z.string() }).passthrough();

const tppMessage = z.object({ category: z.string().optional(), code: z.string(), text: z.string().optional() });
export const errorBody = z.object({ tppMessages: z.array(tppMessage).optional() }).passthrough();

export const consentCreated = z.object({ consentStatus: z.string(), consentId: z.string().min(1) }).passthrough();
export const consentStatus = z.object({ consentStatus: z.string() }).passthrough();

const balance = z
  .object({ balanceType: z.string(), balanceAmount: amount, referenceDate: z.string().optional() })
  .passthrough();
export const balancesResponse = z
  .object({ balances: z.array(balance), debitAccounting: z.boolean().optional() })
  .passthrough();

export const accountsResponse = z
  .object({
    accounts: z.array(
      z
        .object({
          resourceId: z.string().min(1).optional(),
          iban: z.string().optional(),
          bban: z.string().optional(),
          currency,
          name: z.string().optional(),
          displayName: z.string().optional(),
          cashAccountType: z.string().optional(),
          status: z.string().optional(),
          ownerName: z.string().optional(),
        })
        .passthrough(),
    ),
  })
  .passthrough();

export const cardAccountsResponse = z
  .object({
    cardAccounts: z.array(
      z
        .object({
          resourceId: z.string().min(1).optional(),
          maskedPan: z.string(),
          currency,
          name: z.string().optional(),
          displayName: z.string().optional(),
          status: z.string().optional(),
          debitAccounting: z.boolean().optional(),
          creditLimit: amount.optional(),
        })
        .passthrough(),
    ),
  })
  .passthrough();

/** The spec's accountReference: the identifications Saldo compares with the customer's own. */
const accountReference = z
  .object({ iban: z.string().optional(), bban: z.string().optional(), maskedPan: z.string().optional() })
  .passthrough();
const standingOrderDetails = z
  .object({
    startDate: z.string(),
    frequency: z.string(),
    endDate: z.string().optional(),
    dayOfExecution: z.string().optional(),
    monthsOfExecution: z.array(z.string()).optional(),
    multiplicator: z.number().int().optional(),
  })
  .passthrough();
const transaction = z
  .object({
    transactionId: z.string().optional(),
    entryReference: z.string().optional(),
    endToEndId: z.string().optional(),
    bookingDate: z.string().optional(),
    valueDate: z.string().optional(),
    transactionAmount: amount,
    creditorName: z.string().optional(),
    creditorAccount: accountReference.optional(),
    debtorName: z.string().optional(),
    debtorAccount: accountReference.optional(),
    remittanceInformationUnstructured: z.string().optional(),
    bankTransactionCode: z.string().optional(),
    additionalInformationStructured: z.object({ standingOrderDetails }).passthrough().optional(),
  })
  .passthrough();
const cardTransaction = z
  .object({
    cardTransactionId: z.string().optional(),
    transactionDate: z.string().optional(),
    bookingDate: z.string().optional(),
    valueDate: z.string().optional(),
    transactionAmount: amount,
    transactionDetails: z.string().optional(),
    merchantCategoryCode: z.string().optional(),
    invoiced: z.boolean().optional(),
  })
  .passthrough();
const reportLinks = z.object({ next: href.optional() }).passthrough().optional();

export const transactionsResponse = z
  .object({
    transactions: z
      .object({
        booked: z.array(transaction).default([]),
        pending: z.array(transaction).default([]),
        information: z.array(transaction).default([]),
        _links: reportLinks,
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

export const cardTransactionsResponse = z
  .object({
    debitAccounting: z.boolean().optional(),
    cardTransactions: z
      .object({
        booked: z.array(cardTransaction).default([]),
        pending: z.array(cardTransaction).default([]),
        _links: reportLinks,
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

export const paymentCreated = z
  .object({
    transactionStatus: z.string(),
    paymentId: z.string().min(1),
    scaStatus: z.string().optional(),
    _links: z.object({ scaStatus: href.optional() }).passthrough().optional(),
  })
  .passthrough();
export const paymentStatus = z
  .object({ transactionStatus: z.string(), fundsAvailable: z.boolean().optional() })
  .passthrough();
export const scaStatusResponse = z.object({ scaStatus: z.string() }).passthrough();
export const authorisationsResponse = z.object({ authorisationIds: z.array(z.string()) }).passthrough();
/** Any JSON answer: what a readiness probe needs. */
export const anything = z.unknown();

export type BgAccount = z.infer<typeof accountsResponse>['accounts'][number];
export type BgCardAccount = z.infer<typeof cardAccountsResponse>['cardAccounts'][number];
export type BgBalance = z.infer<typeof balance>;
export type BgTransaction = z.infer<typeof transaction>;
export type BgCardTransaction = z.infer<typeof cardTransaction>;
