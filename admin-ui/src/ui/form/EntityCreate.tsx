/** Create screen of any entity; the message names what was made ("Quotation QTN-2026-00012 created"), then its page opens. */
import { Create, useNotify, useRedirect, type RaRecord } from 'react-admin';
import { recordName } from '../../mapping/labels.js';
import { useEntity, useLocale } from '../hooks.js';
import { EntityForm } from './EntityForm.js';

export default function EntityCreate() {
  const e = useEntity();
  const notify = useNotify();
  const redirect = useRedirect();
  const locale = useLocale();
  if (!e) return null;
  const onSuccess = (data: RaRecord) => {
    notify('tessera.entry.created', { type: 'info', messageArgs: { name: recordName(e, data, locale) } });
    redirect('show', e.key, data.id, data);
  };
  return (
    <Create redirect="show" mutationOptions={{ onSuccess }}>
      <EntityForm entity={e} mode="create" />
    </Create>
  );
}
