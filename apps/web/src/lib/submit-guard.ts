/**
 * Lets one submission through at a time. A form's submit runs after asynchronous validation, so a double click
 * reaches the handler twice before the pending state shows; the second one is dropped here.
 */
export function submitGuard() {
  let busy = false;
  return {
    /** true when this submission may go ahead */
    begin(): boolean {
      if (busy) return false;
      busy = true;
      return true;
    },
    end(): void {
      busy = false;
    },
  };
}
