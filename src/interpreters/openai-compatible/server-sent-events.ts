/**
 * Splits a stream of server-sent events, given as text in pieces of any size, into the data of each event, as the
 * HTML standard describes: lines end in `\n`, `\r\n` or `\r`; `data:` lines (one space after the colon dropped)
 * join with `\n`; an empty line ends the event; comments (`:`) and other fields (`event:`, `id:`, `retry:`) are
 * skipped; an event not ended when the stream ends is dropped.
 */
export class ServerSentEvents {
  private buffer = '';
  private data: string | undefined;

  /**
   * Reads the next piece of the stream, calling `onData` with the data of each event it completes, in order.
   * Stops at once, keeping nothing, when `onData` returns false; returns whether it went on to the end.
   */
  push(text: string, onData: (data: string) => boolean): boolean {
    const buffer = this.buffer === '' ? text : this.buffer + text;
    let start = 0;
    let carriage = buffer.indexOf('\r');
    for (;;) {
      if (carriage !== -1 && carriage < start) carriage = buffer.indexOf('\r', start);
      const feed = buffer.indexOf('\n', start);
      let end: number;
      let next: number;
      if (carriage !== -1 && (feed === -1 || carriage < feed)) {
        // A `\r` at the end may be the first half of `\r\n`: wait for the next piece.
        if (carriage === buffer.length - 1) break;
        end = carriage;
        next = buffer.charCodeAt(carriage + 1) === 10 ? carriage + 2 : carriage + 1;
      } else if (feed !== -1) {
        end = feed;
        next = feed + 1;
      } else {
        break;
      }
      const line = buffer.slice(start, end);
      start = next;
      if (!this.line(line, onData)) {
        this.buffer = '';
        this.data = undefined;
        return false;
      }
    }
    this.buffer = buffer.slice(start);
    return true;
  }

  private line(line: string, onData: (data: string) => boolean): boolean {
    if (line === '') {
      const { data } = this;
      if (data === undefined) return true;
      this.data = undefined;
      return onData(data);
    }
    const colon = line.indexOf(':');
    if (colon === 0) return true;
    const field = colon === -1 ? line : line.slice(0, colon);
    if (field !== 'data') return true;
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    this.data = this.data === undefined ? value : `${this.data}\n${value}`;
    return true;
  }
}
