// The loudness of the others in a call, set on the tablet: HTMLMediaElement.volume of every
// remote tile's video (the tiles carry the sound), in steps the screen shows as "Volume 8 of 10".

export const VOLUME_STEPS = 10;
export const DEFAULT_VOLUME = 8;

export class Volume {
  constructor() {
    this.level = DEFAULT_VOLUME;
  }

  up() {
    this.level = Math.min(VOLUME_STEPS, this.level + 1);
  }

  down() {
    this.level = Math.max(1, this.level - 1); // never silent: the patient could not tell a call from a silence
  }

  get atMost() {
    return this.level >= VOLUME_STEPS;
  }

  get atLeast() {
    return this.level <= 1;
  }

  /** Sets the level on every remote video under `root` (new tiles included: call it after each render). */
  apply(root) {
    const value = this.level / VOLUME_STEPS;
    for (const video of root.querySelectorAll('.call-tile__video')) {
      if (video.volume !== value) video.volume = value;
    }
  }
}
