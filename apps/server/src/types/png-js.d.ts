declare module 'png-js' {
  export default class PNG {
    constructor(data: Buffer);
    width: number;
    height: number;
    colors: number;
    hasAlphaChannel: boolean;
    decode(fn: (pixels: Buffer) => void): void;
  }
}
