/** Edit screen of any entity; saves wait for the server (pessimistic) so its field errors reach the form. */
import { Edit, Loading, useRecordContext } from 'react-admin';
import type { MetaEntity } from '../../meta/types.js';
import { useEntity } from '../hooks.js';
import { EntityForm } from './EntityForm.js';
import { RecordTitle } from '../show/RecordTitle.js';
import { RecordActions } from '../show/RecordActions.js';

/** A list row in the cache lacks the line items: wait for the full record before building the form. */
export function hasFullRecord(e: MetaEntity, record: Record<string, unknown> | undefined): boolean {
  return !!record && e.fields.every((f) => f.kind !== 'children' || Array.isArray(record[f.name]));
}

function EditBody({ entity }: { entity: MetaEntity }) {
  const record = useRecordContext();
  if (!hasFullRecord(entity, record)) return <Loading />;
  return <EntityForm entity={entity} mode="edit" />;
}

export default function EntityEdit() {
  const e = useEntity();
  if (!e) return null;
  return (
    <Edit mutationMode="pessimistic" redirect="show" title={<RecordTitle entity={e} />} actions={<RecordActions entity={e} view="edit" />}>
      <EditBody entity={e} />
    </Edit>
  );
}
