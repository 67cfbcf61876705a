import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import type { ReactNode } from 'react';
import { useUrlState } from '../url-state.js';

/** The tabs of a repository page; the open one is `?tab=` in the URL. */
export function TabbedSections({
  label,
  sections,
}: {
  label: string;
  sections: Array<{ key: string; title: string; render: () => ReactNode }>;
}) {
  const [params, update] = useUrlState();
  const first = sections[0]?.key ?? '';
  const current = sections.some((s) => s.key === params.get('tab')) ? (params.get('tab') ?? first) : first;
  const section = sections.find((s) => s.key === current);
  return (
    <>
      <Tabs
        value={current}
        onChange={(_event, value: string) => update({ tab: value === first ? null : value })}
        aria-label={label}
        variant="scrollable"
        allowScrollButtonsMobile
      >
        {sections.map((s) => (
          <Tab key={s.key} value={s.key} label={s.title} id={`tab-${s.key}`} aria-controls={`panel-${s.key}`} />
        ))}
      </Tabs>
      <Box role="tabpanel" id={`panel-${current}`} aria-labelledby={`tab-${current}`} sx={{ pt: 2 }}>
        {section?.render()}
      </Box>
    </>
  );
}
