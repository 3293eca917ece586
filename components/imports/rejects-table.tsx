import type { RejectsPage } from '@/lib/client/use-imports';
import { count } from './import-format';

/** The problems of an import by line (line, column, reason), a page at a time, with the whole list to download. */
export function RejectsTable({
  rejects,
  downloadUrl,
  loading,
  onPage,
}: {
  rejects: RejectsPage;
  downloadUrl?: string;
  loading: boolean;
  onPage: (offset: number) => void;
}) {
  if (!rejects.total)
    return (
      <p className="ok" data-testid="no-rejects">
        No line was rejected.
      </p>
    );
  const first = rejects.offset + 1;
  const last = rejects.offset + rejects.lines.length;
  return (
    <div className="import-rejects">
      <div className="toolbar">
        <h3 className="subheading">Problems by line</h3>
        <span className="muted" data-testid="rejects-range">
          lines {count(first)}–{count(last)} of {count(rejects.total)} rejected
        </span>
        {downloadUrl ? (
          <a className="button-link" href={downloadUrl} download data-testid="rejects-download">
            Download all as CSV
          </a>
        ) : null}
      </div>
      <div className={`table-scroll${loading ? ' stale' : ''}`}>
        <table className="table" data-testid="rejects-table">
          <thead>
            <tr>
              <th className="num">Line</th>
              <th>Column</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {rejects.lines.map((line, i) => (
              <tr key={`${line.lineNumber}-${i}`}>
                <td className="num">{line.lineNumber}</td>
                <td>{line.column ? <code>{line.column}</code> : '—'}</td>
                <td>{line.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="pager">
        <button
          type="button"
          className="secondary"
          disabled={rejects.offset === 0 || loading}
          onClick={() => onPage(Math.max(0, rejects.offset - rejects.limit))}
        >
          Previous
        </button>
        <button
          type="button"
          className="secondary"
          disabled={last >= rejects.total || loading}
          onClick={() => onPage(rejects.offset + rejects.limit)}
        >
          Next
        </button>
      </div>
    </div>
  );
}
