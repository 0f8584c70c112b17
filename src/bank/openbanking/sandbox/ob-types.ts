/**
 * The Open Banking UK v3.1.11 shapes this sandbox writes, typed from the official
 * schemas (OBAccount6, OBReadBalance1, OBTransaction6, OBBeneficiary5, OBStatement2,
 * OBParty2, OBErrorResponse1). Namespaced codes are limited to the spec's lists.
 */

export type SchemeName = 'UK.OBIE.IBAN' | 'UK.OBIE.PAN' | 'UK.OBIE.SortCodeAccountNumber';
export type CreditDebitIndicator = 'Credit' | 'Debit';

export interface ObAmount {
  readonly Amount: string;
  readonly Currency: string;
}

interface ObCashAccount {
  readonly SchemeName: string;
  readonly Identification: string;
  readonly Name?: string;
  readonly SecondaryIdentification?: string;
}

export interface ObLinks {
  readonly Self: string;
  readonly First?: string;
  readonly Prev?: string;
  readonly Next?: string;
  readonly Last?: string;
}

interface ObMeta {
  readonly TotalPages?: number;
  readonly FirstAvailableDateTime?: string;
  readonly LastAvailableDateTime?: string;
}

export interface ObEnvelope<D> {
  readonly Data: D;
  readonly Links: ObLinks;
  readonly Meta: ObMeta;
}

export interface ObAccount6 {
  readonly AccountId: string;
  readonly Status: 'Enabled';
  readonly Currency: string;
  readonly AccountType: 'Personal';
  readonly AccountSubType: 'CurrentAccount' | 'Savings' | 'CreditCard';
  readonly Nickname?: string;
  readonly Account: readonly (ObCashAccount & { readonly SchemeName: SchemeName })[];
}

export interface ObBalance {
  readonly AccountId: string;
  readonly CreditDebitIndicator: CreditDebitIndicator;
  readonly Type: 'InterimAvailable' | 'InterimBooked';
  readonly DateTime: string;
  readonly Amount: ObAmount;
  readonly CreditLine?: readonly { readonly Included: boolean; readonly Type: 'Credit'; readonly Amount: ObAmount }[];
}

export interface ObTransaction6 {
  readonly AccountId: string;
  readonly TransactionId: string;
  readonly CreditDebitIndicator: CreditDebitIndicator;
  readonly Status: 'Booked' | 'Pending';
  readonly BookingDateTime: string;
  readonly TransactionInformation?: string;
  readonly Amount: ObAmount;
  readonly MerchantDetails?: { readonly MerchantCategoryCode: string };
  readonly CreditorAccount?: ObCashAccount;
  readonly DebtorAccount?: ObCashAccount;
}

export interface ObBeneficiary5 {
  readonly AccountId: string;
  readonly BeneficiaryId: string;
  readonly BeneficiaryType: 'Trusted';
  readonly Reference: string;
  readonly CreditorAccount: ObCashAccount & { readonly SchemeName: SchemeName };
  readonly SupplementaryData: {
    readonly saldoAliases: readonly string[];
    readonly saldoPayeeKind: 'biller' | 'person';
  };
}

export interface ObStatement2 {
  readonly AccountId: string;
  readonly StatementId: string;
  readonly Type: 'RegularPeriodic';
  readonly StartDateTime: string;
  readonly EndDateTime: string;
  readonly CreationDateTime: string;
  readonly StatementAmount: readonly {
    readonly CreditDebitIndicator: CreditDebitIndicator;
    readonly Type: 'UK.OBIE.ClosingBalance' | 'UK.OBIE.CreditLimit' | 'UK.OBIE.MinimumPaymentDue';
    readonly Amount: ObAmount;
  }[];
  readonly StatementDateTime: readonly { readonly DateTime: string; readonly Type: 'UK.OBIE.PaymentDue' }[];
}

export interface ObParty2 {
  readonly PartyId: string;
  readonly PartyType: 'Sole';
  readonly Name: string;
}

export type ObErrorCode =
  | 'UK.OBIE.Field.Invalid'
  | 'UK.OBIE.Field.InvalidDate'
  | 'UK.OBIE.Field.Missing'
  | 'UK.OBIE.Header.Invalid'
  | 'UK.OBIE.Header.Missing'
  | 'UK.OBIE.Resource.ConsentMismatch'
  | 'UK.OBIE.Resource.InvalidConsentStatus'
  | 'UK.OBIE.Resource.NotFound'
  | 'UK.OBIE.UnexpectedError'
  | 'UK.OBIE.Unsupported.AccountIdentifier'
  | 'UK.OBIE.Unsupported.Currency'
  | 'UK.OBIE.Unsupported.Scheme';

export interface ObError1 {
  readonly ErrorCode: ObErrorCode;
  readonly Message: string;
  readonly Path?: string;
}

export interface ObErrorResponse1 {
  readonly Code: string;
  readonly Id: string;
  readonly Message: string;
  readonly Errors: readonly ObError1[];
}

export type ConsentStatus = 'Authorised' | 'Consumed';
export type DomesticPaymentStatus = 'Pending' | 'AcceptedSettlementCompleted' | 'Rejected';

export interface ObScheduledPayment3 {
  readonly AccountId: string;
  readonly ScheduledPaymentId: string;
  readonly ScheduledPaymentDateTime: string;
  readonly ScheduledType: 'Execution';
  readonly Reference: string;
  readonly InstructedAmount: ObAmount;
  readonly CreditorAccount?: ObCashAccount;
}

export interface ObStandingOrder6 {
  readonly AccountId: string;
  readonly StandingOrderId: string;
  /** Monthly on a day: IntrvlMnthDay:01:<day>. */
  readonly Frequency: string;
  readonly Reference: string;
  readonly NextPaymentDateTime: string;
  readonly NextPaymentAmount: ObAmount;
  readonly StandingOrderStatusCode: 'Active';
  readonly CreditorAccount?: ObCashAccount;
}

export interface ObDirectDebit2 {
  readonly AccountId: string;
  readonly DirectDebitId: string;
  readonly MandateIdentification: string;
  readonly DirectDebitStatusCode: 'Active';
  readonly Name: string;
  readonly PreviousPaymentDateTime: string;
  readonly Frequency: 'UK.OBIE.Monthly';
  readonly PreviousPaymentAmount?: ObAmount;
}
