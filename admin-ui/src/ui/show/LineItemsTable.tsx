/** Line items on a record's page: a read-only table with the child's columns. */
import { Typography } from '@mui/material';
import { ArrayField, Datagrid, useRecordContext } from 'react-admin';
import type { MetaField } from '../../meta/types.js';
import { lineColumns } from '../../mapping/fields.js';
import { useFieldLabel } from '../hooks.js';
import { useAllFields } from '../form/AllFields.js';
import { AnyValue, DocumentValues, alignOf } from '../values.js';

export function LineItemsTable({ field }: { field: MetaField }) {
  const labelOf = useFieldLabel();
  const [all] = useAllFields();
  const columns = lineColumns(field.children!, all);
  const doc = useRecordContext();
  return (
    <DocumentValues.Provider value={doc}>
      <div data-lines-table={field.name}>
        <Typography variant="subtitle1" sx={{ mt: 2, mb: 1, fontWeight: 500 }}>
          {labelOf(field)}
        </Typography>
        <ArrayField source={field.name}>
          <Datagrid
            bulkActionButtons={false}
            rowClick={false}
            sx={{
              border: 1,
              borderColor: 'divider',
              borderRadius: 1,
              '& td:first-of-type, & th:first-of-type': { position: 'sticky', left: 0, zIndex: 1, bgcolor: 'background.paper' },
              '& td': { whiteSpace: 'nowrap' },
            }}
          >
            {columns.map((c) => (
              <AnyValue key={c.name} source={c.name} field={c} label={labelOf(c)} sortable={false} textAlign={alignOf(c)} compact />
            ))}
          </Datagrid>
        </ArrayField>
      </div>
    </DocumentValues.Provider>
  );
}
