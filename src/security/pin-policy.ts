/** Four of a kind and straight runs ("1111", "1234", "9876") are the first PINs anyone guesses. */
export function isWeakPin(pin: string): boolean {
  const digits = [...pin].map(Number);
  const steps = new Set(digits.slice(1).map((d, i) => d - (digits[i] as number)));
  return steps.size === 1 && [0, 1, -1].includes([...steps][0] as number);
}
