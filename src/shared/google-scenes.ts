/**
 * Actions Builder scene names, defined once for the generated project (src/language) and
 * the webhook that sends users to them (src/platforms/google).
 */
export const GOOGLE_SCENES = {
  main: 'Main',
  /** Where the webhook sends a user when the core asks for account linking. */
  accountLinking: 'AccountLinking',
  /** Google's own scene that ends the conversation. */
  endConversation: 'actions.scene.END_CONVERSATION',
} as const;
