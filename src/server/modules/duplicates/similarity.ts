import { findDocumentReferences } from '@shared/domain/document-reference';
import { cleanText, foldText } from '@shared/lib/vn-text';
import { STOP_PHRASES, STOP_WORDS } from './vn-stop-words';

/**
 * Vietnamese-aware similarity of two tasks (issue 10). Pure: no I/O, no database.
 *
 * A task is reduced to its content words (stop words and bureaucratic filler removed on the words WITH diacritics,
 * then folded so that "cong nghe so" = "công nghệ số"), word unigrams and bigrams weighted by IDF over the corpus of
 * stored tasks, character trigrams, the documents it cites (decree, law, decision…), its lead agencies, its
 * deadline and its product. {@link compareTasks} turns the evidence into a score in 0…1, a class and the reasons
 * in Vietnamese ("cùng cơ quan chủ trì, cùng sản phẩm 'Nghị định…', 78% trùng từ").
 */

export type MatchableTask = {
  id: string;
  text: string;
  product?: string | null;
  /** Canonical names (or ids) of the lead agencies. */
  leads?: readonly string[];
  deadline?: { kind?: string | null; due?: string | null; raw?: string | null } | null;
  /** Key of the assigning directive ("71/NQ-CP"), for display only. */
  directiveKey?: string | null;
};

type Reference = { key: string; family: string; label: string };

export type PreparedTask = {
  task: MatchableTask;
  /** Content words, folded, in order. */
  words: string[];
  /** The same words as written (lower case, diacritics kept), for the reasons. */
  display: string[];
  /** Term → count: folded unigrams ("dat") and bigrams ("dat dai"). */
  terms: Map<string, number>;
  /** Content words joined: the text the trigrams are taken from. */
  folded: string;
  refs: Reference[];
  leads: Set<string>;
  product: string | null;
  productLabel: string | null;
};

/** Document frequencies over the stored tasks: how rare a word, a cited document or a product is. */
export type TermStats = {
  docs: number;
  df: (term: string) => number;
};

export type SimilarityClass = 'duplicate' | 'overlap' | 'different';

export type SimilarityFeatures = {
  /** IDF-weighted cosine of the word uni/bi-grams. */
  cosine: number;
  /** Character-trigram Jaccard of the content words. */
  trigram: number;
  /** Share of the smaller task's weighted terms found in the other. */
  containment: number;
  /** Share of weighted terms that each task has and the other lacks (the smaller of the two). */
  distinct: number;
  /** Both cite the same specific document (decree, law…). */
  sharedReference: number;
  /** Both cite documents of the same kind, but different ones (Luật A vs Luật B). */
  conflictingReference: number;
  /** Same specific lead agency (Jaccard of small lead sets). */
  sameLead: number;
  /** Both name specific leads and they are disjoint. */
  differentLead: number;
  /** 1 same period, 0.5 within a quarter, 0 unknown, −1 far apart. */
  deadline: number;
  /** Same product, weighted by how rare that product is (0…1). */
  sameProduct: number;
  /** 1 when one of the two has at most three content words (containment is then weak evidence). */
  short: number;
  /** Both tasks come from the same directive, where the drafter listed them as separate items. */
  sameDirective: number;
  /**
   * Both are short names (at most {@link SHORT_NAME_WORDS} content words) and each has a word the other lacks:
   * "Cơ sở dữ liệu … đường bộ" vs "… đường sắt", "công nghệ chiến lược" vs "công nghiệp chiến lược".
   */
  ownSubject: number;
};

export type SimilarityResult = {
  score: number;
  kind: SimilarityClass;
  reasons: string[];
  features: SimilarityFeatures;
};

/**
 * Weights of the logistic model `score = σ(w·x)` over {@link SimilarityFeatures}, fitted on the TUNING half of
 * `labelled-pairs.json` only (see `labelled-set.ts`; the held-out half is never looked at when these change).
 */
export const SIMILARITY_WEIGHTS = {
  bias: -0.83,
  cosine: 1.62,
  trigram: 0.79,
  containment: 1.39,
  distinct: -1.39,
  sharedReference: 0.66,
  // Domain priors, not fitted (too few tuning pairs carry them): citing different laws/decrees is strong
  // evidence of different tasks; same lead and compatible deadlines are weak evidence of the same one.
  conflictingReference: -2,
  sameLead: 0.3,
  deadline: 0.2,
  differentLead: -0.38,
  // Fitted to 0: every labelled "different" pair of sibling databases shares its product ("Hoàn thành, khai thác
  // sử dụng"); the product stays in the reasons.
  sameProduct: 0,
  short: 0.1,
  sameDirective: -1.17,
  ownSubject: -1.98,
} as const satisfies Record<keyof SimilarityFeatures | 'bias', number>;

