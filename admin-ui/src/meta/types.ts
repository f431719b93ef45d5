/**
 * The shape of GET /api/meta, as the core builds it (core/src/api/meta.ts). The admin UI
 * derives every screen from these objects at run time.
 */
// The wire types come from @tessera/contract, the package the core builds them with, so the
// two sides cannot drift apart.
export type {
  ComputeSpec,
  DashboardKind,
  DocStatus,
  FieldKind,
  JsonSchema,
  Meta,
  MetaAction,
  MetaChoice,
  MetaDashboardWidget,
  MetaEntity,
  MetaField,
  MetaPlugin,
  MetaReport,
  MetaUser,
} from '@tessera/contract';
