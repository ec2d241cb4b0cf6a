/** Escapes LIKE/ILIKE metacharacters so user input is matched literally (default escape is `\`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
