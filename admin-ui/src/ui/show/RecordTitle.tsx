/** Page title of a record: the entity's name and the record's title field (number, name...). */
import { useRecordContext } from 'react-admin';
import type { MetaEntity } from '../../meta/types.js';
import { entityTitle, seededTitle } from '../../mapping/labels.js';
import { useLocale } from '../hooks.js';
import { useFormatValue } from '../values.js';

export function RecordTitle({ entity }: { entity: MetaEntity }) {
  const record = useRecordContext();
  const locale = useLocale();
  const format = useFormatValue();
  const f = entity.fields.find((x) => x.name === entity.titleField);
  const title = record ? seededTitle(entity, record[entity.titleField], locale) || (f ? format(f, record[entity.titleField]) : '') || `#${record.id}` : '';
  return (
    <span>
      {entityTitle(entity, locale)} {title}
    </span>
  );
}