/**
 * Business rule: a pair is proposed for review when its score reaches `candidate`; among proposed pairs, it is
 * suggested as a duplicate (rather than an overlap) when the symmetric evidence says the two say the same thing.
 * Chosen on the tuning half of the labelled set.
 */
export const SIMILARITY_THRESHOLDS = {
  candidate: 0.5,
  /** Minimum cosine for "duplicate" (else "overlap"). */
  duplicateCosine: 0.55,
  /** Maximum distinct share for "duplicate". */
  duplicateDistinct: 0.2,
} as const;

const PHRASES = STOP_PHRASES.map((p) => p.split(' '));

/**
 * "… theo Nghị quyết số 66/NQ-CP ngày 26/3/2025 của Chính phủ về Chương trình …": the legal basis of a task, not its
 * subject. Its words are left out of the word n-grams (the cited document still counts as a reference).
 */
const BASIS_CLAUSE =
  /\s(?:theo|tại|căn cứ)\s+(?:quy định (?:tại|của)\s+)?(?:nghị quyết|nghị định|quyết định|kế hoạch|thông báo|chỉ thị|công văn|văn bản|quy định|quy chế|thông tư)\s+(?:số\s*)?\d[^.;]*/giu;

/** A leading "Bộ X - " or "Giao Bộ X " that repeats the lead agency in the task text. */
const LEAD_PREFIX =
  /^(?:giao\s+)?(?:bộ|ban|văn phòng|ủy ban|uỷ ban|ubnd|đảng ủy|đảng uỷ|ngân hàng|sở|tòa án|toà án|viện|thanh tra|kiểm toán|các bộ|các cơ quan|các địa phương)[^\-–:]{0,90}?\s[-–]\s+/iu;

/** Lower-case words of a cleaned text, diacritics kept. */
function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

function removeFiller(words: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  outer: while (i < words.length) {
    for (const phrase of PHRASES) {
      if (phrase.length > 0 && phrase.every((p, k) => words[i + k] === p)) {
        i += phrase.length;
        continue outer;
      }
    }
    const w = words[i] as string;
    // Enumerations "(1)", "(i)", "03" carry nothing; years and codes ("5g", "2025", "107") stay.
    if (!STOP_WORDS.has(w) && !/^\d{1,2}$/.test(w) && !/^(?:i|ii|iii|iv|v|vi)$/.test(w)) {
      out.push(w);
    }
    i++;
  }
  return out;
}

function referenceFamily(key: string, kind: string): string {
  if (key.startsWith('luat:')) {
    return 'luat';
  }
  const code = /[-/]([\p{L}]+)[-/]/u.exec(key)?.[1] ?? kind;
  return code.toUpperCase();
}

/** Reduces a task to the evidence {@link compareTasks} uses. Call once per task; the result is reused. */
export function prepareTask(task: MatchableTask): PreparedTask {
  const text = cleanText(task.text).replace(LEAD_PREFIX, '');
  const display = removeFiller(wordsOf(text.replace(BASIS_CLAUSE, ' ')));
  const words: string[] = [];
  const shown: string[] = [];
  for (const w of display) {
    const f = foldText(w);
    if (f.length > 0) {
      words.push(f);
      shown.push(w);
    }
  }
  const terms = new Map<string, number>();
  const bump = (t: string) => terms.set(t, (terms.get(t) ?? 0) + 1);
  for (let i = 0; i < words.length; i++) {
    bump(words[i] as string);
    if (i + 1 < words.length) {
      bump(`${words[i]} ${words[i + 1]}`);
    }
  }
  const refs = new Map<string, Reference>();
  for (const r of findDocumentReferences(text)) {
    if (!refs.has(r.key)) {
      const label = r.number === '' ? cleanText(r.raw) : `${r.number}`;
      refs.set(r.key, { key: r.key, family: referenceFamily(r.key, r.kind), label });
    }
  }
  const product = task.product ? foldText(task.product) : '';
  return {
    task,
    words,
    display: shown,
    terms,
    folded: words.join(' '),
    refs: [...refs.values()],
    leads: new Set((task.leads ?? []).map((l) => foldText(l)).filter(Boolean)),
    product: product.length > 0 ? product : null,
    productLabel: task.product ? cleanText(task.product) : null,
  };
}

