import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import type { Download, DownloadLink, RepoFiles } from '@mlhub/sdk';
import { useState } from 'react';
import { formatBytes } from '../format.js';
import { saveBlob } from '../save-blob.js';
import { ErrorAlert } from './ErrorAlert.js';
import { QueryView, type QueryState } from './QueryView.js';

export interface FilesTabProps {
  files: QueryState<RepoFiles>;
  download: QueryState<Download>;
  /** Fetches a file of the local store with the user's token (a plain link would carry none). */
  fetchStoreFile: (path: string) => Promise<Blob>;
}

/** Files with their sizes, each with a download: public links as links, store files through the hub. */
export function FilesTab({ files, download, fetchStoreFile }: FilesTabProps) {
  const [failure, setFailure] = useState<unknown>(null);
  const links = new Map((download.data?.files ?? []).map((link) => [link.path, link]));
  const save = async (link: DownloadLink) => {
    setFailure(null);
    try {
      saveBlob(await fetchStoreFile(link.path), link.path.split('/').pop() ?? link.path);
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <QueryView query={files} label="files" isEmpty={(f) => f.files.length === 0} empty="This repository has no files.">
      {(f) => (
        <>
          {failure !== null && <ErrorAlert error={failure} title="Download failed" />}
          {download.isError && <ErrorAlert error={download.error} title="Could not load download links" />}
          <Table size="small" aria-label="Files">
            <TableHead>
              <TableRow>
                <TableCell>File</TableCell>
                <TableCell align="right">Size</TableCell>
                <TableCell align="right">Download</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {f.files.map((file) => {
                const link = links.get(file.path);
                return (
                  <TableRow key={file.path}>
                    <TableCell sx={{ overflowWrap: 'anywhere' }}>{file.path}</TableCell>
                    <TableCell align="right">{formatBytes(file.lfs?.size ?? file.size)}</TableCell>
                    <TableCell align="right">
                      {link?.source === 'store' ? (
                        <Button size="small" aria-label={`Download ${file.path}`} onClick={() => void save(link)}>
                          Download
                        </Button>
                      ) : link ? (
                        <Link href={link.url} target="_blank" rel="noopener noreferrer" aria-label={`Download ${file.path}`}>
                          Download
                        </Link>
                      ) : (
                        '–'
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </>
      )}
    </QueryView>
  );
}
