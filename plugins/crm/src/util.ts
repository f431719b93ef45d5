/** Small helpers shared by the CRM modules. */
import { D, fieldError, today, userId } from '@tessera/plugin-kit';

export { D, fieldError, today, userId };
