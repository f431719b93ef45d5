/** Line items on a record's page: a read-only table with the child's columns. */
import { Typography } from '@mui/material';
import { ArrayField, Datagrid } from 'react-admin';
import type { MetaField } from '../../meta/types.js';
import { lineColumns } from '../../mapping/fields.js';
import { useFieldLabel } from '../hooks.js';
import { AnyValue, alignOf } from '../values.js';

export function LineItemsTable({ field }: { field: MetaField }) {
  const labelOf = useFieldLabel();
  const columns = lineColumns(field.children!);
  return (
    <div data-lines-table={field.name}>
      <Typography variant="subtitle1" sx={{ mt: 2, mb: 1, fontWeight: 500 }}>
        {labelOf(field)}
      </Typography>
      <ArrayField source={field.name}>
        <Datagrid bulkActionButtons={false} rowClick={false} sx={{ border: 1, borderColor: 'divider', borderRadius: 1 }}>
          {columns.map((c) => (
            <AnyValue key={c.name} source={c.name} field={c} label={labelOf(c)} sortable={false} textAlign={alignOf(c)} compact />
          ))}
        </Datagrid>
      </ArrayField>
    </div>
  );
}
