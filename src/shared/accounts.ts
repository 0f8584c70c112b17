/** The kinds of account Saldo tells apart: what a bank reports and what a customer names. */
export type AccountKind = 'checking' | 'savings' | 'credit_card' | 'other';
