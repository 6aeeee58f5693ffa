// Judges a byte count against a limit written as "120 KB" or "100 MB". People read KB as 1,000 or 1,024
// bytes; the verdict uses 1,024 (what `ls -h`, esbuild and VS Code show) and says so when 1,000 would differ.
import { formatInteger } from './stats';

export interface SizeJudgement {
  readonly met: boolean;
  /** Set when the decimal reading of the unit would give the other verdict. */
  readonly caveat?: string;
}

export function judgeSize(bytes: number, limit: number, unit: 'KB' | 'MB'): SizeJudgement {
  const power = unit === 'KB' ? 1 : 2;
  const binaryLimit = limit * 1024 ** power;
  const decimalLimit = limit * 1000 ** power;
  const met = bytes <= binaryLimit;
  if (met === bytes <= decimalLimit) return { met };
  return {
    met,
    caveat: `Read as ${limit} × ${1000 ** power === 1000 ? '1,000' : '1,000,000'} = ${formatInteger(decimalLimit)} bytes, the limit would be ${met ? 'missed' : 'met'}.`,
  };
}
