/**
 * The list screen's pagination. A total the server estimated (more than 10,000 matches) reads
 * "1–25 of about 1.2 million", with a button that counts exactly on request; pages are then
 * walked with previous / next only (each next page by the server's cursor: constant time at
 * any depth), since a jump to a far page would have to skip its rows.
 */
import { useState } from 'react';
import { Box, Button, IconButton, Stack } from '@mui/material';
import ChevronLeft from '@mui/icons-material/ChevronLeft';
import ChevronRight from '@mui/icons-material/ChevronRight';
import { Pagination, useDataProvider, useListContext, useLocaleState, useTranslate, type PaginationActionsProps } from 'react-admin';
import type { TesseraDataProvider } from '../../providers/dataProvider.js';
import { isEstimated, roughNumber } from '../../mapping/totals.js';
import { OFFSET_LIMIT } from '../../mapping/cursors.js';

/** Previous / next only (react-admin's page numbers would offer a jump to the last page). */
function PrevNext({ page, count, rowsPerPage, onPageChange }: PaginationActionsProps) {
  const translate = useTranslate();
  const last = count < 0 ? Infinity : Math.max(0, Math.ceil(count / rowsPerPage) - 1);
  return (
    <Box sx={{ flexShrink: 0, ml: 2 }}>
      <IconButton
        onClick={(ev) => onPageChange(ev.nativeEvent, page - 1)}
        disabled={page <= 0}
        aria-label={translate('ra.navigation.previous')}
        data-action="previous-page"
      >
        <ChevronLeft />
      </IconButton>
      <IconButton
        onClick={(ev) => onPageChange(ev.nativeEvent, page + 1)}
        disabled={page >= last}
        aria-label={translate('ra.navigation.next')}
        data-action="next-page"
      >
        <ChevronRight />
      </IconButton>
    </Box>
  );
}

export function ListPagination({ rowsPerPageOptions }: { rowsPerPageOptions: number[] }) {
  const { meta, total, resource, filterValues, perPage } = useListContext();
  const dataProvider = useDataProvider<TesseraDataProvider>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [exact, setExact] = useState<{ key: string; n: number } | undefined>();
  const [busy, setBusy] = useState(false);
  const key = JSON.stringify([resource, filterValues]);
  const estimated = isEstimated(meta);
  const counted = exact?.key === key ? exact.n : undefined;
  const deep = estimated || (total ?? 0) > OFFSET_LIMIT + perPage;
  const count = async () => {
    setBusy(true);
    try {
      setExact({ key, n: await dataProvider.countExactly(resource, { filter: filterValues }) });
    } finally {
      setBusy(false);
    }
  };
  const label = ({ from, to }: { from: number; to: number }) =>
    counted !== undefined
      ? translate('tessera.list.range', { from, to, total: new Intl.NumberFormat(locale).format(counted) })
      : translate('tessera.list.range_about', { from, to, total: roughNumber(total ?? 0, locale) });
  if (!estimated) return <Pagination rowsPerPageOptions={rowsPerPageOptions} actions={deep ? PrevNext : undefined} />;
  return (
    <Stack direction="row" alignItems="center" justifyContent="flex-end" data-total-estimate={total}>
      {counted === undefined && (
        <Button size="small" onClick={count} disabled={busy} data-action="count-exactly">
          {translate('tessera.list.count_exactly')}
        </Button>
      )}
      {/* react-admin passes further props on to MUI's TablePagination, after its own label. */}
      <Pagination rowsPerPageOptions={rowsPerPageOptions} actions={PrevNext} {...({ labelDisplayedRows: label } as object)} />
    </Stack>
  );
}
