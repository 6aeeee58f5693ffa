// The README pictures' post-processing with Debian's ffmpeg: 8-bit palette PNGs (a fraction of Chromium's
// 24-bit ones, and text stays sharp), and the animated GIF from timed frames. ffmpeg is installed with apt-get
// when it is missing and we are root, otherwise the exact command is printed.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Debian's own binary: a `convert` or `ffmpeg` elsewhere on PATH may be a stand-in. */
const FFMPEG = '/usr/bin/ffmpeg';

export function ensureFfmpeg(): void {
  if (fs.existsSync(FFMPEG)) return;
  if (process.getuid?.() !== 0) {
    throw new Error('ffmpeg is missing. Install it, then run this again:\n  sudo apt-get update && sudo apt-get install -y --no-install-recommends ffmpeg');
  }
  console.log('[screenshots] installing ffmpeg with apt-get');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'ffmpeg'], { stdio: 'inherit', env });
}

function ffmpeg(args: readonly string[]): void {
  const result = spawnSync(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ffmpeg ${args.join(' ')} failed: ${result.stderr}`);
}

/** Writes `source` as a palette PNG (256 colours chosen for this picture, no dithering: flat UI colours stay flat). */
export function optimisePng(source: string, target: string): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  ffmpeg(['-i', source, '-vf', 'split[a][b];[a]palettegen=max_colors=256:reserve_transparent=0[p];[b][p]paletteuse=dither=none', '-pix_fmt', 'pal8', target]);
}

export interface Frame {
  readonly file: string;
  /** How long the frame stays on screen. */
  readonly seconds: number;
}

/** Writes an endlessly looping GIF of `frames` (all the same size), each shown for its own time. */
export function makeGif(frames: readonly Frame[], target: string): void {
  if (frames.length === 0) throw new Error('an animation needs frames');
  const list = path.join(path.dirname(frames[0].file), 'frames.txt');
  const quote = (file: string) => `'${file.replace(/'/g, "'\\''")}'`;
  const lines = frames.flatMap((frame) => [`file ${quote(frame.file)}`, `duration ${frame.seconds}`]);
  fs.writeFileSync(list, `${lines.join('\n')}\n`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  ffmpeg([
    '-f', 'concat', '-safe', '0', '-i', list,
    // One palette for the whole animation (no flicker between frames); each frame stores only what changed.
    '-vf', 'split[a][b];[a]palettegen=max_colors=128:stats_mode=full[p];[b][p]paletteuse=dither=none:diff_mode=rectangle',
    // The concat demuxer has no end time for the last frame: the GIF muxer is told its delay (centiseconds).
    '-fps_mode', 'vfr', '-loop', '0', '-final_delay', String(Math.round(frames[frames.length - 1].seconds * 100)), target,
  ]);
}
