// LIKE patterns from user text: %, _ and \ are matched literally.
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
export const containsPattern = (s: string) => `%${escapeLike(s)}%`;
export const prefixPattern = (s: string) => `${escapeLike(s)}%`;
