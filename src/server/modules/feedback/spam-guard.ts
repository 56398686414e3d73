/** Captcha-free spam guard for the public feedback form (issue #9). */
export const SPAM_GUARD = {
  /** A person needs at least this long to read the form and write something. */
  minFillMs: 3000,
  /** More links than this reads as advertising. */
  maxLinks: 2,
} as const;

export type SpamVerdict = { ok: true } | { ok: false; reason: 'honeypot' | 'too-fast' | 'too-many-links' };

const LINK = /(https?:\/\/|www\.)\S+/gi;

/**
 * Judges a public submission: the hidden `website` field must stay empty (bots fill every field), the form must have
 * been open for {@link SPAM_GUARD.minFillMs}, and the text may hold at most {@link SPAM_GUARD.maxLinks} links.
 */
export function judgeSubmission(input: {
  website?: string | undefined;
  elapsedMs: number;
  text: string;
  title: string;
}): SpamVerdict {
  if (input.website !== undefined && input.website.trim() !== '') {
    return { ok: false, reason: 'honeypot' };
  }
  if (input.elapsedMs < SPAM_GUARD.minFillMs) {
    return { ok: false, reason: 'too-fast' };
  }
  const links = `${input.title}\n${input.text}`.match(LINK)?.length ?? 0;
  if (links > SPAM_GUARD.maxLinks) {
    return { ok: false, reason: 'too-many-links' };
  }
  return { ok: true };
}
