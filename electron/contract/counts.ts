/** A number as Hamish writes it: 12,345. */
export const number = (n: number) => n.toLocaleString('en-US');

/** "1 document", "12,345 documents". */
export const count = (n: number, noun: string) => `${number(n)} ${noun}${n === 1 ? '' : 's'}`;