/** The keys a prepared task contributes to document frequencies (terms, products, cited documents). */
export function statKeysOf(p: PreparedTask): string[] {
  const keys = [...p.terms.keys()];
  if (p.product) {
    keys.push(`p:${p.product}`);
  }
  for (const r of p.refs) {
    keys.push(`r:${r.key}`);
  }
  return keys;
}

/** Document frequencies over a set of prepared tasks (the labelled seeds, or a small corpus in tests). */
export function buildTermStats(prepared: Iterable<PreparedTask>): TermStats {
  const df = new Map<string, number>();
  let docs = 0;
  for (const p of prepared) {
    docs++;
    for (const k of statKeysOf(p)) {
      df.set(k, (df.get(k) ?? 0) + 1);
    }
  }
  return { docs, df: (term) => df.get(term) ?? 0 };
}

/** Smoothed inverse document frequency: a term in every task weighs about 0, an unseen one the most. */
export function idfOf(stats: TermStats, term: string): number {
  return Math.max(0, Math.log((stats.docs + 1) / (stats.df(term) + 0.5)));
}

/**
 * Laws cited by name are read up to the first word that looks like the next phrase, so one law can give
 * "luat:khoa-hoc" and "luat:khoa-hoc-cong-nghe": a key that extends the other names the same law.
 */
function sameReference(a: Reference, b: Reference): boolean {
  if (a.key === b.key) {
    return true;
  }
  return a.family === 'luat' && b.family === 'luat' && (a.key.startsWith(`${b.key}-`) || b.key.startsWith(`${a.key}-`));
}

function trigramsOf(s: string): Set<string> {
  const padded = `  ${s} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) {
    out.add(padded.slice(i, i + 3));
  }
  return out;
}

function jaccard<T>(a: Set<T>, b: Set<T>): number {
  if (a.size === 0 || b.size === 0) {
    return 0;
  }
  let inter = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) {
    if (large.has(x)) {
      inter++;
    }
  }
  return inter / (a.size + b.size - inter);
}

const DAY_MS = 86_400_000;

function daysBetween(a: string, b: string): number {
  return Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / DAY_MS;
}

function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${Number(d)}/${Number(m)}/${y}`;
}

/** A task this short (in syllables) is a name (of a database, a decree, a programme), compared word by word. */
const SHORT_NAME_WORDS = 14;
/** Terms rarer than this (IDF) are a subject of their own, not filler. */
const SUBJECT_IDF = 2;

/** `x` has a word or word pair, rare enough to be a subject, that `y` lacks (syllables alone are too common). */
function hasOwnTerm(x: PreparedTask, y: PreparedTask, idf: (t: string) => number): boolean {
  for (const t of x.terms.keys()) {
    if (!y.terms.has(t) && idf(t) >= SUBJECT_IDF) {
      return true;
    }
  }
  return false;
}

/** A lead set small enough to name the responsible agency (not "Các bộ, ngành, địa phương" expanded). */
const SPECIFIC_LEADS = 4;

type Evidence = {
  features: SimilarityFeatures;
  sharedWords: string[];
  onlyA: string[];
  onlyB: string[];
  sharedRefs: Reference[];
  conflict: [Reference, Reference] | null;
};

