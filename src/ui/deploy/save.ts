/** Offers `blob` to the user as a download called `name`. */
export function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  Object.assign(document.createElement('a'), { href: url, download: name }).click();
  // The click starts the download synchronously; the URL only needs to outlive it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
