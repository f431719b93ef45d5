/** Page title of a record: the entity's name and the record's title field (number, name...). */
import { useRecordContext } from 'react-admin';
import type { MetaEntity } from '../../meta/types.js';
import { entityTitle } from '../../mapping/labels.js';
import { useLocale } from '../hooks.js';
import { useRecordTitle } from '../values.js';

export function RecordTitle({ entity }: { entity: MetaEntity }) {
  const record = useRecordContext();
  const locale = useLocale();
  const title = useRecordTitle()(entity, record);
  return (
    <span>
      {entityTitle(entity, locale)} {title}
    </span>
  );
}