function gather(a: PreparedTask, b: PreparedTask, stats: TermStats): Evidence {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  let massA = 0;
  let massB = 0;
  let shared = 0;
  const idfCache = new Map<string, number>();
  const idf = (t: string) => {
    let v = idfCache.get(t);
    if (v === undefined) {
      v = idfOf(stats, t);
      idfCache.set(t, v);
    }
    return v;
  };
  for (const [t, n] of a.terms) {
    const w = idf(t);
    const wa = (1 + Math.log(n)) * w;
    normA += wa * wa;
    massA += w;
    const m = b.terms.get(t);
    if (m !== undefined) {
      dot += wa * (1 + Math.log(m)) * w;
      shared += w;
    }
  }
  for (const [t, m] of b.terms) {
    const w = idf(t);
    const wb = (1 + Math.log(m)) * w;
    normB += wb * wb;
    massB += w;
  }
  const cosine = normA > 0 && normB > 0 ? dot / Math.sqrt(normA * normB) : 0;
  const containment = Math.min(massA, massB) > 0 ? Math.min(1, shared / Math.min(massA, massB)) : 0;
  const uniqueA = massA > 0 ? 1 - shared / massA : 1;
  const uniqueB = massB > 0 ? 1 - shared / massB : 1;

  // Cited documents: common context ("Nghị quyết 57-NQ/TW" is cited by a large share of tasks) does not count.
  const rareRef = (r: Reference) => stats.df(`r:${r.key}`) <= Math.max(3, stats.docs * 0.03);
  const refsA = a.refs.filter(rareRef);
  const refsB = b.refs.filter(rareRef);
  const sharedRefs = refsA.filter((ra) => refsB.some((rb) => sameReference(ra, rb)));
  let conflict: [Reference, Reference] | null = null;
  if (sharedRefs.length === 0) {
    for (const ra of refsA) {
      const rb = refsB.find((r) => r.family === ra.family && !refsA.some((x) => sameReference(x, r)));
      if (rb) {
        conflict = [ra, rb];
        break;
      }
    }
  }

  const specific =
    a.leads.size > 0 && b.leads.size > 0 && a.leads.size <= SPECIFIC_LEADS && b.leads.size <= SPECIFIC_LEADS;
  const leadJaccard = jaccard(a.leads, b.leads);

  let deadline = 0;
  const dueA = a.task.deadline?.due ?? null;
  const dueB = b.task.deadline?.due ?? null;
  if (dueA && dueB) {
    const d = daysBetween(dueA, dueB);
    deadline = d <= 31 ? 1 : d <= 92 ? 0.5 : -1;
  } else if (a.task.deadline?.kind === 'recurring' && b.task.deadline?.kind === 'recurring') {
    deadline = 0.5;
  }

  let sameProduct = 0;
  if (a.product && a.product === b.product) {
    const max = Math.log((stats.docs + 1) / 0.5);
    sameProduct = max > 0 ? Math.min(1, idfOf(stats, `p:${a.product}`) / max) : 0;
  }

  // The most telling word one side has and the other lacks, shown with the neighbour it forms a common word
  // with ("sắt" → "đường sắt", "mầm" → "mầm non"): a Vietnamese syllable alone says little.
  const distinctTerms = (x: PreparedTask, y: PreparedTask): string[] => {
    const word = [...new Set(x.words)].filter((w) => !y.terms.has(w)).sort((p, q) => idf(q) - idf(p))[0];
    if (!word) {
      return [];
    }
    const i = x.words.indexOf(word);
    const before = i > 0 ? `${x.words[i - 1]} ${word}` : null;
    const after = i + 1 < x.words.length ? `${word} ${x.words[i + 1]}` : null;
    const pick = [before, after].filter((t): t is string => t !== null).sort((p, q) => stats.df(q) - stats.df(p))[0];
    return [pick && stats.df(pick) > 1 ? pick : word];
  };
  const wordsShared = [...new Set(a.words)].filter((w) => b.terms.has(w));
  return {
    features: {
      cosine,
      trigram: jaccard(trigramsOf(a.folded), trigramsOf(b.folded)),
      containment,
      distinct: Math.max(0, Math.min(uniqueA, uniqueB)),
      sharedReference: sharedRefs.length > 0 ? 1 : 0,
      conflictingReference: conflict ? 1 : 0,
      sameLead: specific ? leadJaccard : 0,
      differentLead: specific && leadJaccard === 0 ? 1 : 0,
      deadline,
      sameProduct,
      short: Math.min(a.words.length, b.words.length) <= 3 ? 1 : 0,
      sameDirective:
        a.task.directiveKey && a.task.directiveKey === b.task.directiveKey && a.task.id !== b.task.id ? 1 : 0,
      ownSubject:
        a.words.length <= SHORT_NAME_WORDS &&
        b.words.length <= SHORT_NAME_WORDS &&
        hasOwnTerm(a, b, idf) &&
        hasOwnTerm(b, a, idf)
          ? 1
          : 0,
    },
    sharedWords: wordsShared,
    onlyA: distinctTerms(a, b),
    onlyB: distinctTerms(b, a),
    sharedRefs,
    conflict,
  };
}

/** σ(w·x) with {@link SIMILARITY_WEIGHTS}. */
export function scoreFeatures(f: SimilarityFeatures, weights: Record<string, number> = SIMILARITY_WEIGHTS): number {
  let z = weights.bias ?? 0;
  for (const [k, v] of Object.entries(f)) {
    z += (weights[k] ?? 0) * v;
  }
  return 1 / (1 + Math.exp(-z));
}

