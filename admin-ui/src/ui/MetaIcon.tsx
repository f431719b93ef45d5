/** A Material icon by name, from the self-hosted icon font (plugins name their icons in metadata). */
import Icon, { type IconProps } from '@mui/material/Icon';
import { iconName } from '../mapping/labels.js';

export function MetaIcon({ name, fallback, ...props }: { name?: string; fallback?: string } & Omit<IconProps, 'children'>) {
  return (
    <Icon {...props} aria-hidden>
      {iconName(name, fallback)}
    </Icon>
  );
}
