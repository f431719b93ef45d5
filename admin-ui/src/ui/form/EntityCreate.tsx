/** Create screen of any entity. */
import { Create } from 'react-admin';
import { useEntity } from '../hooks.js';
import { EntityForm } from './EntityForm.js';

export default function EntityCreate() {
  const e = useEntity();
  if (!e) return null;
  return (
    <Create redirect="show">
      <EntityForm entity={e} mode="create" />
    </Create>
  );
}
