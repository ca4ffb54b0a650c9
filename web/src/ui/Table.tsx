// SPDX-License-Identifier: AGPL-3.0-or-later
// Table: a real <table> on wide screens; under 600px each row becomes a card
// with the column name before each value (CSS reads data-label), so phones
// never scroll sideways.
import type { ComponentChildren } from 'preact';

export interface Column<Row> {
  key: string;
  header: string;
  render: (row: Row) => ComponentChildren;
}

export interface TableProps<Row> {
  caption: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  empty?: string;
}

export function Table<Row>({ caption, columns, rows, rowKey, empty }: TableProps<Row>) {
  return (
    <table class="hs-table">
      <caption class="hs-table__caption">{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.key} scope="col">
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && empty ? (
          <tr>
            <td colSpan={columns.length}>{empty}</td>
          </tr>
        ) : (
          rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => (
                <td key={c.key} data-label={c.header}>
                  {c.render(row)}
                </td>
              ))}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
