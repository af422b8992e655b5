// The files an import sends: what a dropped folder holds (read through the browser's file
// system entries), and which of a folder's files are worth sending.

/** The kinds of file Cairn reads (a Strava export's zip among them). */
export const importable = /\.(fit|gpx|tcx|csv|zip|gz)$/i;

export type Picked = { file: File; name: string };

/** A folder's files worth sending, by their path inside it; the rest are counted as left aside. */
export function pickFromFolder(files: ReadonlyArray<File>): { picked: Picked[]; aside: number } {
  const picked: Picked[] = [];
  let aside = 0;
  for (const file of files) {
    const path = (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name;
    const base = path.split('/').pop() ?? path;
    if (base.startsWith('.') || !importable.test(base)) aside += 1;
    else picked.push({ file, name: path });
  }
  return { picked, aside };
}

/** "3 files, 1.2 MB". */
export function describeFiles(files: ReadonlyArray<Picked>): string {
  const bytes = files.reduce((n, f) => n + f.file.size, 0);
  const count = files.length === 1 ? '1 file' : `${files.length} files`;
  return `${count}, ${formatBytes(bytes)}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The files dropped: plain files as they are, folders walked (their files picked as for a folder input). */
export async function filesFromDrop(transfer: DataTransfer): Promise<{ picked: Picked[]; aside: number }> {
  const items = Array.from(transfer.items ?? []);
  const entries = items
    .map((item) => (typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null))
    .filter((e): e is FileSystemEntry => !!e);
  if (entries.length === 0) {
    return { picked: Array.from(transfer.files).map((file) => ({ file, name: file.name })), aside: 0 };
  }
  const picked: Picked[] = [];
  let aside = 0;
  const walk = async (entry: FileSystemEntry, inFolder: boolean): Promise<void> => {
    if (entry.isFile) {
      const fileEntry = entry as FileSystemFileEntry;
      const file = await new Promise<File>((ok, fail) => fileEntry.file(ok, fail));
      const name = entry.fullPath.replace(/^\//, '') || file.name;
      if (inFolder && (entry.name.startsWith('.') || !importable.test(entry.name))) aside += 1;
      else picked.push({ file, name });
      return;
    }
    if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      // readEntries answers in batches until it answers with none.
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((ok, fail) => reader.readEntries(ok, fail));
        if (batch.length === 0) break;
        for (const child of batch) await walk(child, true);
      }
    }
  };
  for (const entry of entries) await walk(entry, false);
  return { picked, aside };
}
