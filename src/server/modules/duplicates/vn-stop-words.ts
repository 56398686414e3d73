/**
 * Words and phrases that carry no subject in Vietnamese directive tasks: function words and the bureaucratic
 * filler that nearly every task repeats ("triển khai", "thực hiện", "chủ trì, phối hợp", "khẩn trương",
 * "theo chức năng, nhiệm vụ"…). Two tasks that share only these words are not alike.
 *
 * They are matched on lower-case words WITH diacritics, before folding: folded, "để" and "đề (án)", "về" and
 * "vệ (tinh)", "trong" and "trồng (trọt)", "tại" and "tài (chính)" would be the same word.
 *
 * Tuned on the tuning half of `labelled-pairs.json`. Words that are filler in one task but the subject of
 * another ("xây dựng", "ban hành", "nghiên cứu", "hệ thống") are deliberately NOT here: the IDF weight computed
 * over the stored tasks takes care of how common they are.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'các',
  'và',
  'của',
  'cho',
  'để',
  'trong',
  'với',
  'theo',
  'tại',
  'về',
  'là',
  'những',
  'một',
  'này',
  'do',
  'được',
  'đã',
  'đang',
  'sẽ',
  'cùng',
  'hoặc',
  'nhằm',
  'trên',
  'từ',
  'đến',
  'khi',
  'thì',
  'nếu',
  'như',
  'có',
  'bị',
  'bởi',
  'gồm',
  'đó',
  'tất',
  'cả',
  'mọi',
  'đối',
  'nhất',
  'ngay',
  'sớm',
]);

/**
 * Multi-word filler, removed before the word n-grams are formed (lower case, with diacritics, words separated by
 * one space). Longest first, so that "cơ quan liên quan" goes before "liên quan".
 */
export const STOP_PHRASES: readonly string[] = [
  'theo chức năng nhiệm vụ được giao',
  'theo chức năng nhiệm vụ',
  'các cơ quan đơn vị liên quan',
  'các cơ quan liên quan',
  'các đơn vị liên quan',
  'cơ quan liên quan',
  'cấp có thẩm quyền',
  'có thẩm quyền',
  'chủ trì phối hợp',
  'chủ trì',
  'phối hợp',
  'triển khai thực hiện',
  'tổ chức thực hiện',
  'tổ chức triển khai',
  'triển khai',
  'thực hiện',
  'khẩn trương',
  'tiếp tục',
  'đẩy mạnh',
  'tăng cường',
  'quyết liệt',
  'thực chất',
  'hiệu quả',
  'kịp thời',
  'bảo đảm',
  'đảm bảo',
  'liên quan',
  'nghiêm túc',
  'chịu trách nhiệm',
  'tập trung',
  'chủ động',
  'yêu cầu',
  'đề nghị',
  'trình thủ tướng chính phủ',
  'trình chính phủ',
  'thủ tướng chính phủ',
];
