import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import { MlHubError } from '@mlhub/sdk';

/** A readable error: the hub's sentence, its code, and the request id to quote when reporting it. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const hub = error instanceof MlHubError ? error : null;
  const message = error instanceof Error ? error.message : String(error);
  // TapisUI logs out on an error naming the token; the hub's 401 messages already do, this keeps it so.
  const shown = hub?.status === 401 && !/token/i.test(message) ? `Your Tapis token was refused: ${message}` : message;
  return (
    <Alert severity="error" role="alert">
      <AlertTitle>{title ?? (hub?.status === 401 ? 'Not signed in' : 'Something went wrong')}</AlertTitle>
      {shown}
      {hub && (
        <>
          {' '}
          ({hub.code}
          {hub.requestId ? `, request ${hub.requestId}` : ''})
        </>
      )}
    </Alert>
  );
}
