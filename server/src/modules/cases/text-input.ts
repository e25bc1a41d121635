// What a villager or cadre types: trimmed, checked for presence and length, and refused with a
// message that names the field in Chinese.
import { AppError } from '../../http/app-error';

export interface TextRule {
  label: string;
  max: number;
}

// `missing`: the code and message when it is left empty, e.g. NOTE_REQUIRED.
export function requiredText(value: string | undefined, rule: TextRule, missing: { code: string; message: string }): string {
  const text = optionalText(value, rule);
  if (text === null) throw new AppError(400, missing.code, missing.message);
  return text;
}

export function optionalText(value: string | undefined, rule: TextRule): string | null {
  const text = (value ?? '').trim();
  if (!text) return null;
  if ([...text].length > rule.max) throw new AppError(400, 'TEXT_TOO_LONG', `${rule.label}最多${rule.max}个字，请改短一些`);
  return text;
}
