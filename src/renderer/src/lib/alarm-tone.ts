/**
 * The alarm tone, synthesised with the Web Audio API: the content security policy allows no
 * media files, and a synthesised tone needs none. Two short falling beeps, ~0.5 s in all.
 */
const BEEPS: readonly { frequencyHz: number; startS: number }[] = [
  { frequencyHz: 880, startS: 0 },
  { frequencyHz: 660, startS: 0.25 },
];
const BEEP_S = 0.18;
const VOLUME = 0.25;

let context: AudioContext | null = null;

/** One context for the page: browsers limit how many may exist. */
function audioContext(): AudioContext {
  context ??= new AudioContext();
  return context;
}

/**
 * Lets the tone play later: browsers start an AudioContext suspended until the user has
 * interacted with the page, so switching the alarm on (a click) resumes it.
 */
export function unlockAlarmAudio(): void {
  void audioContext()
    .resume()
    .catch(() => undefined);
}

/** Plays the tone; resolves false when the browser would not (no audio device, no gesture). */
export async function playAlarmTone(): Promise<boolean> {
  try {
    const audio = audioContext();
    if (audio.state === 'suspended') await audio.resume();
    const start = audio.currentTime + 0.02;
    for (const beep of BEEPS) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = 'square';
      oscillator.frequency.value = beep.frequencyHz;
      // A short ramp in and out, so the beep does not click.
      const at = start + beep.startS;
      gain.gain.setValueAtTime(0, at);
      gain.gain.linearRampToValueAtTime(VOLUME, at + 0.01);
      gain.gain.setValueAtTime(VOLUME, at + BEEP_S - 0.02);
      gain.gain.linearRampToValueAtTime(0, at + BEEP_S);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(at);
      oscillator.stop(at + BEEP_S);
    }
    return audio.state === 'running';
  } catch {
    return false;
  }
}
