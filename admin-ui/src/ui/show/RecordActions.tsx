/** The toolbar of a record: document lifecycle and actions, edit/show, delete, back to the list. */
import { DeleteButton, EditButton, ListButton, ShowButton, TopToolbar, useRecordContext } from 'react-admin';
import type { MetaEntity } from '../../meta/types.js';
import { canDeleteRecord, canEditRecord } from '../../mapping/fields.js';
import { DocumentButtons } from '../document/DocumentButtons.js';
import { DocStatusChip, StatusChip } from '../values.js';
import { statusFieldOf } from '../../mapping/documents.js';
import { PrintButtons } from '../outbound/PrintButtons.js';

export function RecordActions({ entity, view }: { entity: MetaEntity; view: 'show' | 'edit' }) {
  const record = useRecordContext();
  return (
    <TopToolbar sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
      {entity.submittable &&
        record &&
        (statusFieldOf(entity) && record.status ? (
          <StatusChip field={statusFieldOf(entity)!} value={record.status} docstatus={record.docstatus as string} />
        ) : (
          <DocStatusChip status={record.docstatus as string} />
        ))}
      {record && <DocumentButtons entity={entity} />}
      {view === 'show' && record && <PrintButtons entity={entity} />}
      {view === 'show' && record && canEditRecord(entity, record) && <EditButton />}
      {view === 'edit' && <ShowButton />}
      {view === 'show' && record && canDeleteRecord(entity, record) && <DeleteButton mutationMode="pessimistic" />}
      <ListButton />
    </TopToolbar>
  );
}