/** The class of a scored pair: see {@link SIMILARITY_THRESHOLDS}. */
export function classify(score: number, f: SimilarityFeatures): SimilarityClass {
  if (score < SIMILARITY_THRESHOLDS.candidate) {
    return 'different';
  }
  return f.cosine >= SIMILARITY_THRESHOLDS.duplicateCosine && f.distinct <= SIMILARITY_THRESHOLDS.duplicateDistinct
    ? 'duplicate'
    : 'overlap';
}

/** A folded term ("duong sat") as written in the task ("đường sắt"). */
function displayTerm(p: PreparedTask, term: string): string {
  const parts = term.split(' ');
  for (let i = 0; i + parts.length <= p.words.length; i++) {
    if (parts.every((w, k) => p.words[i + k] === w)) {
      return p.display.slice(i, i + parts.length).join(' ');
    }
  }
  return term;
}

function shorten(s: string, max = 60): string {
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}

function reasonsOf(a: PreparedTask, b: PreparedTask, e: Evidence): string[] {
  const f = e.features;
  const reasons: string[] = [];
  if (f.sameLead > 0) {
    reasons.push(f.sameLead === 1 ? 'cùng cơ quan chủ trì' : 'có chung cơ quan chủ trì');
  } else if (f.differentLead > 0) {
    reasons.push('khác cơ quan chủ trì');
  }
  if (f.sameProduct > 0 && a.productLabel) {
    reasons.push(`cùng sản phẩm '${shorten(a.productLabel, 50)}'`);
  }
  for (const r of e.sharedRefs.slice(0, 2)) {
    reasons.push(`cùng nêu ${shorten(r.label, 60)}`);
  }
  if (e.conflict) {
    reasons.push(`nêu văn bản khác nhau: ${shorten(e.conflict[0].label, 40)} ≠ ${shorten(e.conflict[1].label, 40)}`);
  }
  const overlapPct = Math.round(Math.max(f.cosine, f.containment) * 100);
  reasons.push(`${overlapPct}% trùng từ`);
  if (f.containment >= 0.8 && f.cosine < 0.6 && f.short === 0) {
    reasons.push('nội dung nhiệm vụ ngắn hơn nằm gần trọn trong nhiệm vụ kia');
  }
  const [onlyA] = e.onlyA;
  const [onlyB] = e.onlyB;
  if ((f.distinct >= 0.35 || f.ownSubject === 1) && onlyA && onlyB) {
    reasons.push(`khác nội dung cụ thể: '${displayTerm(a, onlyA)}' / '${displayTerm(b, onlyB)}'`);
  }
  const dueA = a.task.deadline?.due;
  const dueB = b.task.deadline?.due;
  if (dueA && dueB) {
    if (f.deadline === 1) {
      reasons.push(dueA === dueB ? `cùng thời hạn ${formatDate(dueA)}` : 'thời hạn cùng kỳ');
    } else if (f.deadline === 0.5) {
      reasons.push('thời hạn gần nhau (trong một quý)');
    } else {
      reasons.push(`thời hạn khác nhau (${formatDate(dueA)} và ${formatDate(dueB)})`);
    }
  }
  return reasons;
}

/** Features only (for tuning and tests). */
export function similarityFeatures(a: PreparedTask, b: PreparedTask, stats: TermStats): SimilarityFeatures {
  return gather(a, b, stats).features;
}

/**
 * Compares two prepared tasks. Business rule: the score is the logistic model of {@link SIMILARITY_WEIGHTS}; a pair
 * at or above `SIMILARITY_THRESHOLDS.candidate` is proposed for review as a duplicate or an overlap.
 */
export function compareTasks(a: PreparedTask, b: PreparedTask, stats: TermStats): SimilarityResult {
  const e = gather(a, b, stats);
  // Identical wording is the same task whatever else differs (PL06 §1 copies PL02 verbatim).
  const score = a.folded.length > 0 && a.folded === b.folded ? 1 : scoreFeatures(e.features);
  const kind = a.folded.length > 0 && a.folded === b.folded ? 'duplicate' : classify(score, e.features);
  return { score: Math.round(score * 1000) / 1000, kind, reasons: reasonsOf(a, b, e), features: e.features };
}
