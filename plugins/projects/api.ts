/**
 * The projects plugin's public API (nothing is shared yet).
 * Other plugins import only this file (`@tessera/plugin-projects/api`); everything else in the package is internal.
 */
export {};
