/**
 * The parts of Open Banking UK v3.1.11 responses the connector reads, as zod schemas.
 * Everything else the spec allows passes through untouched; values the core cannot say
 * (an unknown sub-type, a rejected entry) are mapped or skipped, never crashed on.
 */
import * as z from 'zod';

const amount = z
  .object({ Amount: z.string().regex(/^\d{1,13}(\.\d{1,5})?$/), Currency: z.string().regex(/^[A-Z]{3}$/) })
  .passthrough();
const links = z.object({ Self: z.string(), Next: z.string().optional() }).passthrough();
const meta = z.object({ TotalPages: z.number().optional() }).passthrough().optional();

export const accountsResponse = z
  .object({
    Data: z
      .object({
        Account: z
          .array(
            z
              .object({
                AccountId: z.string().min(1).max(40),
                Currency: z.string().regex(/^[A-Z]{3}$/),
                AccountType: z.string().optional(),
                AccountSubType: z.string().optional(),
                Nickname: z.string().max(70).optional(),
                Account: z
                  .array(
                    z
                      .object({
                        SchemeName: z.string(),
                        Identification: z.string().max(256),
                        Name: z.string().optional(),
                      })
                      .passthrough(),
                  )
                  .optional(),
              })
              .passthrough(),
          )
          .default([]),
      })
      .passthrough(),
  })
  .passthrough();

export const balancesResponse = z
  .object({
    Data: z
      .object({
        Balance: z.array(
          z
            .object({
              AccountId: z.string(),
              CreditDebitIndicator: z.enum(['Credit', 'Debit']),
              Type: z.string(),
              Amount: amount,
              CreditLine: z
                .array(
                  z
                    .object({ Included: z.boolean(), Type: z.string().optional(), Amount: amount.optional() })
                    .passthrough(),
                )
                .optional(),
            })
            .passthrough(),
        ),
      })
      .passthrough(),
  })
  .passthrough();

export const transactionsResponse = z
  .object({
    Data: z
      .object({
        Transaction: z
          .array(
            z
              .object({
                AccountId: z.string(),
                TransactionId: z.string().optional(),
                Status: z.string(),
                BookingDateTime: z.string(),
                CreditDebitIndicator: z.enum(['Credit', 'Debit']),
                Amount: amount,
                TransactionInformation: z.string().optional(),
                MerchantDetails: z
                  .object({ MerchantName: z.string().optional(), MerchantCategoryCode: z.string().optional() })
                  .passthrough()
                  .optional(),
                CreditorAccount: z.object({ Identification: z.string().optional() }).passthrough().optional(),
                DebtorAccount: z.object({ Identification: z.string().optional() }).passthrough().optional(),
              })
              .passthrough(),
          )
          .default([]),
      })
      .passthrough(),
    Links: links,
    Meta: meta,
  })
  .passthrough();

export const beneficiariesResponse = z
  .object({
    Data: z
      .object({
        Beneficiary: z
          .array(
            z
              .object({
                BeneficiaryId: z.string().optional(),
                Reference: z.string().optional(),
                CreditorAccount: z
                  .object({ SchemeName: z.string(), Identification: z.string(), Name: z.string().optional() })
                  .passthrough()
                  .optional(),
                SupplementaryData: z
                  .object({ saldoAliases: z.array(z.string()).optional() })
                  .passthrough()
                  .optional(),
              })
              .passthrough(),
          )
          .default([]),
      })
      .passthrough(),
  })
  .passthrough();

const creditor = z.object({ Identification: z.string().optional(), Name: z.string().optional() }).passthrough();

/** An account-information list: Data.<key> holds the items (none when the bank leaves it out). */
function listResponse<const K extends string, T extends z.ZodType>(key: K, item: T) {
  const shape = { [key]: z.array(item).default([]) } as { [P in K]: z.ZodDefault<z.ZodArray<T>> };
  return z.object({ Data: z.object(shape).passthrough() }).passthrough();
}

export const scheduledPaymentsResponse = listResponse(
  'ScheduledPayment',
  z
    .object({
      ScheduledPaymentId: z.string().optional(),
      ScheduledPaymentDateTime: z.string(),
      InstructedAmount: amount,
      Reference: z.string().optional(),
      CreditorAccount: creditor.optional(),
    })
    .passthrough(),
);

export const standingOrdersResponse = listResponse(
  'StandingOrder',
  z
    .object({
      StandingOrderId: z.string().optional(),
      NextPaymentDateTime: z.string().optional(),
      NextPaymentAmount: amount.optional(),
      StandingOrderStatusCode: z.string().optional(),
      Reference: z.string().optional(),
      CreditorAccount: creditor.optional(),
    })
    .passthrough(),
);

export const directDebitsResponse = listResponse(
  'DirectDebit',
  z
    .object({
      DirectDebitId: z.string().optional(),
      Name: z.string(),
      DirectDebitStatusCode: z.string().optional(),
      PreviousPaymentDateTime: z.string().optional(),
      PreviousPaymentAmount: amount.optional(),
      Frequency: z.string().optional(),
    })
    .passthrough(),
);

export type ObScheduledPayment = z.infer<typeof scheduledPaymentsResponse>['Data']['ScheduledPayment'][number];
export type ObStandingOrder = z.infer<typeof standingOrdersResponse>['Data']['StandingOrder'][number];
export type ObDirectDebit = z.infer<typeof directDebitsResponse>['Data']['DirectDebit'][number];

export const statementsResponse = z
  .object({
    Data: z
      .object({
        Statement: z
          .array(
            z
              .object({
                StatementAmount: z
                  .array(
                    z
                      .object({
                        Type: z.string(),
                        Amount: amount,
                        CreditDebitIndicator: z.enum(['Credit', 'Debit']).optional(),
                      })
                      .passthrough(),
                  )
                  .optional(),
                StatementDateTime: z
                  .array(z.object({ Type: z.string(), DateTime: z.string() }).passthrough())
                  .optional(),
                EndDateTime: z.string().optional(),
              })
              .passthrough(),
          )
          .default([]),
      })
      .passthrough(),
  })
  .passthrough();

export const partyResponse = z
  .object({
    Data: z
      .object({
        Party: z
          .object({ PartyId: z.string().min(1), Name: z.string().optional() })
          .passthrough()
          .optional(),
      })
      .passthrough(),
  })
  .passthrough();

export const consentResponse = z
  .object({ Data: z.object({ ConsentId: z.string().min(1), Status: z.string() }).passthrough() })
  .passthrough();

export const paymentResponse = z
  .object({
    Data: z.object({ DomesticPaymentId: z.string().min(1), ConsentId: z.string(), Status: z.string() }).passthrough(),
  })
  .passthrough();

export type ObAccount = z.infer<typeof accountsResponse>['Data']['Account'][number];
export type ObBalance = z.infer<typeof balancesResponse>['Data']['Balance'][number];
export type ObTransaction = z.infer<typeof transactionsResponse>['Data']['Transaction'][number];
export type ObBeneficiary = z.infer<typeof beneficiariesResponse>['Data']['Beneficiary'][number];
export type ObStatement = z.infer<typeof statementsResponse>['Data']['Statement'][number];
