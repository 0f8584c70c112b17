/**
 * A customer's own words for a slot type, sent to the platform at the start of a session
 * (Alexa: Dialog.UpdateDynamicEntities; Google: session type overrides) so that their
 * payees, account nicknames and merchants are recognised without being in the shipped model.
 */
export interface EntityValue {
  /** Opaque and per customer: never a bank id or an account number. */
  readonly id: string;
  readonly value: string;
  readonly synonyms: readonly string[];
}

interface EntityType {
  /** A slot type of the language model: PAYEE, ACCOUNT_TYPE, MERCHANT. */
  readonly name: string;
  readonly values: readonly EntityValue[];
  /**
   * The customer's values are added to the model's own (MERCHANT: the brands anyone may ask
   * about stay) rather than taking their place for the session.
   */
  readonly extendsModel?: boolean;
}

export type DynamicEntities = readonly EntityType[];
